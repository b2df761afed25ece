/**
 * Sending a ticket safely on a weak network:
 * - a second tap while a send is under way joins that send instead of starting another;
 * - a network failure (no HTTP answer) is retried automatically a few times with the same
 *   idempotency key, so the server returns the ticket it already made rather than a duplicate;
 * - any HTTP error (validation, permission) is not retried.
 * Pure: the sender and the sleep are injected.
 */
import { isNetworkError } from '../services/errors';

export interface SubmitQueueOptions {
  /** Pauses before each automatic retry; its length is the number of retries. */
  retryDelaysMs?: number[];
  sleep?: (ms: number) => Promise<void>;
}

export interface SubmitQueue<B, R> {
  submit(body: B): Promise<R>;
  readonly busy: boolean;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createSubmitQueue<B, R>(
  send: (body: B) => Promise<R>,
  { retryDelaysMs = [800, 2000], sleep = defaultSleep }: SubmitQueueOptions = {},
): SubmitQueue<B, R> {
  let inFlight: Promise<R> | null = null;

  async function attempt(body: B): Promise<R> {
    for (let i = 0; ; i++) {
      try {
        return await send(body);
      } catch (e) {
        if (!isNetworkError(e) || i >= retryDelaysMs.length) throw e;
        await sleep(retryDelaysMs[i]);
      }
    }
  }

  return {
    submit(body: B): Promise<R> {
      if (inFlight) return inFlight;
      const p = attempt(body).finally(() => {
        inFlight = null;
      });
      inFlight = p;
      return p;
    },
    get busy() {
      return inFlight !== null;
    },
  };
}
