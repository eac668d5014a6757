/**
 * Rate limits of POST /api/session (express-rate-limit): failed sign-ins are counted per account
 * (the email asked for, known or not, so the limit says nothing about which emails exist) and per
 * client address; past either limit the answer is 429 problem+json with Retry-After until the
 * window ends. Only failed sign-ins (401) are counted. Kept in memory, like the sessions.
 */
import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { HttpProblem } from '../problem.js';

export interface SignInLimits {
  /** Failed sign-ins per account per window. */
  perAccount: number;
  /** Failed sign-ins per client address per window. */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perAccount: 10, perAddress: 50, windowMs: 15 * 60_000 };

function emailOf(req: Request): string {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

function limiter(limit: number, windowMs: number, what: string, keyGenerator?: (req: Request) => string): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    // Only wrong credentials count: a malformed body (400) or a refusal by the other limiter (429) guesses nothing.
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...(keyGenerator && { keyGenerator }),
    handler: (req, _res, next) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retry = String(Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000)));
      next(new HttpProblem('too-many-requests', `too many failed sign-ins ${what}; retry in ${retry} s`, { headers: { 'Retry-After': retry } }));
    },
  });
}

/** The two limiters, per address first; mount them on POST /session after the body is parsed. */
export function signInLimits(limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS): RequestHandler[] {
  return [
    limiter(limits.perAddress, limits.windowMs, 'from this address'),
    limiter(limits.perAccount, limits.windowMs, 'for this account', (req) => `account:${emailOf(req)}`),
  ];
}
