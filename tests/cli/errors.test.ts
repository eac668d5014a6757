/**
 * CLI input is checked, never accepted silently: unknown dimensions name the known ones, category
 * values match in any case with "did you mean" for a typo, and every failure prints a message,
 * a `hint:` line and the documented exit code (docs/CLI.md: 1 runtime, 2 usage or invalid input).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFile } from 'node:fs/promises';
import { SAMPLE, sampleServer, type Run, type SampleServer } from './run-cli.js';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

let ws: SampleServer;
beforeAll(async () => {
  ws = await sampleServer();
});
afterAll(() => ws?.close());

/** The error shape docs/CLI.md promises: exit code, a `refnet:`/`error:` message, then a hint line; nothing on stdout. */
function expectError(r: Run, code: number, message: RegExp): void {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toMatch(/^hint: \S.+$/m);
  expect(r.stdout).toBe('');
}

describe('dimensions and categories', () => {
  it('when a dimension is unknown, then exit 2 naming the known dimensions, on every command that takes one', async () => {
    for (const args of [
      ['report', 'diversity-gap', '--person', 'p091', '-d', 'nonsense'],
      ['introductions', 'p091', '-d', 'nonsense'],
      ['metrics', 'person', 'p091', '-d', 'nonsense'],
      ['paths', 'p091', '--where', 'nonsense=x'],
    ]) {
      const r = await ws.run(args);
      expectError(r, 2, /unknown dimension "nonsense"/);
      expect(r.stderr, args.join(' ')).toMatch(/industry, profession, location, company, title, group, club, department/);
    }
  });

  it('when a dimension is mistyped, then the error suggests the right one, and the hint the option to type again', async () => {
    const where = await ws.run(['paths', 'Grace Parker', '--where', 'industy=Insurance']);
    expectError(where, 2, /did you mean "industry"/);
    expect(where.stderr).toMatch(/^hint: try … --where industry=Insurance \(as suggested above\); or use one of the names/m);
    const d = await ws.run(['report', 'diversity-gap', '--person', 'p091', '-d', 'profesion']);
    expectError(d, 2, /did you mean "profession"/);
    expect(d.stderr).toMatch(/^hint: try … -d profession /m);
    // Nothing close: no fix offered.
    expect((await ws.run(['metrics', 'person', 'p091', '-d', 'nonsense'])).stderr).toMatch(/^hint: use one of the names/m);
  });

  it('when a category is given in another case or without accents, then it matches the stored one', async () => {
    // One instant for all three: tie strengths decay with time.
    const paths = async (where: string) => {
      const r = await ws.run(['--json', 'paths', 'p091', '--where', where, '--as-of', '2026-10-31']);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { paths: { people: string[] }[] }).paths.map((p) => p.people);
    };
    const canonical = await paths('industry=Insurance');
    expect(canonical.length).toBeGreaterThan(0);
    for (const spelling of ['industry=insurance', 'industry=INSURANCE', 'club=golf CLUB']) {
      if (spelling.startsWith('club')) expect((await paths(spelling)).length).toBeGreaterThan(0);
      else expect(await paths(spelling)).toEqual(canonical);
    }
  });

  it('when a category is mistyped or held by no one, then exit 2 with the closest categories', async () => {
    const typo = await ws.run(['paths', 'p091', '--where', 'industry=Insurnce']);
    expectError(typo, 2, /no one has industry "Insurnce".*did you mean "Insurance"/);
    expect(typo.stderr).toMatch(/^hint: try … --where industry=Insurance /m);
    expectError(await ws.run(['paths', 'p091', '--where', 'club=Rotray']), 2, /did you mean "Rotary"/);
  });
});

describe('diversity gap target categories are checked like --where values', () => {
  /** The sample's professions, read from the file: the expectations follow the data. */
  const professions = async () => {
    const doc = JSON.parse(await readFile(SAMPLE, 'utf8')) as { people: { profession?: string }[] };
    return [...new Set(doc.people.map((p) => p.profession).filter((x): x is string => !!x))].sort();
  };
  const gap = (target: string, ...more: string[]) => ws.run(['--json', 'report', 'diversity-gap', '--person', 'p091', '-d', 'profession', '--target', target, ...more]);
  const absentName = 'Zzyzx Whittler';

  it('when a target is held by no one or mistyped, then exit 2 naming each with the closest spellings, and a hint naming --allow-absent', async () => {
    const all = await professions();
    const real = all.find((p) => p.length >= 8)!;
    const typo = real.slice(0, 2) + real[3] + real[2] + real.slice(4); // two letters swapped
    expect(all).not.toContain(typo);
    const r = await gap(`${real},${absentName},${typo}`);
    expectError(r, 2, new RegExp(`no one has profession "${absentName}" nor "${typo}" \\(did you mean "${real}"`));
    expect(r.stderr).not.toMatch(new RegExp(`"${real}" nor`));
    expect(r.stderr).toMatch(/^hint: .*--allow-absent/m);
    // The hint is the target list again, the typo replaced by its closest spelling (the server's errors[].unknown).
    expect(r.stderr).toContain(`hint: try … --target "${real},${absentName}" (as suggested above)`);
  });

  it('when a target differs only in case, then it is the stored category; with --allow-absent a category no one holds is listed as missing with no one to fill it', async () => {
    const all = await professions();
    const [a, b] = [all[0]!, all[1]!];
    const folded = await gap(`${a.toUpperCase()},${b.toLowerCase()}`);
    expect(folded.code, folded.stderr).toBe(0);
    const report = JSON.parse(folded.stdout) as { reference: string; shares: { category: string; referenceShare: number }[]; missing: { category: string; candidates: unknown[] }[] };
    expect(report.reference).toBe('target');
    expect(report.shares.filter((s) => s.referenceShare > 0).map((s) => s.category).sort()).toEqual([a, b].sort());

    const absent = await gap(`${a},${absentName}`, '--allow-absent');
    expect(absent.code, absent.stderr).toBe(0);
    const withAbsent = JSON.parse(absent.stdout) as typeof report;
    expect(withAbsent.missing.find((m) => m.category === absentName)).toMatchObject({ candidates: [] });
    const table = await ws.run(['report', 'diversity-gap', '--person', 'p091', '-d', 'profession', '--target', `${a},${absentName}`, '--allow-absent']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`missing\\s+${absentName}`));
  });
});

describe('every error has a hint and its exit code', () => {
  it('when the input is wrong in any of several ways, then exit 2 with a message and a hint', async () => {
    const cases: [string[], RegExp][] = [
      [['paths', 'p091'], /exactly one target/],
      [['paths', 'p091', '--to', 'p151', '-k', '0'], /positive whole number/],
      [['paths', 'p091', '--bogus'], /unknown option/],
      [['frobnicate'], /unknown command/],
      [['tie', 'p091', 'nobody-at-all'], /no person/],
      [['metrics', 'group', 'No Such Group'], /no group/],
      [['paths', 'p091', '--to-company', 'No Such Company'], /no company/],
      [['report', 'diversity-gap', '-d', 'industry'], /exactly one of --person or --group/],
      [['--currency', 'XYZ', 'tie', 'p091', 'p151'], /unknown currency/],
      [['paths', 'p091', '--where', 'industry'], /dimension=value/],
    ];
    for (const [args, message] of cases) expectError(await ws.run(args), 2, message);
  });

  it('when a command group is given a word it does not know, then the hint lists its commands, and the lookup for a name', async () => {
    const people = await ws.run(['people', 'Grace']);
    expectError(people, 2, /unknown command 'Grace'/);
    expect(people.stderr).toMatch(/`refnet people` takes one of: find <text>, merge <keep> <remove>, share <person>; to look up by name: `refnet people find <text>`/);
    const report = await ws.run(['report', 'gap']);
    expectError(report, 2, /unknown command 'gap'/);
    expect(report.stderr).toMatch(/`refnet report` takes one of: diversity-gap, chapter <group>;/);
    expect(report.stderr).not.toMatch(/find <text>/);
  });

  it('when the server cannot be reached, then exit 1 with a hint', async () => {
    // Port 9 (discard) on the loopback: nothing listens there in a test environment.
    expectError(await ws.run(['metrics', 'network'], { REFNET_URL: 'http://127.0.0.1:9' }), 1, /cannot reach the refnet server/);
  });
});
