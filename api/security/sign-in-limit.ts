/**
 * Rate limits of the requests that check a password (express-rate-limit): signing in (POST
 * /api/session) and changing one's own password (PUT /api/me/password), which share one count, so
 * a stolen session cannot guess the password any faster than a sign-in form could. Wrong passwords
 * are counted per account (for a sign-in the email asked for, known or not, so the limit says
 * nothing about which emails exist; for a change the signed-in account) and per client address;
 * past either limit the answer is 429 problem+json with Retry-After until the window ends. Only
 * wrong passwords count: a failed sign-in (401) or a change refused for its current password
 * (marked by the route with `countAsWrongPassword`). Kept in memory, like the sessions.
 */
import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { HttpProblem } from '../problem.js';
import { emailKey } from './account-file.js';

export interface SignInLimits {
  /** Wrong passwords per account per window. */
  perAccount: number;
  /** Wrong passwords per client address per window. */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perAccount: 10, perAddress: 50, windowMs: 15 * 60_000 };

/** res.locals: the account whose password a request checks (set before the limiters), and whether it was wrong. */
const CHECKED_ACCOUNT = 'passwordCheckedFor';
const WRONG_PASSWORD = 'wrongPassword';

/** Says which account's password the request checks, for a request whose body names none (a signed-in change). */
export function checksPasswordOf(email: string): RequestHandler {
  return (_req, res, next) => {
    res.locals[CHECKED_ACCOUNT] = email;
    next();
  };
}

/** Marks the answer as a wrong password, counted like a failed sign-in. */
export function countAsWrongPassword(res: Response): void {
  res.locals[WRONG_PASSWORD] = true;
}

function accountOf(req: Request, res: Response): string {
  const set: unknown = res.locals[CHECKED_ACCOUNT];
  if (typeof set === 'string') return emailKey(set);
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? emailKey(email) : '';
}

function limiter(limit: number, windowMs: number, what: string, keyGenerator?: (req: Request, res: Response) => string): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    // Only wrong passwords count: a malformed body (400) or a refusal by the other limiter (429) guesses nothing.
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401 && res.locals[WRONG_PASSWORD] !== true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...(keyGenerator && { keyGenerator }),
    handler: (req, _res, next) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retry = String(Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000)));
      next(new HttpProblem('too-many-requests', `too many wrong passwords ${what} (failed sign-ins and password changes count together); retry in ${retry} s`, { headers: { 'Retry-After': retry } }));
    },
  });
}

/**
 * The two limiters, per address first; build them once and mount the same handlers on every
 * route that checks a password (after the body is parsed, and after `checksPasswordOf` where the
 * body names no account), so those routes share one count.
 */
export function signInLimits(limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS): RequestHandler[] {
  return [limiter(limits.perAddress, limits.windowMs, 'from this address'), limiter(limits.perAccount, limits.windowMs, 'for this account', (req, res) => `account:${accountOf(req, res)}`)];
}
