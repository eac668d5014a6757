/**
 * The rules of every JSON request body, for both readers (express.json on every route, and the
 * chunk-by-chunk reader of large documents in api/json-document-body.ts):
 *
 * - **UTF-8 only** (RFC 8259 §8.1: JSON exchanged between systems is UTF-8). A declared charset
 *   other than utf-8 — utf-16 and utf-32, which body-parser would decode, or anything else — is a
 *   415 naming the supported one, decided on the header before a byte is read (a UTF-8 body
 *   labelled utf-16 would otherwise be decoded into nonsense and answered 400 quoting it).
 * - **An empty body is no body**, however it is framed: `Content-Length: 0`, or a chunked body
 *   (or an encoded one) of zero bytes. body-parser hands a route `{}` for an empty body, so an
 *   empty PATCH or import would succeed doing nothing; left undefined, a route that needs a body
 *   says "a JSON body is required", and one that reads none (share, compact: the CLI sends an
 *   empty JSON body to them) is served as before.
 */
import express, { type Request, type RequestHandler } from 'express';
import { verifyJsonBody } from './body-bytes.js';
import { HttpProblem } from './problem.js';
import { drainRequest } from './request-body.js';

/** The media types read as JSON. */
export const JSON_TYPES = ['application/json', 'application/*+json'];

/** True when the request carries a body (a length above 0, or chunked). */
export function hasBody(req: Pick<Request, 'headers'>): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * The 415 for a body of a type the route does not read: the detail says which types it does (in
 * words, `accepted` as data), so a client learns what to send instead of only what not to.
 */
export function unsupportedMediaType(req: Pick<Request, 'headers' | 'method' | 'baseUrl' | 'path'>, accepted: readonly { type: string; what?: string }[]): HttpProblem {
  const spelled = accepted.map((a) => (a.what ? `${a.type} (${a.what})` : a.type));
  const list = spelled.length === 1 ? spelled[0] : `${spelled.slice(0, -1).join(', ')} or ${spelled.at(-1)}`;
  const got = req.headers['content-type'] ?? 'no content type';
  return new HttpProblem('unsupported-media-type', `${req.method} ${req.baseUrl}${req.path} reads a body of type ${list}; got ${got}`, {
    members: { accepted: accepted.map((a) => a.type) },
  });
}

/** What every JSON route reads. */
export const JSON_BODY = [{ type: 'application/json', what: 'or another application/*+json type' }] as const;

/** Throws the 415 problem when the request declares a charset other than UTF-8. */
export function assertJsonCharset(req: Pick<Request, 'headers'>): void {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(req.headers['content-type'] ?? '')?.[1];
  if (charset === undefined || charset.toLowerCase() === 'utf-8') return;
  throw new HttpProblem('unsupported-media-type', `unsupported charset "${charset.toUpperCase()}"; JSON is read as UTF-8 only (charset=utf-8, or none)`);
}

/** True when the request says, before any byte is read, that its body is empty. */
export function declaredEmpty(req: Pick<Request, 'headers'>): boolean {
  const length = req.headers['content-length'];
  return length !== undefined && Number(length) === 0;
}

/** express.json with the rules above: UTF-8 only, an empty body left unparsed (req.body undefined). */
export function jsonBodyParser(options: { limit: string | number; type?: string[] }): RequestHandler {
  const types = options.type ?? JSON_TYPES;
  const empty = new WeakSet<object>();
  const parser = express.json({
    limit: options.limit,
    type: types,
    // strict: false: null, 42 or "text" are valid JSON, refused by the route's schema as a validation problem, not as malformed.
    strict: false,
    verify(req, res, bytes) {
      if (bytes.length === 0) empty.add(req);
      else verifyJsonBody(req, res, bytes);
    },
  });
  return (req, res, next) => {
    if (req.is(types)) {
      try {
        assertJsonCharset(req);
      } catch (err) {
        drainRequest(req).then(() => next(err), next);
        return;
      }
    }
    if (declaredEmpty(req)) return next();
    parser(req, res, (err?: unknown) => {
      if (err === undefined && empty.has(req)) req.body = undefined;
      next(err);
    });
  };
}
