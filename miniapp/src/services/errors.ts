/**
 * Turning failures into a sentence a resident understands. Pure: no Taro import, unit-tested.
 */

export const NETWORK_MESSAGE = '网络不佳，请重试';

/**
 * A failed API call. `network` = the request never got an HTTP answer (retry is safe); `body` is the
 * server's error body (a 409 carries the current ticket in `body.current`).
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly network = false,
    readonly body: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const STATUS_MESSAGES: Record<number, string> = {
  400: '提交的内容有误，请检查后重试',
  401: '登录已过期，请重新登录',
  403: '没有权限进行此操作',
  404: '内容不存在或已被删除',
  409: '操作冲突，请刷新后重试',
  413: '文件太大，请换一张小一些的图片',
  422: '提交的内容有误，请检查后重试',
  429: '操作太频繁，请稍后再试',
};

const HAS_CHINESE = /[\u4e00-\u9fa5]/;

/** Maps an error body {statusCode, message: string | string[]} to one Chinese sentence. */
export function messageFromBody(statusCode: number, body: unknown): string {
  const raw = body && typeof body === 'object' ? (body as { message?: unknown }).message : undefined;
  const parts = (Array.isArray(raw) ? raw : [raw]).filter(
    (m): m is string => typeof m === 'string' && HAS_CHINESE.test(m),
  );
  if (parts.length > 0) return parts.join('；');
  if (STATUS_MESSAGES[statusCode]) return STATUS_MESSAGES[statusCode];
  if (statusCode >= 500) return '服务暂时不可用，请稍后再试';
  return `请求失败（${statusCode}）`;
}

/** Message of anything caught from an API call or elsewhere. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e && typeof e === 'object' && 'errMsg' in e) return NETWORK_MESSAGE;
  return '出了点问题，请重试';
}

export function isNetworkError(e: unknown): boolean {
  return e instanceof ApiError && e.network;
}
