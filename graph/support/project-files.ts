/**
 * Where a running refnet finds what lies beside its code, the same way whether it runs from the
 * TypeScript sources (tests, development) or compiled in dist/server (`npm start`, the bin):
 * files of the project by the project root, worker modules beside the module that starts them.
 */
import { existsSync } from 'node:fs';

/** The project root as a directory URL: the nearest folder above this module with a package.json. */
export const PROJECT_ROOT: URL = projectRoot(new URL('.', import.meta.url));

/**
 * The module `name` beside `callerUrl` (the caller's import.meta.url) in the caller's own form:
 * `name.ts` when the caller runs from sources, `name.js` when it runs compiled.
 */
export function siblingModule(name: string, callerUrl: string): URL {
  return new URL(`${name}${callerUrl.endsWith('.ts') ? '.ts' : '.js'}`, callerUrl);
}

function projectRoot(from: URL): URL {
  for (let dir = from; ; dir = new URL('..', dir)) {
    if (existsSync(new URL('package.json', dir))) return dir;
    if (new URL('..', dir).href === dir.href) throw new Error(`refnet: no package.json above ${from.pathname}`);
  }
}
