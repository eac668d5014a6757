/**
 * CORS (the `cors` package), off unless CORS_ORIGINS lists origins (comma-separated, or `*`). Keys
 * travel in headers, never cookies, so credentials are not allowed. A preflight from an allowed
 * origin is answered here, before authentication (browsers send no key with it); a preflight from
 * any other origin gets no CORS header and goes on to authentication like any request.
 */
import corsPackage, { type CorsOptions } from 'cors';
import type { RequestHandler } from 'express';

const OPTIONS: CorsOptions = {
  methods: 'GET, HEAD, POST, PUT, PATCH, DELETE',
  allowedHeaders: 'Authorization, X-API-Key, Content-Type, X-Request-Id',
  exposedHeaders: 'X-Request-Id, Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy',
  credentials: false,
  maxAge: 600,
  optionsSuccessStatus: 204,
};

/** Parses CORS_ORIGINS into a list (empty: CORS off). */
export function parseOrigins(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}

/** The CORS middleware, or undefined when no origin is allowed. */
export function cors(origins: string[]): RequestHandler | undefined {
  if (origins.length === 0) return undefined;
  const any = origins.includes('*');
  const allowed = new Set(origins);
  const middleware = corsPackage((req, callback) => {
    const origin = req.headers.origin;
    if (origin === undefined || (!any && !allowed.has(origin))) return callback(null, { origin: false });
    // Only an OPTIONS naming the method to come is a preflight; any other OPTIONS is an ordinary request.
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    callback(null, { ...OPTIONS, origin: any ? '*' : origin, preflightContinue: !preflight });
  });
  return (req, res, next) => {
    // Answers differ by Origin whether it is allowed or not, so caches must key on it either way.
    if (req.headers.origin !== undefined) res.vary('Origin');
    middleware(req, res, next);
  };
}
