/**
 * Password hashing with node:crypto scrypt (memory-hard). The stored form carries its own
 * parameters — `scrypt$<log2 N>$<r>$<p>$<salt b64url>$<hash b64url>` — so the cost can be raised
 * later without breaking older hashes. Each password gets 16 random bytes of salt; comparison is
 * constant-time. The default cost is OWASP's (N = 2^17, r = 8, p = 1: 128 MiB, about half a
 * second here); PASSWORD_HASH_COST lowers it for tests and small machines.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { PASSWORD_MAX } from './password-rules.js';

/** log2 of scrypt's N for new hashes (OWASP's recommendation). */
export const DEFAULT_PASSWORD_COST = 17;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
const HASH_RE = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{16,})$/;

export { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from './password-rules.js';

function scrypt(password: string, salt: Buffer, log2n: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** log2n, r, p, maxmem: 2 ** log2n * r * 128 * 2 };
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** The stored form of a password. */
export async function hashPassword(password: string, log2n = DEFAULT_PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, log2n, R, P);
  return `scrypt$${log2n}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** True when `password` matches the stored hash; a malformed hash matches nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = HASH_RE.exec(stored);
  if (!m || password.length > PASSWORD_MAX) return false;
  const [log2n, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (log2n < 10 || log2n > 22 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const expected = Buffer.from(m[5]!, 'base64url');
  const key = await scrypt(password, Buffer.from(m[4]!, 'base64url'), log2n, r, p);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** The shape of a stored hash (the accounts file schema checks it). */
export const PASSWORD_HASH_PATTERN = HASH_RE;
