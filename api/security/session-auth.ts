/**
 * Cookie sessions of signed-in accounts (api/security/sessions.ts holds them): reading the cookie,
 * checking that the account is still enabled and its password unchanged since sign-in, the CSRF
 * rule for state-changing requests, and the cookie itself (HttpOnly, SameSite=Lax, Path=/, Secure
 * when the request came over HTTPS — directly, or per X-Forwarded-Proto from a TRUST_PROXY proxy).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { parse as parseCookies, serialize } from 'cookie';
import type { AccountRecord, Role } from './account-file.js';
import type { AccountBook } from './account-book.js';
import type { Session, SessionStore } from './sessions.js';

export const SESSION_COOKIE = 'refnet_session';
export const CSRF_HEADER = 'x-csrf-token';

/** A request's live session and its account, if any. */
export interface SignedIn {
  sessionId: string;
  session: Session;
  account: AccountRecord;
}

/** The scope a role's session has for the guard's method/path rule (graph/service/permissions.ts then narrows writes). */
export function scopeOfRole(role: Role): 'write' | 'admin' {
  return role === 'admin' ? 'admin' : 'write';
}

export class SessionAuth {
  constructor(
    readonly book: AccountBook,
    readonly sessions: SessionStore,
  ) {}

  /** The session id the request presents in its cookie, if any. */
  presentedId(req: Pick<Request, 'headers'>): string | undefined {
    const header = req.headers.cookie;
    if (typeof header !== 'string') return undefined;
    const id = parseCookies(header)[SESSION_COOKIE];
    return id && /^[A-Za-z0-9_-]{43}$/.test(id) ? id : undefined;
  }

  /** The live session behind the request's cookie, or undefined (unknown, expired, account disabled or password changed since). */
  signedIn(req: Pick<Request, 'headers'>): SignedIn | undefined {
    const sessionId = this.presentedId(req);
    if (sessionId === undefined) return undefined;
    const session = this.sessions.touch(sessionId);
    if (!session) return undefined;
    const account = this.book.get(session.accountId);
    if (!account || account.disabledAt !== undefined || Date.parse(account.passwordChangedAt) > session.createdAt) {
      this.sessions.end(sessionId);
      return undefined;
    }
    return { sessionId, session, account };
  }

  /** True when the request carries the session's CSRF token in X-CSRF-Token. */
  csrfOk(req: Pick<Request, 'headers'>, session: Session): boolean {
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string') return false;
    const a = Buffer.from(sent);
    const b = Buffer.from(session.csrfToken);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  setCookie(req: Request, res: Response, id: string): void {
    res.append('Set-Cookie', serialize(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'lax', path: '/', secure: req.secure, maxAge: Math.floor(this.sessions.times.absoluteMs / 1000) }));
  }

  clearCookie(req: Request, res: Response): void {
    res.append('Set-Cookie', serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', secure: req.secure, maxAge: 0 }));
  }
}
