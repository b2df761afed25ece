import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import {
  API_TYPES_FILE,
  OpenApiDocument,
  generateApiTypes,
  serveOpenApiDocument,
  undocumentedOperations,
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

  it('at least 90% of operations document the schema of their 2xx answer', () => {
    const { all, missing } = undocumentedOperations(doc);
    expect(all).toBeGreaterThan(100);
    if ((all - missing.length) / all < 0.9)
      throw new Error(
        `${missing.length} of ${all} operations document no response schema (add @ApiOkResponse / ` +
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
