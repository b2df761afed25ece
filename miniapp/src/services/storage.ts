import Taro from '@tarojs/taro';

/** Every key the mini-program keeps in Taro storage, in one place. */
export const STORAGE_KEYS = {
  token: 'wuye.token',
  user: 'wuye.user',
  ticketDraft: 'wuye.ticketDraft',
  /** 代客登记 draft of a staff member (with its idempotency key). */
  registerDraft: 'wuye.staffRegisterDraft',
} as const;

export function readJson<T>(key: string): T | null {
  try {
    const raw = Taro.getStorageSync(key);
    if (raw === '' || raw === undefined || raw === null) return null;
    return (typeof raw === 'string' ? JSON.parse(raw) : raw) as T;
  } catch {
    return null;
  }
}

export function writeJson(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, JSON.stringify(value));
  } catch {
    // Storage full or unavailable: the draft simply does not survive a crash.
  }
}

export function remove(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    /* ignore */
  }
}
