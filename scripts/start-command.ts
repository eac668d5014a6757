/**
 * What `npm start` runs (package.json): `node scripts/build.mjs --if-stale && NAME=value… node
 * FLAGS… dist/server/scripts/serve.js`. The bench and the build test start the server from these
 * parts, so each runs it exactly as a user does, environment and node flags included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StartCommand {
  /** the build check before serving: node's arguments */
  check: string[];
  /** NAME=value words before `node` (settings read when the process starts, such as GLIBC_TUNABLES) */
  env: Record<string, string>;
  /** node's flags before the script */
  flags: string[];
  /** the script served, relative to the project root */
  script: string;
}

const ENV_WORD = /^([A-Z_][A-Z0-9_]*)=(\S*)$/;

export function startCommand(root: string): StartCommand {
  const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const commands = start.split('&&').map((c) => c.trim().split(/\s+/));
  const [check, serve] = commands;
  const env: Record<string, string> = {};
  let i = 0;
  for (let m; serve && (m = ENV_WORD.exec(serve[i] ?? '')); i++) env[m[1]!] = m[2]!;
  const words = serve?.slice(i) ?? [];
  const script = words.at(-1) ?? '';
  if (commands.length !== 2 || check?.[0] !== 'node' || words[0] !== 'node' || !script.endsWith('scripts/serve.js')) {
    throw new Error(`cannot read the start script ${JSON.stringify(start)}: expected "node … && [NAME=value …] node [flags …] …/scripts/serve.js"`);
  }
  return { check: check.slice(1), env, flags: words.slice(1, -1), script };
}
