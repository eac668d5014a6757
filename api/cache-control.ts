/**
 * `Cache-Control: private, no-cache` on every /api answer: they carry people's records, reports and
 * exports, which a shared cache (a proxy, a CDN) must never keep and serve to someone else, and a
 * browser must revalidate (the ETag answers 304 when nothing changed) rather than show after
 * sign-out or a change. Set before the routes run, so a route that needs stricter (the signed-in
 * user, a backup: no-store) replaces it.
 */
import type { RequestHandler } from 'express';

export const API_CACHE_CONTROL = 'private, no-cache';

export const privateNoCache: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', API_CACHE_CONTROL);
  next();
};
