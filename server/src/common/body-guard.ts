/** Deeper than this a JSON body is refused: no form of ours nests more than a few levels. */
export const MAX_BODY_DEPTH = 20;
/**
 * Keys that only serve to reach an object's prototype, and every name an object inherits (`hasOwnProperty`,
 * `toString`, `valueOf`, `constructor`, `__proto__` …): no form of ours has such a field, and class-validator's
 * unknown-field check looks names up in a plain object, so these would slip past it.
 */
const PROTOTYPE_KEYS = new Set(['prototype', ...Object.getOwnPropertyNames(Object.prototype)]);

/**
 * What is wrong with a parsed JSON body before any validation sees it, in Chinese, or null. Walks without
 * recursion: a body of 20 000 nested arrays fits in 64 kB and would overflow the stack of recursive code
 * (class-transformer) further on.
 */
export function bodyProblem(body: unknown): string | null {
  if (body === null || typeof body !== 'object') return null;
  const stack: [unknown, number][] = [[body, 1]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (depth > MAX_BODY_DEPTH) return '请求内容层级过深';
    if (Array.isArray(value)) {
      for (const v of value) if (v !== null && typeof v === 'object') stack.push([v, depth + 1]);
      continue;
    }
    for (const key of Object.keys(value as object)) {
      if (PROTOTYPE_KEYS.has(key)) return `不支持的字段：${key}`;
      const v = (value as Record<string, unknown>)[key];
      if (v !== null && typeof v === 'object') stack.push([v, depth + 1]);
    }
  }
  return null;
}
