/** `refnet report chapter` on the bundled sample: the table names every member with the API's light and score. */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { balanceLine, CHAPTER_PARTS, chapterEmpty } from '../../graph/support/chapter-words.js';
import { workspace } from './run-cli.js';

vi.setConfig({ testTimeout: 180_000 });
const SAMPLE = fileURLToPath(new URL('../../data/sample-network.json', import.meta.url));

let ws: Awaited<ReturnType<typeof workspace>>;
beforeAll(async () => {
  ws = await workspace();
  expect((await ws.run(['import', SAMPLE])).code).toBe(0);
});
afterAll(() => ws.cleanup());

describe('refnet report chapter', () => {
  it('prints one line per member with their light and score, as --json reports them', async () => {
    const args = ['report', 'chapter', 'Berlin Referral Circle', '--from', '2026-05-01', '--to', '2026-10-31'];
    // One at a time: the embedded store takes one process.
    const json = await ws.run([...args, '--json']);
    const text = await ws.run(args);
    expect([json.code, text.code]).toEqual([0, 0]);
    const r = JSON.parse(json.stdout) as { name: string; members: { name: string; light: string; score: number }[] };
    expect(text.stdout.split('\n')[0]).toContain(r.name);
    for (const m of r.members) {
      const line = text.stdout.split('\n').find((l) => l.includes(m.name));
      expect(line, m.name).toBeDefined();
      expect(line).toMatch(new RegExp(`${m.light}\\W+${m.score}\\b`));
    }
  });

  it('when profession is a sensitive attribute, then the parts drawn from it are said to be left out, and --json keeps the API\'s withheld', async () => {
    const args = ['report', 'chapter', 'Berlin Referral Circle', '--from', '2026-05-01', '--to', '2026-10-31'];
    const env = { SENSITIVE_ATTRIBUTES: 'profession' };
    const json = await ws.run([...args, '--json'], env);
    const text = await ws.run(args, env);
    expect([json.code, text.code]).toEqual([0, 0]);
    const r = JSON.parse(json.stdout) as { withheld?: string[]; openSeats: unknown[] };
    expect(r.withheld).toEqual(expect.arrayContaining(['oneToOnesThatWouldPay', 'openSeats']));
    expect(text.stdout).toContain('Open seats: Left out: professions are a sensitive attribute in this network.');
    expect(text.stdout).toContain('One-to-ones that would pay: Left out: professions are a sensitive attribute in this network.');
    // Without it, the sections are there and nothing is said to be left out.
    const plain = await ws.run(args);
    expect(plain.stdout).toContain('Open seats (who could fill them');
    expect(plain.stdout).not.toMatch(/left out/i);
  });

  it('lists every part the page shows, givers and takers among them, as --json reports them', async () => {
    const args = ['report', 'chapter', 'Berlin Referral Circle', '--from', '2026-05-01', '--to', '2026-10-31'];
    const json = await ws.run([...args, '--json']);
    const text = await ws.run(args);
    const r = JSON.parse(json.stdout) as { members: { person: string; name: string }[]; giversAndTakers: { person: string; given: number; received: number; kind: string }[] };
    for (const [, title] of CHAPTER_PARTS) expect(text.stdout, title).toMatch(new RegExp(`^${title}\\b.*:`, 'm'));
    const unbalanced = r.giversAndTakers.filter((g) => g.kind !== 'balanced');
    expect(unbalanced.length).toBeGreaterThan(0);
    const names = new Map(r.members.map((m) => [m.person, m.name]));
    // A name others share carries its id ("Zoë Scott [p278]").
    const lines = text.stdout.split('\n');
    for (const g of unbalanced) expect(lines.some((l) => l.includes(names.get(g.person)!) && l.endsWith(balanceLine('', g))), g.person).toBe(true);
  });

  it('when a part has nothing to list, then it says what that means instead of leaving the part out', async () => {
    const empty = await workspace();
    try {
      const doc = {
        people: [{ id: 'a', name: 'Ann Able' }, { id: 'b', name: 'Ben Best' }],
        groups: [{ id: 'g', name: 'Quiet Chapter', kind: 'chapter' }],
        memberships: [{ person: 'a', group: 'g', since: '2026-01-01' }, { person: 'b', group: 'g', since: '2026-01-01' }],
      };
      await writeFile(join(empty.dir, 'doc.json'), JSON.stringify(doc));
      expect((await empty.run(['import', 'doc.json'])).code).toBe(0);
      const r = await empty.run(['report', 'chapter', 'Quiet Chapter', '--from', '2026-05-01', '--to', '2026-10-31']);
      expect(r.code, r.stderr).toBe(0);
      for (const [key, title] of CHAPTER_PARTS) expect(r.stdout, key).toContain(`${title}: ${chapterEmpty[key]}`);
    } finally {
      await empty.cleanup();
    }
  });

  it('when --to is after --as-of, then the first line says the period is not over and where its figures stop', async () => {
    const r = await ws.run(['report', 'chapter', 'Berlin Referral Circle', '--to', '2027-06-01', '--as-of', '2026-12-07']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toContain('2026-12-02 to 2027-06-01 (not over: counted to 2026-12-07)');
  });

  it('says which group is unknown, with a hint, and exits non-zero', async () => {
    const r = await ws.run(['report', 'chapter', 'no-such-group']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('no-such-group');
  });
});
