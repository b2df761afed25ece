/**
 * Fills a subscribe-message template's fields from a context and keeps each value inside WeChat's limits
 * for its field type (the key's prefix): a value over the limit makes WeChat refuse the whole message
 * (errcode 47003), so long text is shortened with an ellipsis instead.
 */
const LIMITS: Record<string, number> = {
  thing: 20,
  character_string: 32,
  phrase: 5,
  name: 10,
  number: 32,
  letter: 32,
  symbol: 5,
  phone_number: 17,
  car_number: 8,
  amount: 11,
  time: 30,
  date: 30,
};

export function fieldType(key: string): string {
  return key.replace(/\d+$/, '');
}

function clip(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('')}…`;
}

export function fillTemplateFields(
  data: Record<string, string>,
  ctx: Record<string, string | number | null | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, pattern] of Object.entries(data)) {
    let value = pattern.replace(/\{(\w+)\}/g, (_, name: string) => String(ctx[name] ?? ''));
    const type = fieldType(key);
    if (type === 'character_string') value = value.replace(/[^\x21-\x7e]/g, '');
    if (type === 'phrase') value = value.replace(/[^\u4e00-\u9fff]/g, '');
    value = value.trim() || '—';
    out[key] = clip(value, LIMITS[type] ?? 20);
  }
  return out;
}

/** WeChat's time format for `time` fields, in Beijing time: 2026年11月22日 09:05 */
export function wechatTime(d: Date): string {
  const b = new Date(d.getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${b.getUTCFullYear()}年${b.getUTCMonth() + 1}月${b.getUTCDate()}日 ${p(b.getUTCHours())}:${p(b.getUTCMinutes())}`;
}
