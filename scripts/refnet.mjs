#!/usr/bin/env node
// The `refnet` bin: runs the compiled CLI (dist/server/scripts/cli.js), building it first when
// dist/ is missing or older than the sources (scripts/build.mjs), as `npm start` does.
// REFNET_FROM_SOURCE=1 runs the TypeScript sources through tsx instead (tests, development).
import { builtModule, ensureBuilt } from './build.mjs';

if (process.env.REFNET_FROM_SOURCE === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cli.ts');
} else {
  try {
    await ensureBuilt();
  } catch (err) {
    process.stderr.write(`refnet: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  await import(builtModule('scripts/cli.ts'));
}
