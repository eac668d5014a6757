/**
 * The one spelling of a request path the scope decision is made on. Express matches routes
 * case-insensitively, ignores a trailing slash, and a client (or a proxy in front) may send
 * percent-encoded letters, doubled slashes or dot segments; any of these must not move a request
 * out of a scope. So the path is decoded, case-folded, its empty and `.` segments dropped and
 * `..` resolved — a spelling Express would not route at all still gets the scope of the path it
 * resembles, which errs on the side of asking for more.
 */
import { ownerMemo } from '../graph/support/memo.js';

/** Raised for a path whose percent-encoding is not valid UTF-8 (answered 400). */
export class MalformedPathError extends Error {
  override readonly name = 'MalformedPathError';
}

/**
 * `/API//Admin/%6Beys/` → `/api/admin/keys`; throws MalformedPathError on bad percent-encoding.
 * With `resolveDots: false` a `..` stays a segment (Express itself never resolves it).
 */
export function canonicalPath(path: string, { resolveDots = true } = {}): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    throw new MalformedPathError('the request path has malformed percent-encoding (each % must start a valid UTF-8 byte sequence such as %C3%A9)');
  }
  const segments: string[] = [];
  // A decoded %2F or a backslash (some proxies treat it as a slash) separates segments too.
  for (const segment of decoded.toLowerCase().split(/[/\\]/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && resolveDots) segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/** True when `path` (canonical) is `prefix` or lies under it. */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** Per request object: it lives as long as the request (a router may rewrite req.path, hence `path`). */
const perRequest = ownerMemo<object, { path: string; canonical: string }>('http.canonical-path');

/**
 * canonicalPath(req.path), computed once per request: the request-line check, the /api gate, the
 * scope check and the sensitive-filter guard all ask for it on every request.
 */
export function canonicalPathOf(req: { path: string }): string {
  const known = perRequest.get(req);
  if (known?.path === req.path) return known.canonical;
  const canonical = canonicalPath(req.path);
  perRequest.set(req, { path: req.path, canonical });
  return canonical;
}
