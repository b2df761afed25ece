/**
 * WeChat subscribe messages (一次性订阅): the server says which templates fit a tap (at most 3), the
 * mini-program asks the user inside that tap, and reports each answer so the server knows how many
 * messages it may send. Pure parts here; Taro calls in services/subscribe.ts.
 */
export interface SubscribeTemplate {
  scene: string;
  templateId: string;
}

/** WeChat allows at most 3 template ids per wx.requestSubscribeMessage. */
export function templateIdsToAsk(templates: SubscribeTemplate[] | undefined): string[] {
  return [...new Set((templates ?? []).map((t) => t.templateId).filter(Boolean))].slice(0, 3);
}

/** wx.requestSubscribeMessage's result carries one key per template id plus errMsg: keep the answers only. */
export function answersOf(result: Record<string, unknown>, asked: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of asked) {
    const v = result[id];
    if (typeof v === 'string') out[id] = v;
  }
  return out;
}
