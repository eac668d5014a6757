/**
 * Per-caller rate limiting with express-rate-limit: per API key, per account for a signed-in
 * session (several people behind one office address each get their own budget, and one account
 * cannot multiply its budget by spreading over addresses), per client address in local mode: `perMinute`
 * requests in a one-minute window that starts at the client's first request. Every answer carries
 * RateLimit-Policy/-Limit/-Remaining/-Reset (draft-ietf-httpapi-ratelimit-headers, draft 6); past
 * the limit the answer is 429 problem+json with Retry-After in seconds.
 */
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit as expressRateLimit, type AugmentedRequest } from 'express-rate-limit';
import { HttpProblem } from '../problem.js';

/** The limiter; runs after the auth guard so it can key on the key id. */
export function rateLimit(perMinute: number): RequestHandler {
  return expressRateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-6',
    legacyHeaders: false,
    // IPv6 clients are counted per /56, as one client usually holds a whole prefix.
    keyGenerator: (req) => callerOf(req),
    handler: (req, _res, next) => {
      const resetTime = (req as AugmentedRequest).rateLimit?.resetTime;
      const retry = retryAfterSeconds(resetTime);
      const whose = req.auth?.mode === 'key' ? ' for this key' : req.auth?.mode === 'session' ? ' for this account' : '';
      next(
        new HttpProblem('too-many-requests', `rate limit of ${perMinute} requests per minute reached${whose}; retry in ${retry} s`, {
          headers: { 'Retry-After': String(retry) },
          members: { limit: perMinute, retryAfter: retry },
        }),
      );
    },
  });
}

/** Whose budget a request spends. */
function callerOf(req: Request): string {
  if (req.auth?.mode === 'key') return `key:${req.auth.keyId}`;
  if (req.auth?.mode === 'session') return `account:${req.auth.accountId}`;
  return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

/** Whole seconds until `resetTime`, at least 1 (a Retry-After of 0 invites a busy loop). */
export function retryAfterSeconds(resetTime: Date | undefined, now = Date.now()): number {
  return Math.max(1, Math.ceil(((resetTime?.getTime() ?? now + 60_000) - now) / 1000));
}
