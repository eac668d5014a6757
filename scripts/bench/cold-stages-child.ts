/**
 * Runs cold-stages.ts in a fresh process as the server runs its code: compiled (dist/, built first
 * when stale), with the environment and node flags of `npm start`. Its peak RSS is one parse and one
 * cold pass as the server would hold them, nothing the bench process held before (the figure to
 * set beside the peers').
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { builtModule, ensureBuilt } from '../build.mjs';
import { startCommand } from '../start-command.js';
import type { ColdStages } from './cold-stages.js';

export async function coldStagesInChild(root: string, documentPath: string): Promise<ColdStages> {
  await ensureBuilt();
  const script = fileURLToPath(builtModule('scripts/bench/cold-stages.ts'));
  const start = startCommand(root);
  const args = ['--max-old-space-size=6144', ...start.flags, '--expose-gc', script, documentPath, '--json'];
  const env = { ...process.env, ...start.env };
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: root, env, maxBuffer: 16 * 2 ** 20 });
  return JSON.parse(stdout) as ColdStages;
}
