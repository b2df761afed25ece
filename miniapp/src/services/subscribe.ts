import Taro from '@tarojs/taro';
import { api } from './api';
import { subscribeResults, templateIdsOf } from '../logic/subscribe';

/**
 * Asking for WeChat subscribe messages at a tap 订阅消息 (weapp only). WeChat shows the dialog only when
 * wx.requestSubscribeMessage runs inside the tap, so the template ids are fetched beforehand
 * (`prepareSubscribe` when the page loads) and `askSubscribe` calls WeChat first thing in the tap handler.
 * Both are no-ops on H5 and when the server has no templates configured; neither ever throws.
 */

/** The taps the server knows (SUBSCRIBE_MOMENTS): filing, rating, staff work. */
export type SubscribeMoment = 'file' | 'rate' | 'staff';

const prepared = new Map<SubscribeMoment, string[]>();

const isWeapp = () => process.env.TARO_ENV === 'weapp';

/** Loads the template ids for a moment ahead of the tap. */
export async function prepareSubscribe(moment: SubscribeMoment): Promise<void> {
  if (!isWeapp() || prepared.has(moment)) return;
  try {
    const body = await api.get<unknown>(`/api/notifications/subscribe-templates?moment=${moment}`);
    prepared.set(moment, templateIdsOf(body));
  } catch {
    /* no subscription this time; the in-app notification still arrives */
  }
}

/** At the tap: asks WeChat for the prepared templates and tells the server what the user accepted. */
export async function askSubscribe(moment: SubscribeMoment): Promise<void> {
  const ids = prepared.get(moment) ?? [];
  if (!isWeapp() || ids.length === 0) return;
  try {
    const res = await Taro.requestSubscribeMessage({ tmplIds: ids } as Taro.requestSubscribeMessage.Option);
    const results = subscribeResults(res, ids);
    if (Object.keys(results).length) await api.post('/api/notifications/subscriptions', { results });
  } catch {
    /* refused, or not supported on this WeChat version */
  }
}
