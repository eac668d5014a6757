/**
 * A data directory that does not exist (a mistyped --data or REFNET_DATA) is refused by every
 * command that needs data: exit 2 naming the directory, a hint, nothing on stdout, and the
 * directory is not created (it used to become an empty store answering with nothing). A mistake
 * in the command's own options is still reported first; `refnet import` creates the directory.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SAMPLE, workspace, type Run } from './run-cli.js';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

type Workspace = Awaited<ReturnType<typeof workspace>>;
let ws: Workspace;
beforeAll(async () => {
  ws = await workspace();
});
afterAll(() => ws?.cleanup());

/** A two-person people CSV in the workspace. */
function SAMPLE_PEOPLE_CSV(): string {
  const file = join(ws.dir, 'two-people.csv');
  writeFileSync(file, 'name,email\nAnn Archer,ann@example.org\nBo Berg,bo@example.org\n');
  return file;
}

/** Every command that reads (or changes) records already there, none of which may create the directory. */
const NEEDS_DATA: string[][] = [
  ['metrics', 'network'],
  ['metrics', 'person', 'Grace Parker'],
  ['metrics', 'group', 'Berlin Referral Circle'],
  ['tie', 'p001', 'p002'],
  ['introductions', 'p001'],
  ['paths', 'p001', '--to', 'p002'],
  ['renetworking', 'p001'],
  ['report', 'diversity-gap', '--person', 'p001', '-d', 'industry'],
  ['report', 'chapter', 'Berlin Referral Circle'],
  ['people', 'find', 'Grace'],
  ['groups', 'find', 'Berlin'],
  ['companies', 'find', 'Acme'],
  ['export'],
  ['backup', 'out.backup'],
  ['intro', 'list', '--as', 'p001'],
  ['intro', 'ask', 'p002', 'p003', '--as', 'p001'],
  ['people', 'merge', 'p001', 'p002'],
  ['people', 'share', 'p001'],
  ['keys', 'list'],
  ['users', 'list'],
  ['users', 'create', '--email', 'a@example.org', '--person', 'p001'],
];

function expectNoData(r: Run, dir: string, what: string): void {
  expect(r.code, `${what}: ${r.stderr}`).toBe(2);
  expect(r.stderr, what).toContain(`refnet: no refnet data in ${dir}`);
  expect(r.stderr, what).toMatch(/^hint: .*--data or REFNET_DATA.*`refnet import/m);
  expect(r.stdout, what).toBe('');
}

describe('a data directory that does not exist', () => {
  it('when a command that needs data is given a mistyped --data, then it exits 2 naming the directory and does not create it', async () => {
    const runs = await Promise.all(NEEDS_DATA.map((args) => ws.run(['--data', './dta', ...args])));
    runs.forEach((r, i) => expectNoData(r, './dta', NEEDS_DATA[i]!.join(' ')));
    expect(existsSync(join(ws.dir, 'dta'))).toBe(false);
  });

  it('when REFNET_DATA names a directory that does not exist, then the same, naming it', async () => {
    const dir = join(ws.dir, 'not', 'there');
    const runs = await Promise.all([['metrics', 'network'], ['export'], ['people', 'find', 'a']].map((args) => ws.run(args, { REFNET_DATA: dir })));
    for (const r of runs) {
      expectNoData(r, dir, r.stderr);
      expect(r.stderr).toContain('(REFNET_DATA)');
    }
    expect(existsSync(join(ws.dir, 'not'))).toBe(false);
  });

  it('when --data names a directory of other files (a typo such as `--data ~`), then every command that needs data exits 2, and the directory keeps its files and its mode', async () => {
    const home = join(ws.dir, 'someones-home');
    await mkdir(home, { mode: 0o755 });
    writeFileSync(join(home, 'notes.txt'), 'notes\n');
    await chmod(home, 0o755);
    const runs = await Promise.all(NEEDS_DATA.map((args) => ws.run(['--data', home, ...args])));
    runs.forEach((r, i) => {
      expectNoData(r, home, NEEDS_DATA[i]!.join(' '));
      expect(r.stderr).toContain('holds other files and none of a refnet store');
    });
    expect(readdirSync(home)).toEqual(['notes.txt']);
    expect(statSync(home).mode & 0o777).toBe(0o755);
  });

  it('when import, a dry run or serve is given a directory of other files, then each refuses it too, and the directory keeps its files and its mode', async () => {
    const home = join(ws.dir, 'another-home');
    await mkdir(home, { mode: 0o755 });
    writeFileSync(join(home, 'notes.txt'), 'notes\n');
    await chmod(home, 0o755);
    const [imported, dry] = await Promise.all([
      ws.run(['--data', home, 'import', SAMPLE_PEOPLE_CSV(), '-f', 'people']),
      ws.run(['--data', home, 'import', SAMPLE_PEOPLE_CSV(), '-f', 'people', '--dry-run']),
    ]);
    for (const r of [imported, dry]) {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`refnet: no refnet data in ${home} (--data): the directory holds other files and none of a refnet store`);
      expect(r.stderr).toMatch(/^hint: name a new or empty directory/m);
    }
    const served = await ws.run(['serve', '--port', '0'], { REFNET_DATA: home });
    expect(served.code, served.stderr).not.toBe(0);
    expect(served.stderr).toContain(`REFNET_DATA=${home}: the directory holds other files and none of a refnet store`);
    expect(readdirSync(home)).toEqual(['notes.txt']);
    expect(statSync(home).mode & 0o777).toBe(0o755);
  });

  it('when the directory holds only a volume\'s lost+found, then it is a new store\'s', async () => {
    const volume = join(ws.dir, 'volume');
    await mkdir(join(volume, 'lost+found'), { recursive: true });
    const r = await ws.run(['--data', volume, 'import', SAMPLE_PEOPLE_CSV(), '-f', 'people']);
    expect(r.code, r.stderr).toBe(0);
    expect((await ws.run(['--data', volume, 'people', 'find', 'Ann'])).stdout).toContain('Ann Archer');
  });

  it('when an option is wrong too, then the option is reported first and the directory is still not created', async () => {
    const cases: [string[], RegExp][] = [
      [['metrics', 'network', '--as-of', '2026-02-30'], /refnet: --as-of: 2026-02-30 does not exist: February 2026 has 28 days/],
      [['tie', 'a', 'b', '--as-of', 'yesterday'], /refnet: --as-of: must be an ISO 8601 date \(YYYY-MM-DD\)/],
      [['introductions', 'a', '--limit', '300'], /refnet: --limit: /],
      [['renetworking', 'a', '--limit', '501'], /refnet: --limit: /],
      [['paths', 'a'], /give exactly one target/],
      [['paths', 'a', '--to', ' '], /an empty person id or name/],
      [['paths', 'a', '--to', 'b', '--as-of', '2026-13-01'], /refnet: --as-of: 2026-13-01 does not exist: a month is 01 to 12/],
      [['report', 'diversity-gap', '--person', '', '-d', 'industry'], /an empty person id or name/],
      [['report', 'diversity-gap', '--person', 'a', '-d', 'industry', '--as-of', 'soon'], /refnet: --as-of: /],
      [['report', 'chapter', 'g', '--from', '2026-06-01', '--to', '2026-05-01'], /refnet: --from: from must not be after to/],
      [['report', 'chapter', 'g', '--to', 'May'], /refnet: --to: /],
      [['metrics', 'network', '--currency', 'XYZ'], /unknown currency "XYZ"/],
      [['intro', 'outcome', 'iq-1', 'great'], /outcome/],
      [['intro', 'list', '--as', ''], /an empty person id or name/],
      [['export', '-o', join(ws.dir)], /is a directory/],
      [['backup', join(ws.dir, 'missing', 'out.backup')], /cannot write .*no such file or directory/],
    ];
    const runs = await Promise.all(cases.map(([args]) => ws.run(['--data', './dta', ...args])));
    runs.forEach((r, i) => {
      const [args, message] = cases[i]!;
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).not.toBe(0);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr, args.join(' ')).not.toMatch(/no refnet data/);
    });
    expect(existsSync(join(ws.dir, 'dta'))).toBe(false);
  });

  it('when a whole-number option is not written in decimal digits, then it is the error reported, before the missing directory', async () => {
    const cases: string[][] = [
      ['renetworking', 'a', '--limit', '0x10'],
      ['renetworking', 'a', '--limit', '1e1'],
      ['introductions', 'a', '--limit', '5.0'],
      ['introductions', 'a', '--limit', '+5'],
      ['introductions', 'a', '--limit', ' 5'],
      ['introductions', 'a', '--limit', ''],
      ['paths', 'a', '--to', 'b', '--k', '0x2'],
      ['paths', 'a', '--to', 'b', '--max-hops', '4.'],
      ['introductions', 'a', '--limit', '0b11'],
      ['people', 'find', 'a', '--limit', '1_0'],
      ['report', 'diversity-gap', '--person', 'a', '-d', 'industry', '--max-hops', '٣'],
    ];
    const runs = await Promise.all(cases.map((args) => ws.run(['--data', './dta', ...args])));
    runs.forEach((r, i) => {
      const args = cases[i]!;
      const typed = [...args].reverse().find((a) => a.startsWith('-'))!;
      // named as docs/CLI.md documents it: `-k N` (also typed as --k)
      const option = typed === '--k' ? '-k' : typed;
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(new RegExp(`refnet: ${option}: expected a whole number in decimal digits, got "`));
      expect(r.stderr, args.join(' ')).toMatch(/^hint: e\.g\. /m);
      expect(r.stdout, args.join(' ')).toBe('');
    });
    expect(existsSync(join(ws.dir, 'dta'))).toBe(false);
    // Decimal digits are still read, bounds and all.
    const zero = await ws.run(['--data', './dta', 'paths', 'a', '--to', 'b', '-k', '0']);
    expect(zero.stderr).toMatch(/refnet: -k must be a positive whole number, got "0"\nhint: e\.g\. -k 3/);
  });

  it('when import --dry-run names a data directory that does not exist, then it reads as empty and the directory is not created', async () => {
    const dir = join(ws.dir, 'dry', 'not-yet');
    const r = await ws.run(['--data', dir, '--json', 'import', SAMPLE_PEOPLE_CSV(), '-f', 'people', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ dryRun: true, people: { created: 2, updated: 0 } });
    expect(existsSync(join(ws.dir, 'dry'))).toBe(false);
    const plain = await ws.run(['--data', dir, 'import', SAMPLE_PEOPLE_CSV(), '-f', 'people', '--dry-run']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(/nothing was written/i);
    expect(existsSync(join(ws.dir, 'dry'))).toBe(false);
    // The real import then creates it.
    expect((await ws.run(['--data', dir, 'import', SAMPLE_PEOPLE_CSV(), '-f', 'people'])).code).toBe(0);
    expect(existsSync(dir)).toBe(true);
  });

  it('when an existing data directory is given, then the commands run; import and keys create make a directory that does not exist', async () => {
    const empty = join(ws.dir, 'empty');
    await mkdir(empty);
    const exported = await ws.run(['--data', empty, 'export']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ people: [] });

    const made = join(ws.dir, 'new-data');
    const imported = await ws.run(['--data', made, 'import', SAMPLE]);
    expect(imported.code, imported.stderr).toBe(0);
    const found = await ws.run(['--data', made, 'people', 'find', 'Grace']);
    expect(found.code, found.stderr).toBe(0);
    expect(found.stdout).toMatch(/Grace/);

    const keysDir = join(ws.dir, 'keys-only');
    expect((await ws.run(['--data', keysDir, 'keys', 'create', '--name', 'ci'])).code).toBe(0);
    expect(existsSync(join(keysDir, 'keys.json'))).toBe(true);
    // A directory with only refnet's keys in it is refnet's.
    const listed = await ws.run(['--data', keysDir, 'keys', 'list']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('ci');
  });
});
