import { OpenApiDocument, answerProblems, schemaProblems, undocumentedOperations } from './support/openapi';

/** The contract tests' own checks, on small documents: they find what they are meant to find. */
const doc = {
  paths: {
    '/api/things/{id}': {
      get: {
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
        },
      },
      delete: { responses: { '204': { description: 'gone' } } },
    },
    '/api/things': {
      get: { responses: { '200': { description: 'no schema' } } },
      post: {
        responses: {
          '201': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['id', 'status', 'tags', 'closedAt'],
        properties: {
          id: { type: 'string' },
          status: { type: 'string', enum: ['open', 'closed'] },
          tags: { type: 'array', items: { type: 'string' } },
          closedAt: { type: 'string', format: 'date-time', nullable: true },
          score: { type: 'number' },
          extra: { type: 'object', additionalProperties: { type: 'number' } },
          owner: { nullable: true, allOf: [{ $ref: '#/components/schemas/Owner' }] },
        },
      },
      Owner: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
    },
  },
} as unknown as OpenApiDocument;
const thing = { $ref: '#/components/schemas/Thing' };
const good = {
  id: 't1',
  status: 'open',
  tags: ['a'],
  closedAt: null,
  extra: { a: 1 },
  owner: { name: '林' },
};

describe('the OpenAPI contract checks', () => {
  it('accept an answer that is exactly as documented', () => {
    expect(schemaProblems(doc, thing, good)).toEqual([]);
    expect(answerProblems(doc, 'GET', '/api/things/t1?full=1', 200, good)).toEqual([]);
  });

  it('name every departure: an undocumented field, a missing one, a wrong type, null, a value off the enum', () => {
    expect(
      schemaProblems(doc, thing, {
        ...good,
        secret: 'x',
        id: undefined,
        tags: [1],
        status: 'lost',
        score: '3.50',
        extra: { a: '1' },
        owner: { name: null },
      }),
    ).toEqual(
      expect.arrayContaining([
        '$.secret: not in the document',
        '$.tags[0]: number, not string',
        '$.status: "lost" not in the enum',
        '$.score: string, not number',
        '$.extra.a: string, not number',
        '$.owner.name: null, not string',
      ]),
    );
    const { id: _id, ...withoutId } = good;
    expect(schemaProblems(doc, thing, withoutId)).toEqual(['$.id: required, missing']);
  });

  it('say when an answer has no documented status or operation', () => {
    expect(answerProblems(doc, 'GET', '/api/things/t1', 201, good)).toEqual([
      'GET /api/things/t1: status 201 not in the document',
    ]);
    expect(answerProblems(doc, 'GET', '/api/others', 200, good)).toEqual([
      'GET /api/others: not in the document',
    ]);
  });

  it('count the operations that document no 2xx schema', () => {
    expect(undocumentedOperations(doc)).toEqual({
      all: 4,
      missing: ['DELETE /api/things/{id}', 'GET /api/things'],
    });
  });
});
