/**
 * Keeping an open ticket fresh while its page is shown: a timer chain that starts on show, stops on
 * hide/unload, and stops by itself once the ticket is no longer open. Pure: timers are injected.
 */
export interface Poller {
  start(): void;
  stop(): void;
  readonly running: boolean;
}

export interface PollerOptions {
  intervalMs: number;
  /** One refresh; resolves to false when polling should end (the ticket was closed). */
  tick: () => Promise<boolean>;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function createPoller({
  intervalMs,
  tick,
  setTimer = (fn, ms) => setTimeout(fn, ms),
  clearTimer = (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}: PollerOptions): Poller {
  let handle: unknown = null;
  let running = false;
  // Each start gets a generation, so a tick that resolves after stop() schedules nothing.
  let generation = 0;

  const schedule = (gen: number) => {
    handle = setTimer(async () => {
      handle = null;
      let again = false;
      try {
        again = await tick();
      } catch {
        again = true; // a failed refresh (weak network) is retried at the next interval
      }
      if (gen !== generation || !running) return;
      if (again) schedule(gen);
      else running = false;
    }, intervalMs);
  };

  return {
    start() {
      if (running) return;
      running = true;
      schedule(++generation);
    },
    stop() {
      running = false;
      generation++;
      if (handle !== null) clearTimer(handle);
      handle = null;
    },
    get running() {
      return running;
    },
  };
}
