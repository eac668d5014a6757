/**
 * Serves the built map and report pages (viz/dist) at `/`, building them with Vite on first use
 * when the build is missing or older than the sources. Staleness is a hash of the sources, not
 * file times (a fresh clone gives every file the same time), so `npm start` on a fresh clone
 * and after a `git pull` both serve the pages that match the code.
 *
 * REFNET_VIZ_BUILD=never serves viz/dist as it is (a deployment that built it ahead of time).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { HttpProblem } from '../problem.js';

const VIZ_DIR = fileURLToPath(new URL('../../viz/', import.meta.url));
const DIST_DIR = join(VIZ_DIR, 'dist');
const HASH_FILE = '.build-hash';
/** Sources outside viz/ that the pages bundle at run time (not type-only imports). */
const SHARED_SOURCES = [
  fileURLToPath(new URL('../../graph/support/prototype-names.ts', import.meta.url)),
  // the home page's forms validate with the API's own schemas
  fileURLToPath(new URL('../../graph/schema.ts', import.meta.url)),
];

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

let building: Promise<void> | undefined;
/** Set once the build matched the sources: later requests skip the check (restart after editing viz/). */
let verified = false;

/** The router serving the pages; mount at the app's root, after /api. */
export function vizRouter(options: { build?: boolean } = {}): Router {
  const shouldBuild = options.build ?? process.env.REFNET_VIZ_BUILD !== 'never';
  const router = Router();
  const files = express.static(DIST_DIR, {
    index: 'index.html',
    setHeaders(res, path) {
      // Assets have content hashes in their names; pages must be re-read to pick up new ones.
      res.setHeader('Cache-Control', path.includes(`${join('dist', 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      if (path.endsWith('.html')) res.setHeader('Content-Security-Policy', PAGE_CSP);
    },
  });
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const ready = shouldBuild ? ensureVizBuilt() : Promise.resolve();
    ready.then(
      () => {
        if (!existsSync(join(DIST_DIR, 'index.html'))) {
          return next(new HttpProblem('not-found', 'the map pages are not built: run `npx vite build --config viz/vite.config.ts`'));
        }
        files(req, res, next);
      },
      (err: unknown) => next(err),
    );
  });
  return router;
}

/** Builds viz/dist unless it already matches the sources. One build per process at a time. */
export function ensureVizBuilt(): Promise<void> {
  if (verified) return Promise.resolve();
  building ??= buildIfStale()
    .then(() => {
      verified = true;
    })
    .finally(() => {
      building = undefined;
    });
  return building;
}

async function buildIfStale(): Promise<void> {
  const hash = await sourceHash();
  if ((await readFile(join(DIST_DIR, HASH_FILE), 'utf8').catch(() => '')) === hash) return;
  // Build beside the live copy and swap, so a server in another process never serves half a build.
  const tmp = join(VIZ_DIR, `.dist-${process.pid}-${randomBytes(4).toString('hex')}`);
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    throw new Error('viz/dist is missing or stale and Vite is not installed (npm install, with dev dependencies)');
  }
  try {
    await vite.build({
      configFile: join(VIZ_DIR, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: tmp, emptyOutDir: true },
    });
    await writeFile(join(tmp, HASH_FILE), hash);
    if ((await readFile(join(DIST_DIR, HASH_FILE), 'utf8').catch(() => '')) === hash) return; // another process won
    const old = `${tmp}-old`;
    await rename(DIST_DIR, old).catch(() => undefined);
    await rename(tmp, DIST_DIR).catch(async (err: unknown) => {
      // Another process swapped its build in between: fine if it is the same sources.
      if ((await readFile(join(DIST_DIR, HASH_FILE), 'utf8').catch(() => '')) !== hash) throw err;
    });
    await rm(old, { recursive: true, force: true });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** sha256 over the page sources: names and contents of viz/*.html, the config and viz/src/**. */
async function sourceHash(): Promise<string> {
  const h = createHash('sha256');
  const files = [...(await listFiles(join(VIZ_DIR, 'src'))), join(VIZ_DIR, 'index.html'), join(VIZ_DIR, 'report.html'), join(VIZ_DIR, 'vite.config.ts'), ...SHARED_SOURCES];
  for (const f of files.sort()) {
    h.update(relative(VIZ_DIR, f));
    h.update('\0');
    h.update(await readFile(f).catch(() => Buffer.alloc(0)));
    h.update('\0');
  }
  return h.digest('hex');
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out;
}
