/**
 * Vite build of the pages: every viz/*.html is an entry, so a new page needs no change here; the
 * head they share is added to each (shared-head.ts).
 * `npm run build` (scripts/build.mjs) writes them to dist/viz, which the server serves as static
 * files; `npx vite --config viz/vite.config.ts` serves them in development with the API proxied
 * to a running server (REFNET_API, default http://localhost:3000).
 */
import { readdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { sharedHead } from './shared-head.js';

const root = fileURLToPath(new URL('.', import.meta.url));

/** One entry per page, named after its file: index.html → "index". */
const pages = Object.fromEntries(
  readdirSync(root)
    .filter((name) => name.endsWith('.html'))
    .map((name) => [basename(name, '.html'), resolve(root, name)]),
);

export default defineConfig({
  root,
  base: '/',
  plugins: [sharedHead()],
  logLevel: 'warn',
  build: {
    outDir: resolve(root, '../dist/viz'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    sourcemap: true,
    // Timings of the bundler's plugins are for whoever tunes the build, not for every `npm start`.
    rolldownOptions: { input: pages, checks: { bundlerTimings: false } },
  },
  worker: { format: 'es' },
  server: { proxy: { '/api': process.env.REFNET_API ?? 'http://localhost:3000' } },
});
