/**
 * The CLI end to end on hostile input: a network document with a key twice in an object (refused,
 * exit 2, naming where), names with terminal control sequences (shown escaped), and `refnet tie`
 * and `refnet paths` of a person with themselves (exit 2 with a hint).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { workspace } from './run-cli.js';

vi.setConfig({ testTimeout: 180_000 });

type Workspace = Awaited<ReturnType<typeof workspace>>;
let ws: Workspace;

beforeAll(async () => {
  ws = await workspace();
  const imported = await ws.run(['import', '--json', await doc('seed.json', JSON.stringify({ people: [{ id: 'p1', name: 'Ada Lovelace' }, { id: 'p2', name: 'Bell\u0007\u001b[31mRED\u001b[0m \u202eevil' }] }))]);
  expect(imported.code, imported.stderr).toBe(0);
});
afterAll(() => ws.cleanup());

async function doc(name: string, text: string): Promise<string> {
  const path = join(ws.dir, name);
  await writeFile(path, text);
  return path;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

describe('refnet on hostile input', () => {
  it('when a network document has a key twice in a record, then import exits 2 naming the object and key, and nothing is imported', async () => {
    const file = await doc('dup.json', '{"people":[{"id":"pp1","name":"A"},{"id":"pp7","name":"x","id":"pp8"}]}');
    const r = await ws.run(['import', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the key "id" twice in the object at /people/1');
    expect(r.stderr).toMatch(/^hint: keep one "id" in that object/m);
    expect((await ws.run(['people', 'find', 'pp'])).stdout).not.toMatch(/pp7|pp8/);
  });

  it('when names hold control sequences and a bidi override, then people find shows them escaped', async () => {
    const r = await ws.run(['people', 'find', 'Bell']);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\n/g, '')).not.toMatch(UNSAFE);
    expect(r.stdout).toContain('Bell\\x07\\x1B[31mRED\\x1B[0m \\u202Eevil');
  });

  it('when tie names one person twice, then exit 2 with a hint, not an empty tie', async () => {
    const r = await ws.run(['tie', 'p1', 'Ada Lovelace']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a person and themselves have no relationship');
    expect(r.stderr).toMatch(/^hint: name two different people/m);
  });

  it('when paths asks for a path from a person to themselves, by id and by name, then exit 2 with a hint, not a "no path" answer', async () => {
    for (const to of ['p1', 'ada lovelace']) {
      const r = await ws.run(['paths', 'Ada Lovelace', '--to', to]);
      expect(r.code, r.stdout).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('is the person the paths start from');
      expect(r.stderr).toMatch(/^hint: give someone else with --to/m);
    }
  });
});
