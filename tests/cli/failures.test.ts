/**
 * Every failure reads the same from every command (scripts/cli/failures.ts): a `refnet:` message
 * in the user's terms, a `hint:` line, the exit code docs/CLI.md documents, never a stack trace.
 * Runs the CLI as a user does, on an empty data directory: none of these needs the sample.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { reportFailure } from '../../scripts/cli/failures.js';
import { StoreCorruptError, StoreIoError, StoreLockedError } from '../../graph/store/embedded/errors.js';
import { StoreFullError } from '../../graph/store/port.js';
import { KeyFileError } from '../../api/security/key-file.js';
import { AccountFileError } from '../../api/security/account-file.js';
import { ConfigError } from '../../api/config.js';
import { workspace, type Run } from './run-cli.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

type Workspace = Awaited<ReturnType<typeof workspace>>;
let ws: Workspace;
beforeAll(async () => {
  ws = await workspace();
  // An empty data directory: one that does not exist is refused (missing-data.test.ts).
  await mkdir(join(ws.dir, 'data'));
});
afterAll(() => ws?.cleanup());

const STACK = /^\s+at /m;

function expectFailure(r: Run, code: number, message: RegExp): void {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toMatch(/^hint: \S.+$/m);
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stdout).toBe('');
}

/** A loopback port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

describe('a command left out', () => {
  it('when refnet or a command group is run without its command, then the help goes to stderr and the exit code is 2', async () => {
    for (const args of [[], ['metrics'], ['report'], ['intro']]) {
      const r = await ws.run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^Usage: refnet/m);
      expect(r.stdout).toBe('');
    }
  });

  it('when help is asked for, then it goes to stdout with exit code 0', async () => {
    for (const args of [['--help'], ['metrics', '--help'], ['help', 'tie']]) {
      const r = await ws.run(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^Usage: refnet/m);
    }
  });
});

describe('the version', () => {
  it('when --version is asked for, then the package version is printed with exit code 0', async () => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const r = await ws.run(['--version']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });
});

describe('input named in the user\'s terms', () => {
  it('when an argument is empty, then exit 2 names the argument instead of asking for "undefined"', async () => {
    for (const args of [['tie', 'p091', ''], ['intro', 'accept', ''], ['people', 'find', ' '], ['import', '']]) {
      const r = await ws.run(args);
      expectFailure(r, 2, /refnet: <[\w-]+> is empty/);
      expect(r.stderr).not.toMatch(/undefined|no route/);
    }
    expectFailure(await ws.run(['report', 'diversity-gap', '--person', '', '-d', 'industry']), 2, /an empty person id or name/);
  });

  it('when the server refuses an option value, then the message names the option as typed, not the API parameter', async () => {
    const asOf = await ws.run(['metrics', 'network', '--as-of', '2026-02-30']);
    // the form is right, the day does not exist: said so, not "must be YYYY-MM-DD"
    expectFailure(asOf, 2, /refnet: --as-of: 2026-02-30 does not exist: February 2026 has 28 days/);
    expect(asOf.stderr).not.toMatch(/\/query\/|YYYY-MM-DD/);
  });

  it('when an intro command runs with no "me" chosen, then exit 2 and the hint says --as', async () => {
    expectFailure(await ws.run(['intro', 'list']), 2, /no person is chosen\nhint: add --as PERSON/);
  });
});

describe('servers and files', () => {
  it('when nothing listens at REFNET_URL, then exit 1 names why (ECONNREFUSED), not just "fetch failed"', async () => {
    const r = await ws.run(['metrics', 'network'], { REFNET_URL: `http://127.0.0.1:${await closedPort()}` });
    expectFailure(r, 1, /cannot reach the refnet server at .* \(ECONNREFUSED\)/);
  });

  it('when the keys or accounts file is damaged, then exit 1 names the file, with a hint and no stack trace', async () => {
    const data = join(ws.dir, 'damaged');
    await mkdir(data);
    await writeFile(join(data, 'keys.json'), '{broken');
    await writeFile(join(data, 'accounts.json'), '[oops');
    expectFailure(await ws.run(['--data', data, 'keys', 'list']), 1, /keys\.json: not valid JSON/);
    expectFailure(await ws.run(['--data', data, 'users', 'list']), 1, /accounts\.json: not valid JSON/);
  });

  it('when a file to read does not exist, then the message says so in words and the exit code is 2', async () => {
    expectFailure(await ws.run(['import', 'no-such-file.csv']), 2, /cannot read no-such-file\.csv: no such file or directory/);
    expectFailure(await ws.run(['restore', 'no-such-file.backup']), 2, /cannot read no-such-file\.backup: no such file or directory/);
  });

  it('when serve cannot listen or the directory is held, then exit 1 with a hint, never a stack trace', async () => {
    const server = await ws.serve();
    try {
      const port = new URL(server.url).port;
      const busy = await ws.run(['--data', join(ws.dir, 'other'), 'serve', '--port', port]);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(new RegExp(`refnet: port ${port} is in use`));
      expect(busy.stderr).toMatch(/^hint: .*--port/m);
      expect(busy.stderr).not.toMatch(STACK);
      const held = await ws.run(['serve', '--port', '0']);
      expect(held.code).toBe(1);
      expect(held.stderr).toMatch(/in use by another process/);
      expect(held.stderr).toMatch(/^hint: .*REFNET_URL/m);
      expect(held.stderr).not.toMatch(STACK);
    } finally {
      await server.stop();
    }
    const badPort = await ws.run(['serve', '--port', 'abc']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toMatch(/--port: expected a whole number/);
    expect(badPort.stderr).toMatch(/^hint: /m);
    for (const value of ['0x10', '1e3', ' 80', '']) {
      const badEnv = await ws.run(['serve'], { PORT: value });
      expect(badEnv.code, JSON.stringify(value)).toBe(2);
      expect(badEnv.stderr).toContain(`PORT: expected a whole number in decimal digits, e.g. 3000 (got ${JSON.stringify(value)})`);
      expect(badEnv.stderr).not.toMatch(STACK);
    }
  });
});

describe('the mapping itself', () => {
  it('when a store, key-file or configuration error reaches the top, then it gets its documented exit code and a hint', () => {
    const cases: [Error, number][] = [
      [new StoreIoError('/data/journal', 'EACCES', 'open', new Error('EACCES')), 1],
      [new StoreFullError('no space left'), 1],
      [new StoreLockedError('held by process 1'), 1],
      [new StoreCorruptError('/data/journal', 10, 'bad checksum'), 1],
      [new KeyFileError('/data/keys.json: not valid JSON'), 1],
      [new AccountFileError('/data/accounts.json: not valid JSON'), 1],
      [new ConfigError('PORT: invalid'), 2],
    ];
    for (const [err, code] of cases) {
      let out = '';
      expect(reportFailure(err, (t) => (out += t)), err.name).toBe(code);
      expect(out).toMatch(/^refnet: /);
      expect(out).toMatch(/^hint: \S/m);
      expect(out, err.name).not.toMatch(/unexpected error|this is a bug/);
    }
  });
});
