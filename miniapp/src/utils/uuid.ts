/**
 * RFC 4122 version-4 UUID. Mini-programs have no crypto.randomUUID; an idempotency key only
 * needs to be unique per draft, so Math.random is enough here.
 */
export function uuidV4(random: () => number = Math.random): string {
  const hex: number[] = [];
  for (let i = 0; i < 16; i++) hex.push(Math.floor(random() * 256));
  hex[6] = (hex[6] & 0x0f) | 0x40;
  hex[8] = (hex[8] & 0x3f) | 0x80;
  const h = hex.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
