/**
 * The real server refuses to start on a data directory that lost acknowledged writes — a journal
 * emptied, deleted, or with its last acknowledged frame damaged after a clean shutdown — with
 * exit code 3 and a message naming the damage and the way out, and starts once the operator
 * accepts exactly the loss the message names (REFNET_ACCEPT_DATA_LOSS=<version>).
 */
import { cpSync, readFileSync, readdirSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../api/config.js';
import { call } from '../api/harness.js';
import { runServerExpectingExit, startServerChild } from './server-child.js';

const EXIT_DAMAGED_DATA = 3;

function people(prefix: string, n: number) {
  return { people: Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, name: `Person ${prefix}${i}` })) };
}

function journalOf(dir: string): string {
  const names = readdirSync(dir).filter((n) => /^journal-\d+\.rnj$/.test(n));
  expect(names).toHaveLength(1);
  return join(dir, names[0]!);
}

async function exportedIds(url: string): Promise<string[]> {
  const { status, body } = await call(url, 'GET', '/api/export');
  expect(status).toBe(200);
  return body.people.map((p: { id: string }) => p.id).sort();
}

describe('start-up on a data directory that lost acknowledged writes', () => {
  let base: string;
  let seeded: string;
  let case_ = 0;
  /** A private copy of the seeded directory: 40 people acknowledged, then 30 more (70 in all). */
  const copy = () => {
    const dir = join(base, `case-${++case_}`);
    cpSync(seeded, dir, { recursive: true });
    return dir;
  };

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'refnet-damaged-'));
    seeded = join(base, 'seeded');
    const server = await startServerChild({ REFNET_DATA: seeded });
    try {
      expect((await call(server.url, 'POST', '/api/import', people('a', 40))).status).toBe(200);
      expect((await call(server.url, 'POST', '/api/import', people('b', 30))).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  /** Starts the server on `dir` expecting the refusal; returns its output. */
  async function expectRefusal(dir: string, env: Record<string, string> = {}): Promise<string> {
    const { code, output } = await runServerExpectingExit({ REFNET_DATA: dir, ...env });
    expect(code, output).toBe(EXIT_DAMAGED_DATA);
    expect(output).toMatch(/missing acknowledged writes/);
    expect(output).toMatch(/restore .* from a backup/);
    expect(output).toMatch(/REFNET_ACCEPT_DATA_LOSS=\d+/);
    expect(output).not.toMatch(/\n\s+at /); // a message for an operator, not a stack trace
    return output;
  }

  it('when the journal was emptied after a clean stop, then the server exits 3 naming the empty journal', async () => {
    const dir = copy();
    const journal = journalOf(dir);
    truncateSync(journal, 0);
    const output = await expectRefusal(dir);
    expect(output).toContain(`${journal} is empty (0 bytes)`);
    expect(output).toContain('REFNET_ACCEPT_DATA_LOSS=0');
    expect(statSync(journal).size).toBe(0);
  }, 60_000);

  it('when the journal was deleted, then the server exits 3 instead of starting empty', async () => {
    const dir = copy();
    unlinkSync(journalOf(dir));
    expect(await expectRefusal(dir)).toContain(`no journal file in ${dir}`);
  }, 60_000);

  it('when the last acknowledged frame is damaged after a clean stop, then the server exits 3, and starts once that exact loss is accepted', async () => {
    const dir = copy();
    const journal = journalOf(dir);
    const bytes = readFileSync(journal);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    writeFileSync(journal, bytes);
    const output = await expectRefusal(dir);
    expect(output).toMatch(new RegExp(`${journal}: damaged frame at byte offset \\d+ \\(payload checksum mismatch\\)`));
    const keep = /REFNET_ACCEPT_DATA_LOSS=(\d+)/.exec(output)![1]!;

    // Accepting some other version is not accepting this loss.
    await expectRefusal(dir, { REFNET_ACCEPT_DATA_LOSS: String(Number(keep) + 1) });

    const accepted = await startServerChild({ REFNET_DATA: dir, REFNET_ACCEPT_DATA_LOSS: keep });
    try {
      expect(await exportedIds(accepted.url)).toStrictEqual(people('a', 40).people.map((p) => p.id).sort());
      expect(accepted.output()).toMatch(/accepting the loss of acknowledged versions/);
    } finally {
      expect(await accepted.stop()).toBe(0);
    }
    const after = await startServerChild({ REFNET_DATA: dir });
    try {
      expect(await exportedIds(after.url)).toHaveLength(40);
    } finally {
      expect(await after.stop()).toBe(0);
    }
  }, 120_000);
});

describe('REFNET_ACCEPT_DATA_LOSS', () => {
  it('when it is a version, then it is that number; when empty, then unset (never version 0); anything else stops the start naming it', () => {
    expect(loadConfig({ REFNET_ACCEPT_DATA_LOSS: '42' }).REFNET_ACCEPT_DATA_LOSS).toBe(42);
    expect(loadConfig({ REFNET_ACCEPT_DATA_LOSS: '' }).REFNET_ACCEPT_DATA_LOSS).toBeUndefined();
    expect(loadConfig({}).REFNET_ACCEPT_DATA_LOSS).toBeUndefined();
    for (const bad of ['yes', 'true', '-1', '1.5', ' 3']) {
      expect(() => loadConfig({ REFNET_ACCEPT_DATA_LOSS: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ REFNET_ACCEPT_DATA_LOSS: bad })).toThrow(/REFNET_ACCEPT_DATA_LOSS/);
    }
  });
});
