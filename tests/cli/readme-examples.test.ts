/**
 * Every `refnet …` example in README.md and docs/CLI.md runs on the bundled sample as printed:
 * in a fresh directory (the default data directory ./.refnet), in document order, README first
 * (its first example imports the sample), through a shell so quoting and `$(…)` work as for a
 * reader. Exit code 0, or the one a trailing `# exit N` comment documents. Examples that talk to a
 * server (REFNET_URL=http://127.0.0.1:3000) run last, against `refnet serve` started by the test
 * on a free port.
 */
import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { BIN, SAMPLE, workspace } from './run-cli.js';

vi.setConfig({ testTimeout: 1_200_000, hookTimeout: 120_000 }); // dozens of CLI processes; slow on a loaded two-core machine

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/import/', import.meta.url));
const DOC_URL = 'http://127.0.0.1:3000';

interface Example {
  doc: string;
  line: string;
  command: string;
  exit: number;
}

/** The `refnet` command lines of the fenced sh blocks of a Markdown file. */
async function examplesOf(doc: string): Promise<Example[]> {
  const text = await readFile(join(ROOT, doc), 'utf8');
  const out: Example[] = [];
  for (const block of text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)) {
    for (const line of block[1]!.split('\n')) {
      // `echo '…' | refnet …` is a command reading a password on stdin: run as written.
      if (!/^(?:echo '[^']*' \| )?(?:[A-Z_]+=\S+\s+)*(?:npm run refnet --|refnet)\s/.test(line)) continue;
      const comment = /\s#\s(.*)$/.exec(line);
      const command = (comment ? line.slice(0, comment.index) : line).trim().replace('npm run refnet --', 'refnet');
      out.push({ doc, line, command, exit: Number(/^exit (\d+)/.exec(comment?.[1] ?? '')?.[1] ?? 0) });
    }
  }
  return out;
}

/** A fresh directory with the files the examples name, as a reader would have them, and `refnet` on the PATH (as after `npm link`). */
async function readerDirectory(): Promise<{ dir: string; env: NodeJS.ProcessEnv }> {
  const dir = await mkdtemp(join(tmpdir(), 'refnet-examples-'));
  await mkdir(join(dir, 'data'));
  await copyFile(SAMPLE, join(dir, 'data', 'sample-network.json'));
  await copyFile(join(FIXTURES, 'linkedin', 'Connections.csv'), join(dir, 'Connections.csv'));
  await copyFile(join(FIXTURES, 'vcard', 'ios.vcf'), join(dir, 'contacts.vcf'));
  await mkdir(join(dir, 'bin'));
  await writeFile(join(dir, 'bin', 'refnet'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  await chmod(join(dir, 'bin', 'refnet'), 0o755);
  const { REFNET_DATA: _default, ...rest } = process.env; // the default data directory, ./.refnet
  const env = { ...rest, PATH: `${join(dir, 'bin')}:${process.env.PATH}`, LOG_LEVEL: 'silent', REFNET_URL: '', REFNET_API_KEY: '', COLUMNS: '100' };
  return { dir, env };
}

function sh(dir: string, env: NodeJS.ProcessEnv, command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('/bin/sh', ['-c', command], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** Runs a document's examples in order in a fresh directory; returns the failures. */
async function runExamplesOf(doc: string): Promise<string[]> {
  const examples = await examplesOf(doc);
  expect(examples.length, doc).toBeGreaterThan(5);
  // Each document starts from nothing: its first example loads the sample.
  expect(examples[0]!.command, doc).toMatch(/^refnet import data\/sample-network\.json/);
  const { dir, env } = await readerDirectory();
  dirs.push(dir);
  const failures: string[] = [];
  const check = (e: Example, r: { code: number; stdout: string; stderr: string }) => {
    if (r.code !== e.exit) failures.push(`${e.doc}: ${e.line}\n  exit ${r.code}, expected ${e.exit}\n  ${r.stderr.trim().split('\n').join('\n  ')}`);
    // A documented failure still explains itself.
    if (e.exit !== 0 && !/^hint: /m.test(r.stderr)) failures.push(`${e.doc}: ${e.line}\n  no hint line`);
  };
  const remote = examples.filter((e) => e.command.includes('REFNET_URL='));
  for (const e of examples.filter((x) => !remote.includes(x))) check(e, await sh(dir, env, e.command));
  if (remote.length) {
    // `refnet serve` on a free port over the directory the other examples used.
    const ws = await workspace();
    ws.env.REFNET_DATA = join(dir, '.refnet');
    try {
      const server = await ws.serve();
      try {
        for (const e of remote) check(e, await sh(dir, env, e.command.replaceAll(DOC_URL, server.url)));
      } finally {
        await server.stop();
      }
    } finally {
      await ws.cleanup();
    }
  }
  return failures;
}

describe('README.md and docs/CLI.md examples', () => {
  for (const doc of ['README.md', 'docs/CLI.md']) {
    it(`when every refnet example of ${doc} is run on the bundled sample, then each exits as documented`, async () => {
      const failures = await runExamplesOf(doc);
      expect(failures, failures.join('\n\n')).toEqual([]);
    });
  }
});
