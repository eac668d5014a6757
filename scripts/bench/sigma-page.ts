/**
 * The Sigma v3 / v4 benchmark page (viz/bench/sigma.html): built with Vite into a temp directory
 * and served read-only on 127.0.0.1 (an ephemeral port) for headless Chromium. It is not part of
 * the shipped pages (viz/*.html), so users never download it.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/** Builds the page into `outDir`. */
export async function buildSigmaPage(root: string, outDir: string): Promise<void> {
  const pageRoot = resolve(root, 'viz/bench');
  await build({
    root: pageRoot,
    base: './',
    configFile: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 2000, rolldownOptions: { input: join(pageRoot, 'sigma.html') } },
  });
}

/** Serves `dir` on 127.0.0.1; `url` ends with a slash. */
export async function serveDir(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(() => ok())) };
}
