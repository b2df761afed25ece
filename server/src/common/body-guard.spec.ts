import { bodyProblem, MAX_BODY_DEPTH } from './body-guard';

describe('body guard', () => {
  const nested = (depth: number) => JSON.parse(`${'['.repeat(depth - 1)}{}${']'.repeat(depth - 1)}`);

  it('lets ordinary bodies and non-objects through', () => {
    expect(
      bodyProblem({ kind: 'complaint', content: 'x', photoIds: ['a'], cause: { factor: 'f' } }),
    ).toBeNull();
    expect(bodyProblem(undefined)).toBeNull();
    expect(bodyProblem('text')).toBeNull();
    expect(bodyProblem(nested(MAX_BODY_DEPTH))).toBeNull();
  });

  it('refuses nesting deeper than MAX_BODY_DEPTH, however deep, without recursion', () => {
    expect(bodyProblem(nested(MAX_BODY_DEPTH + 1))).toBe('请求内容层级过深');
    expect(bodyProblem({ a: nested(100_000) })).toBe('请求内容层级过深');
  });

  it('refuses keys that reach a prototype, at any level', () => {
    expect(bodyProblem(JSON.parse('{"__proto__": {"x": 1}}'))).toBe('不支持的字段：__proto__');
    expect(bodyProblem(JSON.parse('{"a": [{"constructor": {"prototype": {}}}]}'))).toBe(
      '不支持的字段：constructor',
    );
  });
});

describe('body guard and inherited names', () => {
  it('refuses every name a plain object inherits, at any level', () => {
    for (const key of [
      'hasOwnProperty',
      'toString',
      'valueOf',
      'constructor',
      '__proto__',
      'isPrototypeOf',
    ]) {
      expect(bodyProblem(JSON.parse(`{"${key}": 1}`))).toBe(`不支持的字段：${key}`);
      expect(bodyProblem(JSON.parse(`{"items": [{"name": "x", "${key}": "y"}]}`))).toBe(
        `不支持的字段：${key}`,
      );
    }
    expect(bodyProblem({ name: 'toString', note: 'valueOf' })).toBeNull();
  });
});
