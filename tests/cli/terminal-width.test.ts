/**
 * The CLI's output at 80 columns on the bundled sample (docs/CLI.md, "Readable output"): no line
 * is wider than the terminal, no word is cut short with "…", and the ids the next command needs
 * (a slip's for `slip move`, an intro request's for `intro accept|made`) are printed whole.
 */
import { fileURLToPath } from 'node:url';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { workspace } from './run-cli.js';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

const SAMPLE = fileURLToPath(new URL('../../data/sample-network.json', import.meta.url));
const AT_80 = { COLUMNS: '80' };

/** What is wrong with `out` at 80 columns: lines too wide, words cut with "…". */
function misfits(out: string): string[] {
  const lines = out.split('\n');
  return [...lines.filter((l) => stringWidth(l) > 80).map((l) => `${stringWidth(l)} wide: ${l}`), ...lines.filter((l) => /[\p{L}\p{N}]…/u.test(l)).map((l) => `cut: ${l}`)];
}

describe('output at 80 columns', () => {
  let ws: Awaited<ReturnType<typeof workspace>>;
  let slip: string;
  let intro: string;
  const run = async (...args: string[]) => {
    const r = await ws.run(args, AT_80);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };

  beforeAll(async () => {
    ws = await workspace();
    await run('import', SAMPLE);
    slip = /rf-[0-9a-f-]{36}/.exec(await run('slip', 'pass', 'Grace Parker', 'p169', '--prospect', 'Acme'))![0];
    // Melissa Martin (p201) knows Grace Parker and Paweł Kowalski, who do not know each other.
    intro = /iq-[0-9a-f-]{36}/.exec(await run('intro', 'ask', 'p201', 'Paweł Kowalski', '--as', 'Grace Parker'))![0];
  });
  afterAll(() => ws.cleanup());

  it('when slips and intro requests are listed, then their ids are whole and no line is wider than 80', async () => {
    for (const [out, id] of [
      [await run('slip', 'list', 'Grace Parker'), slip],
      [await run('intro', 'list', '--as', 'Grace Parker'), intro],
      [await run('week', 'Grace Parker'), slip],
    ] as const) {
      expect(out).toContain(id);
      expect(misfits(out)).toEqual([]);
    }
  });

  it.each([
    ['renetworking', 'Grace Parker', '--limit', '3'],
    ['report', 'chapter', 'g1'],
    ['report', 'diversity-gap', '--person', 'Grace Parker', '-d', 'profession', '--target', 'Solicitor,Chiropractor,Physiotherapist'],
    ['people', 'find', 'zoe'],
    ['tie', 'Grace Parker', 'p169'],
    ['metrics', 'person', 'Grace Parker'],
    ['metrics', 'group', 'g1'],
  ])('when `refnet %s %s` runs, then every line fits in 80 columns and no word is cut', async (...args) => {
    const out = await run(...args);
    expect(misfits(out)).toEqual([]);
    for (const word of ['profitability', 'keep-in-touch', 'under-represented', 'Physiotherapist']) if (out.includes(word.slice(0, 8))) expect(out).toContain(word);
  });

  it("when a group's events share a name, then they are one row with their count, not one identical row each", async () => {
    const { stdout: out } = await ws.run(['metrics', 'group', 'g1'], { COLUMNS: '200' }); // one line a row
    expect(out).toContain('Weekly meeting – Berlin Referral Circle ×32');
    expect(out.match(/Weekly meeting/g)).toHaveLength(1);
  });

  it("when a group's diversity gap has many categories, then 10 are listed and the rest counted; --limit 0 lists all", async () => {
    const capped = await run('report', 'diversity-gap', '--group', 'g1', '-d', 'profession');
    const more = /… and (\d+) more \(--limit 0 for all\)/.exec(capped);
    expect(more).not.toBeNull();
    expect(capped.match(/^(missing|under-represented) /gm)).toHaveLength(10);
    const all = await run('report', 'diversity-gap', '--group', 'g1', '-d', 'profession', '--limit', '0');
    expect(all).not.toContain('more (--limit 0');
    expect(all.match(/^(missing|under-represented) /gm)).toHaveLength(10 + Number(more![1]));
  });
});
