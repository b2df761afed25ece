/**
 * The words of components/LoadState.tsx — what a page says while its data loads, when the load failed and when
 * there is nothing to list. Pure.
 */
import { NETWORK_MESSAGE } from '../services/errors';

export const LOAD_TEXT = {
  loading: '加载中…',
  /** After a failure told in a line of text; a button says just 重试. */
  retry: '点此重试',
  retryButton: '重试',
  network: '网络不佳',
  failed: (what: string) => `${what}加载失败`,
  more: '加载更多',
  noMore: '没有更多了',
} as const;

/**
 * Why a load failed, in a few words: 网络不佳 for a dropped connection, else the server's sentence without its own
 * advice to try again (请重试, 请稍后再试…) — the retry is offered right beside it.
 */
export function failureReason(error: string): string {
  if (error === NETWORK_MESSAGE) return LOAD_TEXT.network;
  return error.replace(/，请[^，。]*(重试|再试)。?$/, '') || error;
}

/**
 * One tappable line for a failure inside a section: 网络不佳，点此重试 — or, when the part is named,
 * 房屋列表加载失败，点此重试; without a retry only the reason.
 */
export function retryLine(error: string, opts: { what?: string; retry?: boolean } = {}): string {
  const reason = error !== NETWORK_MESSAGE && opts.what ? LOAD_TEXT.failed(opts.what) : failureReason(error);
  return opts.retry === false ? reason : `${reason}，${LOAD_TEXT.retry}`;
}

/** The foot of a paged list: 加载中… while a page loads, 加载更多 while pages remain, else 没有更多了. */
export function footerText(loading: boolean, more: boolean): string {
  return loading ? LOAD_TEXT.loading : more ? LOAD_TEXT.more : LOAD_TEXT.noMore;
}
