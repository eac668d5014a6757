/**
 * Sessions of the Neo4j store, counted for /metrics. neo4j-driver exposes nothing of its
 * connection pool; every query here runs in a session that holds at most one connection at a
 * time, so the sessions open are the pooled connections in use, and a session's lifetime
 * includes the wait for a connection when the pool is exhausted.
 */
export type SessionMode = 'READ' | 'WRITE';

export interface SessionStatsSnapshot {
  /** Sessions open now (connections in use). */
  inUse: number;
  /** The most open at once since the store was created. */
  peak: number;
  /** Sessions opened, by access mode. */
  opened: Record<SessionMode, number>;
  /** Seconds sessions were open, summed, by access mode (acquisition wait included). */
  seconds: Record<SessionMode, number>;
  /** The connection pool's bound (neo4j-driver's maxConnectionPoolSize). */
  maxPoolSize: number;
}

export class SessionStats {
  private inUse = 0;
  private peak = 0;
  private readonly opened: Record<SessionMode, number> = { READ: 0, WRITE: 0 };
  private readonly seconds: Record<SessionMode, number> = { READ: 0, WRITE: 0 };

  constructor(readonly maxPoolSize: number) {}

  /** Counts a session as open; call the returned function once when it is closed. */
  start(mode: SessionMode): () => void {
    const started = performance.now();
    this.inUse += 1;
    this.peak = Math.max(this.peak, this.inUse);
    this.opened[mode] += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inUse -= 1;
      this.seconds[mode] += (performance.now() - started) / 1000;
    };
  }

  snapshot(): SessionStatsSnapshot {
    return { inUse: this.inUse, peak: this.peak, opened: { ...this.opened }, seconds: { ...this.seconds }, maxPoolSize: this.maxPoolSize };
  }
}
