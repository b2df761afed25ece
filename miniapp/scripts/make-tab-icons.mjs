// Draws the tab-bar icons (81×81 PNG, grey and green) into src/assets/tab/.
// WeChat's tab bar takes only PNG/JPG files, so the shapes are rasterised here, 4×4 supersampled.
//   node scripts/make-tab-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const SS = 4;
const COLORS = { normal: [122, 126, 131], active: [31, 122, 92] };
const OUT = new URL('../src/assets/tab/', import.meta.url);

// Shapes in a 0..1 box; each returns true when the point is inked.
const dist = (x1, y1, x2, y2) => Math.hypot(x1 - x2, y1 - y2);
function segment(px, py, ax, ay, bx, by) {
  const t = Math.max(
    0,
    Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  return dist(px, py, ax + t * (bx - ax), ay + t * (by - ay));
}
function roundedRectEdge(px, py, x0, y0, x1, y1, r) {
  // Distance to the outline of a rounded rectangle.
  const cx = Math.max(x0 + r, Math.min(x1 - r, px));
  const cy = Math.max(y0 + r, Math.min(y1 - r, py));
  const inside = px > x0 && px < x1 && py > y0 && py < y1;
  const d = dist(px, py, cx, cy);
  if (px >= x0 + r && px <= x1 - r)
    return inside ? Math.min(py - y0, y1 - py) : Math.min(Math.abs(py - y0), Math.abs(py - y1));
  if (py >= y0 + r && py <= y1 - r)
    return inside ? Math.min(px - x0, x1 - px) : Math.min(Math.abs(px - x0), Math.abs(px - x1));
  return Math.abs(d - r);
}
const W = 0.035; // half stroke width

const ICONS = {
  // 我要反馈: a speech bubble with a pen stroke inside.
  file: (x, y) =>
    roundedRectEdge(x, y, 0.14, 0.18, 0.86, 0.7, 0.12) < W ||
    segment(x, y, 0.3, 0.7, 0.24, 0.86) < W ||
    segment(x, y, 0.24, 0.86, 0.46, 0.7) < W ||
    segment(x, y, 0.34, 0.44, 0.66, 0.44) < W,
  // 我的反馈: a list.
  tickets: (x, y) =>
    [0.3, 0.5, 0.7].some((ly) => dist(x, y, 0.22, ly) < 0.055 || segment(x, y, 0.36, ly, 0.82, ly) < W),
  // 我的: a person.
  me: (x, y) =>
    Math.abs(dist(x, y, 0.5, 0.34) - 0.15) < W ||
    (y < 0.84 + W && Math.abs(Math.hypot((x - 0.5) / 0.32, (y - 0.86) / 0.3) - 1) < W / 0.31) ||
    (segment(x, y, 0.18, 0.86, 0.82, 0.86) < W && y <= 0.86 + W),
};

function crcTable() {
  return Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
}
const TABLE = crcTable();
function crc(buf) {
  let x = 0xffffffff;
  for (const b of buf) x = TABLE[(x ^ b) & 255] ^ (x >>> 8);
  return (x ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
}
function png(shape, [r, g, b]) {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let py = 0; py < SIZE; py++) {
    raw[py * (SIZE * 4 + 1)] = 0;
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++)
          if (shape((px + (sx + 0.5) / SS) / SIZE, (py + (sy + 0.5) / SS) / SIZE)) hits++;
      const o = py * (SIZE * 4 + 1) + 1 + px * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round((255 * hits) / (SS * SS));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8;
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT, { recursive: true });
for (const [name, shape] of Object.entries(ICONS)) {
  writeFileSync(new URL(`${name}.png`, OUT), png(shape, COLORS.normal));
  writeFileSync(new URL(`${name}-active.png`, OUT), png(shape, COLORS.active));
}
console.log(`tab icons written to ${OUT.pathname}`);
