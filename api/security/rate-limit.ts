/**
 * Per-key rate limiting (per client address in local mode): a token bucket of `perMinute`
 * requests refilled over a minute. Every answer carries RateLimit-Limit/-Remaining/-Reset
 * (draft-ietf-httpapi-ratelimit-headers); past the limit the answer is 429 problem+json with
 * Retry-After in seconds.
 */
import type { RequestHandler } from 'express';
import { HttpProblem } from '../problem.js';
import { TokenBuckets } from './token-buckets.js';

/** The limiter; runs after the auth guard so it can key on the key id. */
export function rateLimit(perMinute: number): RequestHandler {
  const buckets = new TokenBuckets(perMinute, 60_000);
  return (req, res, next) => {
    const client = req.auth?.mode === 'key' ? `key:${req.auth.keyId}` : `ip:${req.ip ?? 'unknown'}`;
    const take = buckets.take(client);
    res.setHeader('RateLimit-Limit', String(perMinute));
    res.setHeader('RateLimit-Remaining', String(take.remaining));
    res.setHeader('RateLimit-Reset', String(Math.ceil(take.resetMs / 1000)));
    if (take.ok) return next();
    const retry = String(Math.max(1, Math.ceil(take.retryAfterMs / 1000)));
    next(
      new HttpProblem('too-many-requests', `rate limit of ${perMinute} requests per minute reached${client.startsWith('key:') ? ' for this key' : ''}; retry in ${retry} s`, {
        headers: { 'Retry-After': retry },
        members: { limit: perMinute, retryAfter: Number(retry) },
      }),
    );
  };
}
