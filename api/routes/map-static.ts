/**
 * Serves the built pages (dist/viz, written by `npm run build`, scripts/build.mjs) at `/` as
 * static files. Nothing is built at request time: `npm start` and the `refnet` bin build first
 * when the build is missing or stale; tests build with scripts/build.mjs's `ensureBuilt()`.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { PROJECT_ROOT } from '../../graph/support/project-files.js';
import { HttpProblem } from '../problem.js';

/** Where scripts/build.mjs writes the pages. */
export const PAGES_DIR = fileURLToPath(new URL('dist/viz/', PROJECT_ROOT));

/**
 * The pages' Content-Security-Policy: helmet's defaults plus `blob:` workers, which the
 * ForceAtlas2 layout worker needs (it is started from a Blob URL).
 */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'self'",
  "form-action 'self'",
].join('; ');

/** The router serving the pages; mount at the app's root, after /api. */
export function vizRouter(dir: string = PAGES_DIR): Router {
  const assets = join(dir, 'assets');
  const router = Router();
  router.use(
    express.static(dir, {
      index: 'index.html',
      setHeaders(res, path) {
        // Assets have content hashes in their names; pages must be re-read to pick up new ones.
        res.setHeader('Cache-Control', path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
        if (path.endsWith('.html')) res.setHeader('Content-Security-Policy', PAGE_CSP);
      },
    }),
  );
  router.get('/', (_req: Request, _res: Response, next: NextFunction) => {
    next(new HttpProblem('not-found', 'the pages are not built: run `npm run build` (npm start builds them when missing)'));
  });
  return router;
}
