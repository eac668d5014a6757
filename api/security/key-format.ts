/**
 * API key tokens: `rnk_<id>_<secret>` — a public 12-hex id (shown by `keys list`, used to look the
 * key up and to key rate limits) and 32 random bytes of secret. Only a SHA-256 of the whole token
 * is stored. A slow KDF (scrypt) protects low-entropy passwords; a 256-bit random secret cannot be
 * guessed, so a fast hash loses nothing and keeps every request cheap (no per-request scrypt to
 * turn into a denial of service).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

const TOKEN_RE = /^rnk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** A new key: the token to hand out once, its id and the hash to store. */
export function generateKey(): { token: string; id: string; hash: string } {
  const id = randomBytes(6).toString('hex');
  const token = `rnk_${id}_${randomBytes(32).toString('base64url')}`;
  return { token, id, hash: hashToken(token) };
}

/** The stored form of a token: `sha256:<hex>`. */
export function hashToken(token: string): string {
  return `sha256:${createHash('sha256').update(token, 'utf8').digest('hex')}`;
}

/** The key id inside a well-formed token, or undefined for anything else. */
export function tokenId(token: string): string | undefined {
  return TOKEN_RE.exec(token)?.[1];
}

/** Constant-time comparison of a presented token with a stored hash. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(token));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when a key of scope `has` may do what needs `needs` (admin ⊃ write ⊃ read). */
export function scopeAllows(has: Scope, needs: Scope): boolean {
  return SCOPES.indexOf(has) >= SCOPES.indexOf(needs);
}
