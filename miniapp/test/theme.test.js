/**
 * The palette: defined once in src/app.css as CSS variables, used everywhere through var(--color-…). Checks the
 * source and the built weapp (dist/weapp): the variables sit on `page`, every variable used is defined, no
 * stylesheet repeats a palette colour by hand, and theme.ts (colours for native components) agrees with app.css.
 * That the H5 build applies them is checked in the browser (e2e/run.mjs, the submit button's computed colour).
 */
const { readFileSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');
const { THEME } = require('../src/theme.ts');

const SRC = path.resolve(__dirname, '../src');
const DIST = path.resolve(__dirname, '../dist/weapp');

function walk(dir, ext, files = []) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, ext, files);
    else if (full.endsWith(ext)) files.push(full);
  }
  return files;
}

/** `--color-x: #abc` pairs of the first rule of app.css. */
function palette(css) {
  const block = css.slice(0, css.indexOf('}'));
  return Object.fromEntries(
    [...block.matchAll(/--(color-[a-z0-9-]+)\s*:\s*(#[0-9a-f]{3,6})/gi)].map((m) => [m[1], m[2]]),
  );
}

const appCss = readFileSync(path.join(SRC, 'app.css'), 'utf8');
const colours = palette(appCss);
const used = (css) => [...css.matchAll(/var\(--(color-[a-z0-9-]+)\)/g)].map((m) => m[1]);

describe('theme colours', () => {
  it('app.css defines the palette on page and body, with the brand green', () => {
    expect(appCss).toMatch(/^page,\s*body\s*\{\s*\/\*[^*]*\*\/\s*--color-primary: #1f7a5c;/m);
    expect(Object.keys(colours).length).toBeGreaterThan(20);
  });

  it('no source stylesheet writes a palette colour by hand, and every variable used is defined', () => {
    const hexes = new Set(Object.values(colours).map((c) => c.toLowerCase()));
    hexes.add('#ffffff');
    for (const file of walk(SRC, '.css')) {
      const css = readFileSync(file, 'utf8');
      const rest = file.endsWith(`${path.sep}app.css`) ? css.slice(css.indexOf('}') + 1) : css;
      const written = (rest.match(/#[0-9a-f]{3,6}\b/gi) ?? []).filter((h) => hexes.has(h.toLowerCase()));
      expect({ file: path.relative(SRC, file), written }).toEqual({
        file: path.relative(SRC, file),
        written: [],
      });
      for (const name of used(css)) expect(colours).toHaveProperty([name]);
    }
  });

  it('theme.ts (native components) uses the same colours as app.css', () => {
    expect(THEME.primary).toBe(colours['color-primary']);
    expect(THEME.page).toBe(colours['color-page']);
  });

  it('the weapp build keeps the variables on page and uses them in the pages', () => {
    const app = readFileSync(path.join(DIST, 'app-origin.wxss'), 'utf8');
    expect(app).toMatch(/(^|[,}])(body,)?page(,body)?\{--color-primary:#1f7a5c;/);
    let uses = 0;
    for (const file of walk(DIST, '.wxss')) {
      const css = readFileSync(file, 'utf8');
      for (const name of used(css)) {
        expect(colours).toHaveProperty([name]);
        uses++;
      }
      if (!file.endsWith('app-origin.wxss')) expect(css).not.toMatch(/#1f7a5c/i);
    }
    expect(uses).toBeGreaterThan(100);
    const appJson = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8'));
    expect(appJson.window.navigationBarBackgroundColor).toBe('#1f7a5c');
    expect(appJson.tabBar.selectedColor).toBe('#1f7a5c');
  });
});
