/**
 * Authentication and authorization of /api requests. The key comes in `Authorization: Bearer
 * <key>` or `X-API-Key: <key>`; without a key, a browser's session cookie (api/security/
 * session-auth.ts) authenticates a signed-in account, whose role gives its scope (member and
 * organiser: write, admin: admin) and whose state-changing requests must carry X-CSRF-Token;
 * POST /api/session (signing in) is the one request allowed without either. The scope a request
 * needs follows from its method and path:
 * GET/HEAD/OPTIONS read, other methods write, /api/admin/** admin — decided on the canonical path
 * (api/canonical-path.ts), so no spelling of an admin path (letter case, trailing or doubled
 * slashes, percent-encoding, dot segments) needs less; the admin routes check their scope again
 * themselves (requireScope). In local mode (loopback bind, no key ever created — a keys file
 * whose keys are all revoked does not count as none — and no account) a request without a key is
 * let through as admin. Failed attempts are counted per client address and answered 429 past a limit; a valid
 * key is never slowed by them.
 */
import type { Request, RequestHandler } from 'express';
import { canonicalPath, canonicalPathOf, isUnder } from '../canonical-path.js';
import { HttpProblem } from '../problem.js';
import { scopeAllows, type Scope } from './key-format.js';
import type { KeyRing } from './key-ring.js';
import { FailureLimit } from './failure-limit.js';
import type { Role } from './account-file.js';
import { scopeOfRole, type SessionAuth } from './session-auth.js';

/** Who a request is: a key, a signed-in account (cookie session), or the local user of a loopback server with no keys and no accounts. */
export type AuthContext =
  | { mode: 'key'; keyId: string; name: string; scope: Scope }
  | { mode: 'session'; keyId: null; sessionId: string; accountId: string; email: string; person: string; role: Role; csrfToken: string; scope: Scope }
  | { mode: 'local'; keyId: null; scope: 'admin' };

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the auth guard for every /api request it lets through. */
    auth?: AuthContext;
  }
}

/** Failed authentications allowed per client address per minute before 429. */
export const AUTH_FAILURES_PER_MINUTE = 100;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The scope a request needs; `req.path` is the full path (the guard runs before the /api mount).
 * A `..` is read both resolved and as a literal segment, and the larger scope wins.
 */
export function requiredScope(req: Pick<Request, 'method' | 'path'>): Scope {
  const admin = [canonicalPathOf(req), canonicalPath(req.path, { resolveDots: false })].some((p) => isUnder(p, ADMIN_PATH));
  if (admin) return 'admin';
  return SAFE_METHODS.has(req.method) ? 'read' : 'write';
}

const ADMIN_PATH = '/api/admin';

/** Route-level check, attached to the routes that need more than their method implies. */
export function requireScope(needs: Scope): RequestHandler {
  return (req, _res, next) => {
    const has = req.auth?.scope;
    if (has !== undefined && scopeAllows(has, needs)) return next();
    next(new HttpProblem('forbidden', `${req.method} ${req.originalUrl} needs scope "${needs}"`, { members: { requiredScope: needs } }));
  };
}

/** The presented token, if any (Bearer wins when both headers are sent). */
export function presentedToken(req: Pick<Request, 'headers'>): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(auth);
    if (m) return m[1];
    return auth.trim() === '' ? undefined : '';
  }
  const header = req.headers['x-api-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="refnet"' };

/** The one request an anonymous client may make once authentication is required: signing in. */
function isSignIn(req: Request): boolean {
  return req.method === 'POST' && canonicalPathOf(req) === '/api/session';
}

/**
 * The guard; `localBind` says whether the server listens on loopback only; `accounts` adds cookie
 * sessions of signed-in accounts (an account, like a key, ends local mode).
 */
export function authGuard(ring: KeyRing, options: { localBind: boolean; failuresPerMinute?: number; accounts?: SessionAuth }): RequestHandler {
  const accounts = options.accounts;
  const failures = new FailureLimit(options.failuresPerMinute ?? AUTH_FAILURES_PER_MINUTE);
  const refuse = async (req: Request, detail: string) => {
    const retry = await failures.fail(req.ip ?? 'unknown');
    if (retry !== undefined) {
      return new HttpProblem('too-many-requests', `too many failed authentications from this address; retry in ${retry} s`, { headers: { 'Retry-After': String(retry) } });
    }
    return new HttpProblem('unauthorized', detail, { headers: CHALLENGE });
  };
  return (req, _res, next) => {
    ring.refresh();
    // Fail closed, and say nothing about the file to the client (it is logged with the 500).
    if (ring.error) return next(ring.error);
    accounts?.book.refresh();
    if (accounts?.book.error) return next(accounts.book.error);
    const token = presentedToken(req);
    if (token === undefined) {
      const signedIn = accounts?.signedIn(req);
      if (signedIn) {
        const { account, session, sessionId } = signedIn;
        const scope = scopeOfRole(account.role);
        req.auth = { mode: 'session', keyId: null, sessionId, accountId: account.id, email: account.email, person: account.person, role: account.role, csrfToken: session.csrfToken, scope };
        // A cookie is sent by the browser whatever page asks: a state-changing request must also
        // prove it comes from our pages, which alone can read the token (GET /api/me).
        if (!SAFE_METHODS.has(req.method) && !isSignIn(req) && !accounts!.csrfOk(req, session)) {
          return next(new HttpProblem('forbidden', `a ${req.method} request signed in with a session cookie needs the header X-CSRF-Token (its value is csrfToken of GET /api/me)`));
        }
        const needs = requiredScope(req);
        if (!scopeAllows(scope, needs)) return next(new HttpProblem('forbidden', `the role "${account.role}" cannot ${req.method} ${req.baseUrl}${req.path} (needs "${needs}")`, { members: { requiredScope: needs } }));
        return next();
      }
      if (isSignIn(req)) return next();
      if (options.localBind && ring.keyCount === 0 && (accounts?.book.count ?? 0) === 0) {
        req.auth = { mode: 'local', keyId: null, scope: 'admin' };
        return next();
      }
      return void refuse(req, 'this API needs you to sign in (POST /api/session) or a key: send "Authorization: Bearer <key>" or "X-API-Key: <key>"').then(next, next);
    }
    const verified = ring.verify(token);
    if (!verified.ok) {
      return void refuse(req, verified.reason === 'revoked' ? 'this API key has been revoked' : 'this API key is not valid').then(next, next);
    }
    req.auth = { mode: 'key', keyId: verified.id, name: verified.name, scope: verified.scope };
    const needs = requiredScope(req);
    if (!scopeAllows(verified.scope, needs)) {
      return next(new HttpProblem('forbidden', `this key has scope "${verified.scope}"; ${req.method} ${req.baseUrl}${req.path} needs "${needs}"`, { members: { requiredScope: needs } }));
    }
    next();
  };
}
