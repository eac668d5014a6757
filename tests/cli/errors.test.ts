/**
 * CLI input is checked, never accepted silently: unknown dimensions name the known ones, category
 * values match in any case with "did you mean" for a typo, and every failure prints a message,
 * a `hint:` line and the documented exit code (docs/CLI.md: 1 runtime, 2 usage or invalid input).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleServer, type Run, type SampleServer } from './run-cli.js';

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

  it('when a dimension is mistyped, then the error suggests the right one', async () => {
    expectError(await ws.run(['paths', 'Grace Parker', '--where', 'industy=Insurance']), 2, /did you mean "industry"/);
    expectError(await ws.run(['report', 'diversity-gap', '--person', 'p091', '-d', 'profesion']), 2, /did you mean "profession"/);
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
    expectError(await ws.run(['paths', 'p091', '--where', 'industry=Insurnce']), 2, /no one has industry "Insurnce".*did you mean "Insurance"/);
    expectError(await ws.run(['paths', 'p091', '--where', 'club=Rotray']), 2, /did you mean "Rotary"/);
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

  it('when the server cannot be reached, then exit 1 with a hint', async () => {
    // Port 9 (discard) on the loopback: nothing listens there in a test environment.
    expectError(await ws.run(['metrics', 'network'], { REFNET_URL: 'http://127.0.0.1:9' }), 1, /cannot reach the refnet server/);
  });
});
