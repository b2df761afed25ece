import Taro from '@tarojs/taro';
import { answersOf, templateIdsToAsk, type SubscribeTemplate } from '../logic/subscribe';
import { api } from './api';

export type SubscribeMoment = 'file' | 'rate' | 'staff';

const cache = new Map<SubscribeMoment, string[]>();

/**
 * Loads the template ids for a tap ahead of time: wx.requestSubscribeMessage must be called inside the tap
 * itself, with no network round-trip in between. No-op outside WeChat.
 */
export async function prefetchSubscriptions(moment: SubscribeMoment): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp' || cache.has(moment)) return;
  try {
    const res = await api.get<{ templates: SubscribeTemplate[] }>(
      `/api/notifications/subscribe-templates?moment=${moment}`,
    );
    cache.set(moment, templateIdsToAsk(res.templates));
  } catch {
    /* offline or not configured: the tap simply asks nothing */
  }
}

/**
 * Call first thing in a tap handler: asks the user for this moment's messages and tells the server what
 * was allowed. Never throws and never blocks the action the user tapped for.
 */
export function askSubscriptions(moment: SubscribeMoment): void {
  const ids = cache.get(moment);
  if (process.env.TARO_ENV !== 'weapp' || !ids?.length) return;
  Taro.requestSubscribeMessage({ tmplIds: ids } as never)
    .then((result) => {
      const results = answersOf(result as unknown as Record<string, unknown>, ids);
      if (Object.keys(results).length) return api.post('/api/notifications/subscriptions', { results });
    })
    .catch(() => undefined);
}
