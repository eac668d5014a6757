/**
 * Failed authentications counted per client address in a one-minute window, in
 * express-rate-limit's MemoryStore (expired windows are dropped in bulk, so memory stays bounded
 * by the addresses seen in the last minute). Only failures are counted: a request that
 * authenticates never touches the count and is never slowed by it.
 */
import { ipKeyGenerator, MemoryStore, type Options } from 'express-rate-limit';
import { retryAfterSeconds } from './rate-limit.js';

export class FailureLimit {
  private readonly store = new MemoryStore();

  constructor(readonly perMinute: number) {
    // MemoryStore reads only the window from the middleware's options.
    this.store.init({ windowMs: 60_000 } as Options);
  }

  /** Counts one failure from `address`; the seconds to wait once past the limit, else undefined. */
  async fail(address: string): Promise<number | undefined> {
    const { totalHits, resetTime } = await this.store.increment(ipKeyGenerator(address));
    return totalHits > this.perMinute ? retryAfterSeconds(resetTime) : undefined;
  }
}
