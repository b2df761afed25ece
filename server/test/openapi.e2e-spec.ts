import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import {
  API_TYPES_FILE,
  HTTP_METHODS,
  OpenApiDocument,
  generateApiTypes,
  serveOpenApiDocument,
} from './support/openapi';

/**
 * The API is a contract with mini-program versions already on phones: every operation documents its answer in the
 * OpenAPI document (/api/docs/json), and the mini-program's types are generated from that document.
 * `pnpm gen:api-types` runs this suite with UPDATE_API_TYPES=1, which rewrites the generated file.
 */
describe('OpenAPI document', () => {
  let doc: OpenApiDocument;
  beforeAll(async () => {
    doc = await serveOpenApiDocument();
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      HTTP_METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m] })),
    );
  /** A 2xx answer with a schema for some content type. */
  const documented = (op: (typeof operations extends () => (infer T)[] ? T : never)['op']) =>
    Object.entries(op.responses ?? {}).some(
      ([code, r]) => /^2\d\d$/.test(code) && Object.values(r.content ?? {}).some((c) => c.schema),
    );

  it('at least 90% of operations document the schema of their 2xx answer', () => {
    const all = operations();
    const missing = all.filter((o) => !documented(o.op)).map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(all.length).toBeGreaterThan(100);
    const share = (all.length - missing.length) / all.length;
    if (share < 0.9)
      throw new Error(
        `${missing.length} of ${all.length} operations document no response schema (add @ApiOkResponse / ` +
          `@ApiCreatedResponse with a class from the domain's responses.ts, see docs/development.md):\n` +
          missing.join('\n'),
      );
  });

  it('every response schema it names is defined', () => {
    const text = JSON.stringify(doc);
    const refs = new Set([...text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]));
    const defined = Object.keys(doc.components?.schemas ?? {});
    expect([...refs].filter((r) => !defined.includes(r))).toEqual([]);
  });

  it('the mini-program API types are generated from the current document', () => {
    const generated = generateApiTypes(doc);
    const file = relative(process.cwd(), API_TYPES_FILE);
    if (process.env.UPDATE_API_TYPES === '1') {
      writeFileSync(API_TYPES_FILE, generated);
      return;
    }
    const current = existsSync(API_TYPES_FILE) ? readFileSync(API_TYPES_FILE, 'utf8') : '';
    if (current !== generated)
      throw new Error(`${file} is not what the server's OpenAPI document gives: run pnpm gen:api-types`);
  });
});
