import { Injectable } from '@nestjs/common';

/**
 * The server's one source of "now". Production reads the system clock; tests move it (`set`, `advance`) to
 * drive deadlines, reminders and auto-closing without waiting. Every service asks the clock, never `new Date()`.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;
  private frozen: number | null = null;

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.frozen ?? Date.now() + this.offsetMs;
  }

  /** Tests: jump to an instant and keep running from there. */
  set(at: Date | string | number): void {
    this.frozen = null;
    this.offsetMs = new Date(at).getTime() - Date.now();
  }

  /** Tests: move forward (or back) by some milliseconds. */
  advance(ms: number): void {
    if (this.frozen !== null) this.frozen += ms;
    else this.offsetMs += ms;
  }

  /** Tests: stop the clock at an instant (or where it is now). */
  freeze(at?: Date | string | number): void {
    this.frozen = at === undefined ? this.nowMs() : new Date(at).getTime();
  }

  reset(): void {
    this.frozen = null;
    this.offsetMs = 0;
  }
}
