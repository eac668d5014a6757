/**
 * The CLI speaks in names: people named on the command line (any case, accents optional), the
 * two "Zoë Scott"s of the bundled sample listed with their ids instead of guessed, `people find`,
 * and names (not ids) in every table, ids with --ids and in --json.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { foldText } from '../../graph/service/text-match.js';
import { SAMPLE, sampleServer, samplePeople, type SampleServer } from './run-cli.js';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

let ws: SampleServer;
let people: Awaited<ReturnType<typeof samplePeople>>;
const ID = /\bp\d{3}\b/;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the API's answers, read field by field

beforeAll(async () => {
  [ws, people] = await Promise.all([sampleServer(), samplePeople()]);
});
afterAll(() => ws?.close());

const nameOf = (id: string) => people.get(id)!.name;
const uniqueNamed = () => {
  const count = new Map<string, number>();
  for (const p of people.values()) count.set(p.name, (count.get(p.name) ?? 0) + 1);
  return [...people.values()].filter((p) => count.get(p.name) === 1);
};

describe('people named on the command line', () => {
  it('when the two people of `tie` are one person (any spelling), then exit 2 saying so, with a hint, not "no tie"', async () => {
    const r = await ws.run(['tie', 'grace parker', 'GRACE PARKER']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('"grace parker" and "GRACE PARKER" are the same person (Grace Parker)');
    expect(r.stderr).toMatch(/^hint: name two different people/m);
    expect(r.stdout).toBe('');
  });

  it('when two people share the name "Zoë Scott", then the command stops with exit 2 and lists both with id, company and industry', async () => {
    const zoes = [...people.values()].filter((p) => p.name === 'Zoë Scott');
    expect(zoes).toHaveLength(2);
    for (const spelling of ['Zoë Scott', 'zoe scott']) {
      const r = await ws.run(['tie', spelling, 'p091']);
      expect(r.code).toBe(2);
      for (const z of zoes) {
        const line = r.stderr.split('\n').find((l) => l.includes(z.id));
        expect(line, r.stderr).toBeDefined();
        if (z.company) expect(line).toContain(z.company);
        expect(line).toContain(z.industry!);
      }
      expect(r.stderr).toMatch(/^hint: .*id/m);
      expect(r.stdout).toBe('');
    }
  });

  it('when a name is typed in another case or without its accents, then it names the same person as the id', async () => {
    // Names with accents or non-Latin letters are where folding matters; take a few from the data.
    const picks = uniqueNamed()
      .filter((p) => foldText(p.name) !== p.name.toLowerCase() || /[^\p{Script=Latin}\s]/u.test(p.name))
      .slice(0, 3);
    expect(picks.length).toBeGreaterThan(0);
    for (const p of picks) {
      const spelling = foldText(p.name) === p.name.toLowerCase() ? p.name : foldText(p.name).toUpperCase();
      const other = p.id === 'p091' ? 'p001' : 'p091';
      const r = await ws.run(['--json', 'tie', spelling, other]);
      expect(r.code, `${spelling}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout).a).toBe(p.id);
    }
  });

  it('when people find is asked for part of a name, then every person whose name contains it is listed with the id', async () => {
    const r = await ws.run(['people', 'find', 'SCOTT']);
    expect(r.code).toBe(0);
    const expected = [...people.values()].filter((p) => foldText(p.name).includes('scott') || foldText(p.company ?? '').includes('scott'));
    expect(expected.length).toBeGreaterThan(2);
    for (const p of expected) expect(r.stdout).toMatch(new RegExp(`^${p.id}\\s+${p.name}`, 'm'));
    const json = JSON.parse((await ws.run(['--json', 'people', 'find', 'zoë scott'])).stdout) as { id: string }[];
    expect(json.map((p) => p.id).sort()).toEqual(['p169', 'p278']);
  });

  it('when nobody has the name, then exit 2 and a hint to people find', async () => {
    const r = await ws.run(['renetworking', 'Nobody Of That Name']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no person .*"Nobody Of That Name"/);
    expect(r.stderr).toMatch(/^hint: .*people find/m);
  });
});

describe('--json answers what the API answers', () => {
  it('when `introductions` is asked without --limit, then --json is the API\'s answer to the same question (the API\'s default limit, not one of its own)', async () => {
    const grace = [...people.values()].find((p) => p.name === 'Grace Parker')!;
    const [cli, api] = await Promise.all([ws.run(['--json', 'introductions', 'Grace Parker']), fetch(`${ws.url}/api/people/${grace.id}/introductions`).then((r) => r.json())]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual(api);
  });
});

describe('names in every table', () => {
  // One test a command: each runs the CLI twice over the sample, which takes a while on a loaded machine.
  const cases: { args: string[]; ids: (j: Json) => string[] }[] = [
    { args: ['paths', 'Grace Parker', '--where', 'industry=Insurance', '-k', '2'], ids: (j) => j.paths.flatMap((p: Json) => p.people) },
    { args: ['renetworking', 'Grace Parker', '--limit', '5'], ids: (j) => j.queue.map((q: Json) => q.person) },
    { args: ['introductions', 'Grace Parker', '--limit', '3'], ids: (j) => j.introductions.flatMap((i: Json) => [i.a, i.b]) },
    { args: ['tie', 'Grace Parker', 'p151'], ids: (j) => [j.a, j.b] },
    { args: ['report', 'diversity-gap', '--person', 'Grace Parker', '-d', 'industry'], ids: (j) => [...j.missing, ...j.underRepresented].flatMap((c: Json) => c.candidates.slice(0, 3).map((x: Json) => x.person)) },
    { args: ['metrics', 'group', 'Berlin Referral Circle'], ids: (j) => j.coverage.flatMap((c: Json) => Object.values(c.categories).flat()) },
    { args: ['metrics', 'person', 'p091'], ids: (j) => j.reciprocity.owed },
    { args: ['metrics', 'network'], ids: (j) => j.topBrokers.map((b: Json) => b.person) },
  ];
  it.each(cases.map((c) => [c.args.join(' '), c] as const))('when `%s` is shown, then no table shows a person id and the people of the --json answer appear by name', async (_, c) => {
    // Wide enough that no name wraps inside its cell: this is about names, not wrapping.
    const [table, json] = await Promise.all([ws.run(c.args, { COLUMNS: '1000' }), ws.run(['--json', ...c.args])]);
    expect(table.code, `${c.args.join(' ')}: ${table.stderr}`).toBe(0);
    // Only a name two people share (the Zoë Scotts) carries its id, to tell them apart.
    const shared = (id: string) => [...people.values()].filter((p) => foldText(p.name) === foldText(nameOf(id))).length > 1;
    expect(table.stdout.replace(/ \[(p\d{3})\]/g, (m, id: string) => (shared(id) ? '' : m)), c.args.join(' ')).not.toMatch(ID);
    const ids = c.ids(JSON.parse(json.stdout));
    expect(ids.length, c.args.join(' ')).toBeGreaterThan(0);
    for (const id of ids) expect(table.stdout, `${c.args.join(' ')}: ${id}`).toContain(nameOf(id));
  });

  it('when a name two people share appears without its namesake, then it still carries its id (tables and the chapter report)', async () => {
    const doc = JSON.parse(await readFile(SAMPLE, 'utf8')) as { memberships: { person: string; group: string }[] };
    const byName = new Map<string, string[]>();
    for (const p of people.values()) byName.set(foldText(p.name), [...(byName.get(foldText(p.name)) ?? []), p.id]);
    // A member of a group whose namesake is not a member: the chapter report names only the one.
    const pick = doc.memberships.find((m) => {
      const sakes = byName.get(foldText(nameOf(m.person)))!;
      return sakes.length > 1 && !doc.memberships.some((o) => o.group === m.group && o.person !== m.person && sakes.includes(o.person));
    });
    expect(pick, 'the sample has a member whose namesake is in another group').toBeDefined();
    const unique = uniqueNamed()[0]!;
    const tie = await ws.run(['tie', pick!.person, unique.id]);
    expect(tie.code, tie.stderr).toBe(0);
    expect(tie.stdout).toContain(`${nameOf(pick!.person)} [${pick!.person}] and ${unique.name} `);
    const chapter = await ws.run(['report', 'chapter', pick!.group]);
    expect(chapter.code, chapter.stderr).toBe(0);
    expect(chapter.stdout).toMatch(new RegExp(`^${nameOf(pick!.person)} \\[${pick!.person}\\]\\s`, 'm'));
  });

  it('when --ids is given, then each name carries its id', async () => {
    const r = await ws.run(['--ids', 'paths', 'p091', '--to', 'p151']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${nameOf('p091')} [p091]`);
    expect(r.stdout).toContain(`${nameOf('p151')} [p151]`);
  });
});

describe('readable values', () => {
  it('when a tie is shown, then fields are labelled, dates are dates, days are whole, and the internal cost is not shown', async () => {
    const r = await ws.run(['tie', 'Grace Parker', 'p151']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\w\.\w+\s{2,}/); // no flat dotted keys such as evidence.lastContact
    expect(r.stdout).not.toMatch(/cost|T\d\d:\d\d:\d\d|\d+\.\d+ days/);
    expect(r.stdout).toMatch(/^last contact\s+\d{4}-\d{2}-\d{2}.*\(\d+ days? ago/m);
  });

  it('when network metrics are shown, then counts in the thousands have separators', async () => {
    const [table, json] = await Promise.all([ws.run(['metrics', 'network']), ws.run(['--json', 'metrics', 'network'])]);
    const ties = (JSON.parse(json.stdout) as { ties: number }).ties;
    expect(ties).toBeGreaterThan(999);
    expect(table.stdout).toMatch(new RegExp(`^ties\\s+${new Intl.NumberFormat('en-US').format(ties)}$`, 'm'));
  });

  it('when paths and renetworking are shown, then hops are counted in words and days are whole', async () => {
    const paths = await ws.run(['paths', 'p091', '--to', 'p151', '-k', '3']);
    expect(paths.stdout).toMatch(/\(1 hop,/);
    expect(paths.stdout).not.toMatch(/\b1 hops\b/);
    const queue = await ws.run(['renetworking', 'p091', '--limit', '5']);
    expect(queue.stdout).toMatch(/\d+ days ago/);
    expect(queue.stdout).not.toMatch(/\d+\.\d+ days/);
    expect(queue.stdout).toMatch(/€[\d,]+/); // referral values in the server's currency (CURRENCY, default EUR)
  });
});
