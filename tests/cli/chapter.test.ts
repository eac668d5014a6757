/** `refnet report chapter` on the bundled sample: the table names every member with the API's light and score. */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
    expect(text.stdout).toContain('Open seats: left out: professions are a sensitive attribute in this network.');
    expect(text.stdout).toContain('One-to-ones that would pay: left out: professions are a sensitive attribute in this network.');
    // Without it, the sections are there and nothing is said to be left out.
    const plain = await ws.run(args);
    expect(plain.stdout).toContain('Open seats (who could fill them');
    expect(plain.stdout).not.toContain('left out');
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
