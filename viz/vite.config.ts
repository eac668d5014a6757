/**
 * Vite build of the map and report pages. `npm start` builds it on first start (see
 * api/routes/map-static.ts); `npx vite --config viz/vite.config.ts` serves it in development
 * with the API proxied to a running server (REFNET_API, default http://localhost:3000).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { map: resolve(root, 'index.html'), report: resolve(root, 'report.html'), chapter: resolve(root, 'chapter.html') },
    },
  },
  worker: { format: 'es' },
  server: { proxy: { '/api': process.env.REFNET_API ?? 'http://localhost:3000' } },
});
