#!/usr/bin/env node
/**
 * `npm run build`: the server, its workers and the CLI compiled by tsc (tsconfig.build.json) into
 * dist/server, every page viz/*.html bundled by Vite (viz/vite.config.ts) into dist/viz.
 * `npm start` and the `refnet` bin run `--if-stale` first: they build only when dist/ does not
 * match the sources. Staleness is a hash of the sources' names and contents, not file times (a
 * fresh clone gives every file the same time), stamped in dist/.build-hash.
 *
 * Plain JavaScript on purpose: deciding that the build is fresh must work without the dev
 * dependencies (a deployment that ran `npm run build` then `npm ci --omit=dev`). Building needs
 * them (typescript, vite).
 *
 *   node scripts/build.mjs             build now
 *   node scripts/build.mjs --if-stale  build only when dist/ is missing or stale
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
const STAMP = '.build-hash';
/** What the build reads: a change to any of these makes dist/ stale. */
const SOURCES = ['api', 'graph', 'scripts', 'viz', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
/** Folders inside SOURCES that are outputs or tools' state, not sources. */
const NOT_SOURCES = new Set(['dist', 'node_modules']);

/** The compiled module for a source path, e.g. builtModule('scripts/cli.ts') → file URL of dist/server/scripts/cli.js. */
export function builtModule(sourcePath) {
  return pathToFileURL(join(DIST, 'server', sourcePath.replace(/\.ts$/, '.js'))).href;
}

/** sha256 over the names and contents of every source file. */
export async function sourceHash() {
  const h = createHash('sha256');
  const files = (await Promise.all(SOURCES.map((s) => listFiles(join(ROOT, s))))).flat().sort();
  for (const file of files) {
    h.update(relative(ROOT, file).split(sep).join('/'));
    h.update('\0');
    h.update(await readFile(file));
    h.update('\0');
  }
  return h.digest('hex');
}

/**
 * Builds unless dist/ already matches the sources. Says so on a terminal, where someone waits;
 * scripts reading the CLI's stderr see only the build's own errors and warnings.
 */
export async function ensureBuilt() {
  const hash = await sourceHash();
  if ((await stampOf(DIST)) === hash) return false;
  if (process.stderr.isTTY) process.stderr.write('refnet: building (dist/ is missing or older than the sources; takes a while once)…\n');
  await build(hash);
  return true;
}

/**
 * Builds beside dist/ and swaps it in, so another process never sees half a build. Two processes
 * building the same sources at once both succeed; the second keeps the first one's output.
 */
export async function build(hash) {
  hash ??= await sourceHash();
  const tmp = join(ROOT, `.build-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await Promise.all([compileServer(join(tmp, 'server')), bundlePages(join(tmp, 'viz'))]);
    await writeFile(join(tmp, STAMP), hash);
    if ((await stampOf(DIST)) === hash) return;
    const old = `${tmp}-old`;
    await rename(DIST, old).catch((err) => {
      if (err.code !== 'ENOENT') throw err;
    });
    await rename(tmp, DIST).catch(async (err) => {
      // Another process swapped in its build between our two renames: fine if it is the same sources.
      if ((await stampOf(DIST)) !== hash) throw err;
    });
    await rm(old, { recursive: true, force: true });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

function compileServer(outDir) {
  const tsc = devTool('typescript/bin/tsc');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', outDir], { cwd: ROOT, stdio: ['ignore', 2, 2] } /* stdout stays the CLI's */);
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`refnet/build: tsc failed (exit code ${code}); the errors are above`))));
  });
}

async function bundlePages(outDir) {
  const vite = await import('vite').catch(() => {
    throw new Error('refnet/build: vite is not installed; building needs the dev dependencies (npm install)');
  });
  await vite.build({ configFile: join(ROOT, 'viz', 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

/** A build tool from the dev dependencies, or an error saying how to get it. */
function devTool(specifier) {
  try {
    return createRequire(import.meta.url).resolve(specifier);
  } catch {
    throw new Error(`refnet/build: ${specifier.split('/')[0]} is not installed; building needs the dev dependencies (npm install)`);
  }
}

function stampOf(dir) {
  return readFile(join(dir, STAMP), 'utf8').catch(() => '');
}

async function listFiles(path) {
  const entries = await readdir(path, { withFileTypes: true }).catch((err) => {
    if (err.code === 'ENOTDIR') return undefined;
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  if (entries === undefined) return [path];
  const out = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || NOT_SOURCES.has(e.name)) continue;
    const p = join(path, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const ifStale = process.argv.includes('--if-stale');
  try {
    if (ifStale) await ensureBuilt();
    else await build();
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
