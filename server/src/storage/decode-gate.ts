import { ServiceUnavailableException } from '@nestjs/common';

/**
 * At most `limit` photos decode at once; the next `queueLimit` wait their turn, and beyond that an upload is
 * answered 503 at once (the client retries) rather than held with its bytes in memory. Decoding runs on libvips'
 * threads, not on the request loop, but each one takes a core while it lasts: with the default (cores − 1) a
 * burst of uploads leaves a core for everything else — logins, intake, /api/health.
 */
export class DecodeGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** The most decodes that ever ran at once (for tests and a look from a debugger). */
  peak = 0;

  constructor(
    readonly limit: number,
    readonly queueLimit: number,
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.queueLimit)
        throw new ServiceUnavailableException('正在处理的图片较多，请稍后再试');
      await new Promise<void>((r) => this.waiting.push(r));
    } else this.active++;
    this.peak = Math.max(this.peak, this.active);
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next in line (active stays the same), or is given back.
      if (next) next();
      else this.active--;
    }
  }
}
