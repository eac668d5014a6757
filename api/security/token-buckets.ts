/**
 * Token buckets per client: `capacity` requests at once, refilled at capacity per `windowMs`, so a
 * client may spend its whole window in a burst but never more than that on average. The map is
 * swept of full (idle) buckets when it grows, so memory stays bounded by active clients.
 */
export interface Take {
  ok: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Milliseconds until one token is back (0 when ok). */
  retryAfterMs: number;
  /** Milliseconds until the bucket is full again. */
  resetMs: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    readonly capacity: number,
    readonly windowMs: number,
    private readonly sweepAbove = 10_000,
  ) {
    this.perMs = capacity / windowMs;
  }

  /** Takes one token from the client's bucket. */
  take(client: string, now = Date.now()): Take {
    let b = this.buckets.get(client);
    if (!b) {
      if (this.buckets.size >= this.sweepAbove) this.sweep(now);
      this.buckets.set(client, (b = { tokens: this.capacity, at: now }));
    }
    b.tokens = Math.min(this.capacity, b.tokens + (now - b.at) * this.perMs);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    return {
      ok,
      remaining: Math.floor(b.tokens),
      retryAfterMs: ok ? 0 : Math.ceil((1 - b.tokens) / this.perMs),
      resetMs: Math.ceil((this.capacity - b.tokens) / this.perMs),
    };
  }

  /** Number of clients tracked (tests). */
  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + (now - b.at) * this.perMs >= this.capacity) this.buckets.delete(k);
  }
}
