import Taro from '@tarojs/taro';
import { ApiError, NETWORK_MESSAGE, messageFromBody } from './errors';
import { STORAGE_KEYS, remove } from './storage';
import type { UploadResult } from './types';

/**
 * The one way the mini-program talks to the 物业通 server: base URL, Bearer token, JSON,
 * Chinese error messages, and 401 → back to the login page.
 */

const REQUEST_TIMEOUT_MS = 15_000;
const UPLOAD_TIMEOUT_MS = 60_000;
const LOGIN_PAGE = '/pages/login/index';

export { ApiError };

export function apiUrl(path: string): string {
  return `${API_BASE}${path}`;
}

/** Photos come back as `/api/files/<key>`; on weapp they need the absolute server URL. */
export function resolveUrl(url: string): string {
  return url.startsWith('/') ? apiUrl(url) : url;
}

function token(): string {
  try {
    return (Taro.getStorageSync(STORAGE_KEYS.token) as string) || '';
  } catch {
    return '';
  }
}

let redirectingToLogin = false;

/** The session is gone or invalid: forget it and show the login page once. */
export function goToLogin(): void {
  remove(STORAGE_KEYS.token);
  remove(STORAGE_KEYS.user);
  if (redirectingToLogin) return;
  redirectingToLogin = true;
  Taro.reLaunch({ url: LOGIN_PAGE }).finally(() => {
    redirectingToLogin = false;
  });
}

export interface RequestOptions {
  data?: unknown;
  header?: Record<string, string>;
  /** false for the login calls: a 401 there is a wrong answer, not an expired session. */
  auth?: boolean;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const { data, auth = true } = options;
  const header: Record<string, string> = { 'content-type': 'application/json', ...options.header };
  const t = token();
  if (t) header.Authorization = `Bearer ${t}`;

  let statusCode: number;
  let body: unknown;
  try {
    const res = await Taro.request({
      url: apiUrl(path),
      method,
      data: data as Taro.request.Option['data'],
      header,
      timeout: REQUEST_TIMEOUT_MS,
      dataType: 'json',
    });
    statusCode = res.statusCode;
    body = res.data;
  } catch {
    throw new ApiError(NETWORK_MESSAGE, 0, true);
  }
  return handleResponse<T>(statusCode, body, auth);
}

function handleResponse<T>(statusCode: number, body: unknown, auth: boolean): T {
  if (statusCode >= 200 && statusCode < 300) return body as T;
  if (statusCode === 401 && auth) goToLogin();
  throw new ApiError(messageFromBody(statusCode, body), statusCode, false, body);
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, data?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, data }),
  put: <T>(path: string, data?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, data }),
  del: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};

export interface UploadHandle {
  promise: Promise<UploadResult>;
  abort: () => void;
}

/** Uploads one photo (multipart field `file`) to POST /api/uploads, reporting progress 0–100. */
export function uploadPhoto(filePath: string, onProgress?: (percent: number) => void): UploadHandle {
  const header: Record<string, string> = {};
  const t = token();
  if (t) header.Authorization = `Bearer ${t}`;
  const task = Taro.uploadFile({
    url: apiUrl('/api/uploads'),
    filePath,
    name: 'file',
    header,
    timeout: UPLOAD_TIMEOUT_MS,
  });
  if (onProgress && typeof task.progress === 'function') {
    task.progress((p) => onProgress(p.progress));
  }
  const promise = task.then(
    (res) => {
      let body: unknown = res.data;
      try {
        body = typeof res.data === 'string' ? JSON.parse(res.data) : res.data;
      } catch {
        /* not JSON: handled as a failed upload below */
      }
      return handleResponse<UploadResult>(res.statusCode, body, true);
    },
    () => {
      throw new ApiError(NETWORK_MESSAGE, 0, true);
    },
  );
  return { promise, abort: () => task.abort?.() };
}
