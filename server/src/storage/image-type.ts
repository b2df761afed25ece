/** Detects the image type from the first bytes; the client's file name and Content-Type are not trusted. */
export function sniffImage(buf: Buffer): { mime: string; ext: string } | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff)
    return { mime: 'image/jpeg', ext: 'jpg' };
  if (
    buf.length >= 8 &&
    buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return { mime: 'image/png', ext: 'png' };
  if (buf.length >= 6 && /^GIF8[79]a$/.test(buf.subarray(0, 6).toString('latin1')))
    return { mime: 'image/gif', ext: 'gif' };
  if (
    buf.length >= 12 &&
    buf.subarray(0, 4).toString('latin1') === 'RIFF' &&
    buf.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return { mime: 'image/webp', ext: 'webp' };
  return null;
}

/** Photos are kept at most this long on their longest side (a phone's 4000×3000 shot becomes 2560×1920). */
export const PHOTO_MAX_SIDE = 2560;
/**
 * Larger images are refused before decoding, from the size their header states: a small file can claim a huge
 * canvas (a 0.7 MB PNG of 10000×10000 16-bit pixels decodes to 600 MB). 50 million pixels holds a 48-megapixel
 * phone's full-size shot (8000×6000); a pixel of 16 bits a channel counts twice (it takes twice the memory).
 */
export const PHOTO_MAX_PIXELS = 50_000_000;

export interface ImageHeader {
  width: number;
  height: number;
  /** Bits per channel where the header says (PNG); 8 otherwise. */
  bitDepth: number;
}

/**
 * The canvas size an image's header states, read from the bytes without decoding anything; null when the header
 * is missing or cut short (the file is then refused as broken). `type` is what sniffImage found.
 */
export function readImageHeader(buf: Buffer, type: { mime: string }): ImageHeader | null {
  switch (type.mime) {
    case 'image/png':
      // Signature (8), IHDR length and type (8), then width, height (4 + 4, big-endian), bit depth.
      if (buf.length < 26 || buf.subarray(12, 16).toString('latin1') !== 'IHDR') return null;
      return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), bitDepth: buf[24] };
    case 'image/gif':
      // The logical screen: every frame is drawn inside it.
      if (buf.length < 10) return null;
      return { width: buf.readUInt16LE(6), height: buf.readUInt16LE(8), bitDepth: 8 };
    case 'image/webp':
      return webpHeader(buf);
    case 'image/jpeg':
      return jpegHeader(buf);
    default:
      return null;
  }
}

/**
 * Whether libvips can read the file's header (its size and format, no pixels): a few bytes that happen to start
 * like a GIF ("GIF89a<script>…") claim an absurd canvas too, and are a broken file rather than a large photo.
 */
export async function headerReadable(buf: Buffer): Promise<boolean> {
  const { default: sharp } = await import('sharp');
  return sharp(buf, { limitInputPixels: false })
    .metadata()
    .then(
      (m) => !!m.width && !!m.height,
      () => false,
    );
}

/** The pixels an image costs to decode, counting a 16-bit pixel twice. */
export const decodeCost = (h: ImageHeader) => h.width * h.height * (h.bitDepth > 8 ? 2 : 1);

function webpHeader(buf: Buffer): ImageHeader | null {
  if (buf.length < 30) return null;
  const chunk = buf.subarray(12, 16).toString('latin1');
  if (chunk === 'VP8 ') {
    // Frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height.
    if (buf[23] !== 0x9d || buf[24] !== 0x01 || buf[25] !== 0x2a) return null;
    return { width: buf.readUInt16LE(26) & 0x3fff, height: buf.readUInt16LE(28) & 0x3fff, bitDepth: 8 };
  }
  if (chunk === 'VP8L') {
    if (buf[20] !== 0x2f) return null;
    const bits = buf.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, bitDepth: 8 };
  }
  if (chunk === 'VP8X') {
    // The canvas, each side minus one in 24 bits.
    return { width: buf.readUIntLE(24, 3) + 1, height: buf.readUIntLE(27, 3) + 1, bitDepth: 8 };
  }
  return null;
}

/** The frame size from the first SOFn marker; segments before it are skipped by their length. */
function jpegHeader(buf: Buffer): ImageHeader | null {
  let i = 2;
  while (i + 4 <= buf.length) {
    if (buf[i] !== 0xff) return null;
    const marker = buf[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    // Markers without a length: TEM, RST0–7, SOI, EOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      i += 2;
      continue;
    }
    const len = buf.readUInt16BE(i + 2);
    if (len < 2) return null;
    const sof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (sof) {
      if (i + 9 > buf.length) return null;
      return { width: buf.readUInt16BE(i + 7), height: buf.readUInt16BE(i + 5), bitDepth: buf[i + 4] };
    }
    if (marker === 0xda) return null; // scan data before any frame header
    i += 2 + len;
  }
  return null;
}

/**
 * Decodes and re-encodes an uploaded image, so only pixels are kept: EXIF (GPS location, camera, time),
 * XMP and IPTC are dropped. Turned upright by its EXIF orientation first, shrunk to PHOTO_MAX_SIDE, stored as
 * PNG when it came as PNG (screenshots, transparency) and as JPEG otherwise. Throws when it does not decode.
 */
export async function reencodeImage(
  buf: Buffer,
  type: { mime: string },
): Promise<{ data: Buffer; mime: string; ext: string; width: number; height: number }> {
  // Loaded lazily: only uploads need libvips.
  const { default: sharp } = await import('sharp');
  // One libvips thread per image: the concurrency of decodes is the upload gate's (UPLOAD_DECODE_CONCURRENCY).
  if (sharp.concurrency() !== 1) sharp.concurrency(1);
  // The header was checked already (readImageHeader); libvips checks again on what it actually reads.
  const img = sharp(buf, { failOn: 'error', limitInputPixels: PHOTO_MAX_PIXELS, animated: false })
    .autoOrient()
    .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true });
  const png = type.mime === 'image/png';
  const out = png
    ? img.png({ compressionLevel: 6 })
    : img.flatten({ background: '#ffffff' }).jpeg({ quality: 82, progressive: true });
  // sharp writes no metadata unless asked (withMetadata / keepExif): none is asked here.
  const { data, info } = await out.toBuffer({ resolveWithObject: true });
  return png
    ? { data, mime: 'image/png', ext: 'png', width: info.width, height: info.height }
    : { data, mime: 'image/jpeg', ext: 'jpg', width: info.width, height: info.height };
}
