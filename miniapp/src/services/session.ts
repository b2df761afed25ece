import Taro from '@tarojs/taro';
import { api, goToLogin } from './api';
import { STORAGE_KEYS, readJson, remove, writeJson } from './storage';
import type { DevAccount, LoginResult, User } from './types';

/** Who is logged in: the token and the last known user, kept in Taro storage. */

export function getToken(): string {
  try {
    return (Taro.getStorageSync(STORAGE_KEYS.token) as string) || '';
  } catch {
    return '';
  }
}

export function getUser(): User | null {
  return readJson<User>(STORAGE_KEYS.user);
}

/** Keeps the token, then the full profile (GET /api/me) that the pages read. */
async function startSession(result: LoginResult): Promise<User> {
  remove(STORAGE_KEYS.user);
  Taro.setStorageSync(STORAGE_KEYS.token, result.token);
  try {
    return await refreshMe();
  } catch (e) {
    remove(STORAGE_KEYS.token);
    throw e;
  }
}

export function logout(): void {
  remove(STORAGE_KEYS.token);
  remove(STORAGE_KEYS.user);
  remove(STORAGE_KEYS.ticketDraft);
  remove(STORAGE_KEYS.registerDraft);
  Taro.reLaunch({ url: '/pages/login/index' });
}

/** For pages that need a login: true if there is a token, else off to the login page. */
export function requireLogin(): boolean {
  if (getToken()) return true;
  goToLogin();
  return false;
}

/** GET /api/me, remembered for the next start. */
export async function refreshMe(): Promise<User> {
  const user = await api.get<User>('/api/me');
  writeJson(STORAGE_KEYS.user, user);
  return user;
}

/** Dev accounts, or null when the server has dev login switched off (404). */
export async function fetchDevAccounts(): Promise<DevAccount[] | null> {
  try {
    return await api.get<DevAccount[]>('/api/auth/dev-accounts', { auth: false });
  } catch (e) {
    if (e && typeof e === 'object' && (e as { statusCode?: number }).statusCode === 404) return null;
    throw e;
  }
}

export async function devLogin(accountId: string): Promise<User> {
  const result = await api.post<LoginResult>('/api/auth/dev-login', { accountId }, { auth: false });
  return startSession(result);
}

/** Real WeChat login: wx.login code → server (jscode2session) → our token. */
export async function wechatLogin(): Promise<User> {
  const { code } = await Taro.login();
  const result = await api.post<LoginResult>('/api/auth/wechat-login', { code }, { auth: false });
  return startSession(result);
}
