/**
 * WeChat subscribe messages 订阅消息: which template ids to ask for at a tap, and which answers to report to
 * the server. Pure; the Taro calls are in services/subscribe.ts.
 */

/** GET /api/notifications/subscribe-templates?moment=… answers { templates: [{ scene, templateId }] }. */
export function templateIdsOf(body: unknown): string[] {
  const list = body && typeof body === 'object' ? (body as { templates?: unknown }).templates : undefined;
  if (!Array.isArray(list)) return [];
  const ids = list
    .map((t) => (t && typeof t === 'object' ? (t as { templateId?: unknown }).templateId : undefined))
    .filter((id): id is string => typeof id === 'string' && id.length > 0);
  // WeChat accepts at most 3 templates per request.
  return [...new Set(ids)].slice(0, 3);
}

/**
 * wx.requestSubscribeMessage answers { errMsg, [templateId]: 'accept' | 'reject' | 'ban' | 'filter' }:
 * the answers for the ids asked, nothing else (errMsg is not a template).
 */
export function subscribeResults(res: unknown, asked: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!res || typeof res !== 'object') return out;
  for (const id of asked) {
    const answer = (res as Record<string, unknown>)[id];
    if (typeof answer === 'string') out[id] = answer;
  }
  return out;
}
