/**
 * Browser sessions, kept in memory: a restart signs everyone out (accounts and passwords are on
 * disk; a session is only "who this cookie is"). Each session has a random 256-bit id (the
 * cookie; only its SHA-256 is kept as the map key, so a heap dump shows no usable id), a CSRF
 * token, and two expiries: idle (since the last request) and absolute (since sign-in). A new id is
 * made at every sign-in and nothing a client presents before it is ever kept — no session
 * fixation. The clock is injected so tests move time instead of sleeping.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface Session {
  accountId: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionTimes {
  idleMs: number;
  absoluteMs: number;
}

/** Sessions alive at once before the oldest are dropped (memory stays bounded). */
const MAX_SESSIONS = 100_000;

const digest = (id: string) => createHash('sha256').update(id, 'utf8').digest('base64url');

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    readonly times: SessionTimes,
    /** The sessions' clock, in ms; what ends sessions (a password's change time) is stamped with it too. */
    readonly now: () => number = Date.now,
  ) {}

  /** Starts a session; returns the id to put in the cookie (the only copy) and the session. */
  start(accountId: string): { id: string; session: Session } {
    const id = randomBytes(32).toString('base64url');
    const at = this.now();
    const session: Session = { accountId, csrfToken: randomBytes(32).toString('base64url'), createdAt: at, lastSeenAt: at };
    if (this.sessions.size >= MAX_SESSIONS) this.sweep(at);
    if (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    this.sessions.set(digest(id), session);
    return { id, session };
  }

  /** The live session of an id, its idle clock restarted; undefined (and forgotten) when expired or unknown. */
  touch(id: string): Session | undefined {
    const key = digest(id);
    const s = this.sessions.get(key);
    if (!s) return undefined;
    const at = this.now();
    if (this.expired(s, at)) {
      this.sessions.delete(key);
      return undefined;
    }
    s.lastSeenAt = at;
    return s;
  }

  end(id: string): void {
    this.sessions.delete(digest(id));
  }

  /**
   * After the account's password changed through this session: every other session of the account
   * ends, and this one goes on under a new id (the old one stops working, as at sign-in) that
   * counts as started now. Its CSRF token is kept, so the user's other tabs of this browser — which
   * get the new cookie — keep writing. Undefined when the session is gone.
   */
  renew(id: string): { id: string; session: Session } | undefined {
    const old = this.sessions.get(digest(id));
    if (!old) return undefined;
    this.endAll(old.accountId);
    const renewed = this.start(old.accountId);
    renewed.session.csrfToken = old.csrfToken;
    return renewed;
  }

  /** Ends every session of an account. */
  endAll(accountId: string): void {
    for (const [k, s] of this.sessions) if (s.accountId === accountId) this.sessions.delete(k);
  }

  get size(): number {
    return this.sessions.size;
  }

  private expired(s: Session, at: number): boolean {
    return at - s.lastSeenAt >= this.times.idleMs || at - s.createdAt >= this.times.absoluteMs;
  }

  private sweep(at: number): void {
    for (const [k, s] of this.sessions) if (this.expired(s, at)) this.sessions.delete(k);
  }
}
