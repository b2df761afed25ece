import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { api } from '../services/api';
import { errorMessage, isNetworkError, NETWORK_MESSAGE } from '../services/errors';
import { remove, writeJson } from '../services/storage';
import { uuidV4 } from '../utils/uuid';
import { createSubmitQueue } from './submitQueue';

/** A draft sent idempotently: its key is made on the first edit and kept until the server accepted it. */
export interface KeyedDraft {
  idempotencyKey: string | null;
}

export interface TicketDraftOptions<D extends KeyedDraft, R> {
  /** Where the draft is kept while it is edited (STORAGE_KEYS). */
  storageKey: string;
  /** The draft to start from: the stored one, or an empty one. */
  initial: () => D;
  /** An empty draft, once the last one was accepted. */
  empty: () => D;
  /** Applies an edit (./draft editDraft, ./registerDraft editRegisterDraft): the first one makes the key. */
  edit: (draft: D, patch: Partial<D>, newKey: () => string) => D;
  /** The first thing that stops the draft from being sent, in Chinese, or null. */
  validate: (draft: D) => string | null;
  /** The POST /api/tickets body of a draft that passed `validate` and has its key. */
  body: (draft: D) => object & { idempotencyKey?: string | null };
  /** Inside the tap, before anything else (e.g. asking for WeChat subscriptions, which must happen in a tap). */
  onTap?: () => void;
  /** The server accepted the ticket (or returned the one it already made for this key). */
  onSent: (ticket: R) => void;
}

/**
 * The filing flow the resident's 我要反馈 and the front desk's 代客登记 share. The draft is kept in storage as it is
 * edited (debounced), so a crash or a killed app loses nothing. 提交 checks it first (the reason as a toast and in
 * `error`); the key is on disk before the first byte leaves; the send goes through the submit queue — a second tap
 * joins it, a dropped connection is retried with the same key, then `networkFailed` asks to tap again (same key).
 * The draft and its key are cleared only after the server accepted the ticket.
 */
export function useTicketDraft<D extends KeyedDraft, R>(options: TicketDraftOptions<D, R>) {
  const opts = useRef(options);
  opts.current = options;
  const [draft, setDraft] = useState<D>(options.initial);
  const [attempted, setAttempted] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [networkFailed, setNetworkFailed] = useState(false);
  const queue = useRef(
    createSubmitQueue((body: { idempotencyKey?: string | null }) =>
      api.post<R>('/api/tickets', body, { header: { 'Idempotency-Key': String(body.idempotencyKey) } }),
    ),
  );

  // A draft already filed is never written back: its save may still be pending when a quick answer arrives, before
  // the emptied form renders.
  const filed = useRef(new Set<string>());
  useEffect(() => {
    const key = draft.idempotencyKey;
    if (!key) return;
    const timer = setTimeout(() => {
      if (!filed.current.has(key)) writeJson(opts.current.storageKey, draft);
    }, 300);
    return () => clearTimeout(timer);
  }, [draft]);

  /** An edit by the user: applied with its key, and the last error goes. */
  const update = useCallback((patch: Partial<D>) => {
    setDraft((d) => opts.current.edit(d, patch, uuidV4));
    setError(null);
  }, []);

  const submit = async () => {
    if (sending || queue.current.busy) return; // a second tap joins nothing new
    const o = opts.current;
    o.onTap?.();
    setAttempted(true);
    const problem = o.validate(draft);
    if (problem) {
      setError(problem);
      Taro.showToast({ title: problem, icon: 'none' });
      return;
    }
    // The key must be on disk before the first byte leaves, so a crash mid-send retries with it.
    const ready = draft.idempotencyKey ? draft : o.edit(draft, {}, uuidV4);
    writeJson(o.storageKey, ready);
    if (ready !== draft) setDraft(ready);
    setSending(true);
    setError(null);
    try {
      const ticket = (await queue.current.submit(o.body(ready))) as R;
      if (ready.idempotencyKey) filed.current.add(ready.idempotencyKey);
      remove(o.storageKey);
      setDraft(o.empty());
      setAttempted(false);
      setNetworkFailed(false);
      o.onSent(ticket);
    } catch (e) {
      const network = isNetworkError(e);
      setNetworkFailed(network);
      setError(network ? NETWORK_MESSAGE : errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return { draft, setDraft, update, submit, attempted, sending, error, networkFailed };
}
