/** All business dates are Asia/Shanghai (UTC+8, no DST) whatever the server's zone. */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** YYYY-MM-DD of the instant in Asia/Shanghai. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
