import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { workspace } from './run-cli.js';

// Each test spawns several CLI processes; on a loaded two-core machine that takes a while.
vi.setConfig({ testTimeout: 180_000 });

type Workspace = Awaited<ReturnType<typeof workspace>>;
let ws: Workspace;

beforeAll(async () => {
  ws = await workspace();
});
afterAll(() => ws.cleanup());

describe('refnet import (embedded store)', () => {
  it('when --help is asked, then the commands are listed and the exit code is 0', async () => {
    const r = await ws.run(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['serve', 'import', 'export', 'metrics', 'tie', 'introductions', 'paths', 'renetworking', 'report', 'keys']) expect(r.stdout).toContain(c);
  });

  it('when a LinkedIn export is dry-run with --json, then the report parses, says dryRun and nothing is written', async () => {
    const file = await ws.file('import/linkedin/Connections.csv');
    const r = await ws.run(['import', file, '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ format: 'linkedin', dryRun: true, rows: { read: 12, imported: 10, skipped: 2 }, people: { created: 9 } });
    expect(report.skipped.map((s: { row: number }) => s.row)).toEqual([12, 16]);
    // Nothing written: not even the data directory, so reading it is the missing-directory error.
    const exported = await ws.run(['export']);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toMatch(/no refnet data/);
  });

  it('when the LinkedIn export is imported twice, then the second run creates nothing (stable ids)', async () => {
    const file = await ws.file('import/linkedin/Connections.csv');
    const first = await ws.run(['import', file]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Imported .*Connections\.csv \(linkedin\)/);
    expect(first.stdout).toMatch(/people\s+9\s+0\s+0/);
    expect(first.stdout).toContain('no first or last name');
    const again = JSON.parse((await ws.run(['import', file, '--json'])).stdout);
    expect(again.people).toEqual({ created: 0, updated: 0, unchanged: 9 });
    expect(again.version).toBeUndefined();
  });

  it('when an Outlook vCard with a person already imported from LinkedIn follows, then that person is merged', async () => {
    const file = await ws.file('import/vcard/outlook.vcf');
    const r = JSON.parse((await ws.run(['import', file, '--json'])).stdout);
    expect(r.people).toEqual({ created: 1, updated: 1, unchanged: 0 });
    expect(r.merges[0]).toMatchObject({ name: 'Jürgen Müller', existing: true, matchedOn: ['name+company'] });
    const out = join(ws.dir, 'export.json');
    const exp = await ws.run(['export', '--out', out]);
    expect(exp.code).toBe(0);
    expect(exp.stderr).toMatch(/wrote 10 people/);
    const doc = JSON.parse(await readFile(out, 'utf8'));
    expect(doc.people.filter((p: { name: string }) => p.name === 'Jürgen Müller')).toHaveLength(1);
  });

  it('when a people sheet, a one-to-one log and referral slips are imported with mappings, then rows land and bad rows are listed', async () => {
    const people = await ws.file('import/csv/people.csv', 'members.csv');
    const p = await ws.run(['import', people, '-f', 'people', '--map', 'name=Full Name,email=E-mail,company=Firm,attr.chapter=Chapter', '--json']);
    expect(p.code).toBe(0);
    expect(JSON.parse(p.stdout).skipped).toEqual([{ row: 7, reason: 'no name' }]);
    const i = await ws.run(['import', await ws.file('import/csv/interactions.csv'), '-f', 'interactions', '--date-order', 'dmy', '--json']);
    expect(JSON.parse(i.stdout).interactions.created).toBe(4);
    const r = await ws.run(['import', await ws.file('import/csv/referrals.csv'), '-f', 'referrals']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/referrals\s+4\s+0\s+0/);
    expect(r.stdout).toMatch(/8\s+Value: not an amount: "abc"/);
  });

  it('when a referrals row would move a stored won slip back, then that row is listed as skipped with its row number, the others import and the exit code is 0', async () => {
    const people = join(ws.dir, 'slip-people.csv');
    await writeFile(people, 'id,name\n__proto__,Proto Slip\nconstructor,Con Slip\ntoString,Ts Slip\n');
    expect((await ws.run(['import', people, '-f', 'people'])).code).toBe(0);
    const won = join(ws.dir, 'slip-won.csv');
    await writeFile(won, 'from,to,at,status\nconstructor,toString,2024-06-02,won\n');
    expect((await ws.run(['import', won, '-f', 'referrals'])).code).toBe(0);
    const file = join(ws.dir, 'slip-back.csv');
    await writeFile(file, 'from,to,at,status,value\n__proto__,toString,2024-06-01,won,1250.55\nconstructor,toString,2024-06-02,passed\n');
    const r = await ws.run(['import', file, '-f', 'referrals', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.rows).toEqual({ read: 2, imported: 1, skipped: 1 });
    expect(report.skipped).toEqual([{ row: 3, reason: expect.stringMatching(/^cannot replace the stored referral Con Slip → Ts Slip \(id r-\w+\): status: the referral is already won/) }]);
    expect(report.referrals).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });
});

describe('refnet import exit code: 0 when something was imported, 2 when nothing was', () => {
  const map = ['-f', 'people', '--map', 'name=Full Name,email=E-mail'];
  const people = async () => (JSON.parse((await ws.run(['export'])).stdout) as { people: unknown[] }).people.length;

  it('when every row is skipped, then the report still lists each skipped row, nothing is written and the exit code is 2 (dry run and --json alike)', async () => {
    const file = join(ws.dir, 'nameless.csv');
    await writeFile(file, 'Full Name,E-mail\n,a@example.org\n,b@example.org\n');
    const before = await people();
    for (const extra of [[], ['--dry-run']]) {
      const r = await ws.run(['import', file, ...map, ...extra]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toMatch(/^2\s+no name$/m);
      expect(r.stdout).toMatch(/^3\s+no name$/m);
      expect(r.stderr).toMatch(new RegExp(`^refnet: nothing ${extra.length ? 'would be' : 'was'} imported from .*nameless\\.csv: all 2 rows were skipped\\nhint: \\S`, 'm'));
      expect(r.stdout).not.toMatch(/without --dry-run to apply/);
    }
    const json = await ws.run(['import', file, ...map, '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ rows: { read: 2, imported: 0, skipped: 2 }, skipped: [{ row: 2 }, { row: 3 }] });
    expect(await people()).toBe(before);
  });

  it('when a row matches two people equally well, then the summary lists it as ambiguous with both, and it is not written (dry run alike)', async () => {
    const file = join(ws.dir, 'tie.csv');
    await writeFile(file, 'Full Name,E-mail\nTie Ann,tie-ann@example.org\nTie Bo,tie-bo@example.org\nTie A. B.,"tie-ann@example.org; tie-bo@example.org"\n');
    const before = await people();
    for (const extra of [['--dry-run'], []]) {
      const r = await ws.run(['import', file, ...map, ...extra]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/rows ambiguous \(not imported\)\s+1/);
      expect(r.stdout).toMatch(/Ambiguous, not imported/);
      // The table wraps the last column: its cells joined back.
      const could = r.stdout.replace(/\n\s{20,}/g, ' ');
      expect(could).toMatch(/^4\s+Tie A\. B\.\s+email\s+Tie Ann \(p-tie-ann-\w+, row 2; tie-ann@example\.org\); Tie Bo \(p-tie-bo-\w+, row 3; tie-bo@example\.org\)$/m);
      expect(r.stdout).not.toMatch(/Skipped rows/);
    }
    const exported = JSON.parse((await ws.run(['export'])).stdout) as { people: { name: string }[] };
    expect(exported.people.length).toBe(before + 2);
    expect(exported.people.map((p) => p.name)).not.toContain('Tie A. B.');
    const json = JSON.parse((await ws.run(['import', file, ...map, '--json'])).stdout);
    expect(json.ambiguous).toMatchObject([{ rows: [4], matchedOn: 'email', candidates: [{ name: 'Tie Ann', existing: true }, { name: 'Tie Bo', existing: true }] }]);
  });

  it('when the file holds no rows (a CSV header alone), then exit 2 saying so, in a dry run too, as the API refuses it; an empty network\'s document imports as nothing', async () => {
    const file = join(ws.dir, 'header-only.csv');
    await writeFile(file, 'Full Name,E-mail\n');
    for (const extra of [[], ['--dry-run']]) {
      const r = await ws.run(['import', file, ...map, ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^refnet: the file holds no rows: nothing below its header line.*\nhint: .*at least one row below it/m);
    }
    const empty = join(ws.dir, 'empty.json');
    await writeFile(empty, '{}');
    const r = await ws.run(['import', empty]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('when a CSV is UTF-16 without a byte order mark, then it imports with its names as written; a file still holding NUL characters is refused (exit 2) saying to save it as UTF-8', async () => {
    const file = join(ws.dir, 'unicode-text.csv');
    await writeFile(file, Buffer.from('Full Name,E-mail\nÜmit Öztürk,umit@x.example\n', 'utf16le'));
    const r = await ws.run(['import', file, ...map, '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.warnings).toEqual([]);
    expect(report.changes.map((c: { label: string }) => c.label)).toEqual(['Ümit Öztürk']);
    const nul = join(ws.dir, 'utf32.csv');
    await writeFile(nul, Buffer.from([...'Full Name,E-mail\nAnn,ann@x.example\n'].flatMap((c) => [c.charCodeAt(0), 0, 0, 0])));
    for (const args of [['import', nul, ...map], ['import', nul]]) {
      const refused = await ws.run(args);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/^refnet: .*utf32\.csv: the file holds a NUL character \(line 1\).*\nhint: save the file as UTF-8/m);
    }
  });

  it('when some rows are imported and others skipped, then exit 0 with the skipped rows listed; a dry run says 0 likewise', async () => {
    const file = join(ws.dir, 'half.csv');
    await writeFile(file, 'Full Name,E-mail\nHalf Named,half@example.org\n,nobody@example.org\n');
    const dry = await ws.run(['import', file, ...map, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    const r = await ws.run(['import', file, ...map]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^3\s+no name$/m);
    expect(r.stderr).toBe('');
  });
});

describe('refnet import refuses bad input with exit code 2 and a next step', () => {
  it('when the format cannot be guessed, then it says to pass --format', async () => {
    const r = await ws.run(['import', await ws.file('import/csv/people.csv', 'sheet.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot tell the format .*\nhint: pass --format/);
  });
  it('when a mapping names a missing column, then the columns the file has are listed', async () => {
    const r = await ws.run(['import', await ws.file('import/csv/people.csv', 'sheet.csv'), '-f', 'people', '--map', 'name=Nom']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the file has no column "Nom" (columns: Full Name, E-mail');
  });
  it('when the owner is no known person, then the message names the --owner option (the API names its owner parameter instead)', async () => {
    const r = await ws.run(['import', await ws.file('import/linkedin/Connections.csv'), '--owner', 'ghost-owner', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--owner: no person "ghost-owner"/);
  });
  it('when the file does not exist, an option value is wrong or the command is unknown, then the exit code is 2', async () => {
    expect((await ws.run(['import', 'missing.vcf'])).code).toBe(2);
    expect((await ws.run(['import', 'missing.vcf', '--update', 'sometimes'])).code).toBe(2);
    const unknown = await ws.run(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
  });
  it('when a network document is invalid, then every problem is listed and nothing is written', async () => {
    const { writeFile } = await import('node:fs/promises');
    const bad = join(ws.dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ people: [{ id: 'x', name: '' }], interactions: [{ a: 'x', b: 'ghost', kind: 'met', at: '2024-01-01' }] }));
    const before = JSON.parse((await ws.run(['export'])).stdout).people.length;
    const r = await ws.run(['import', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('  ')).length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse((await ws.run(['export'])).stdout).people.length).toBe(before);
  });
  it('when an intro request\'s status contradicts its history, then exit 2 naming the record and the change, and nothing is written', async () => {
    const bad = join(ws.dir, 'bad-intro.json');
    const at = '2026-08-01T10:00:00Z';
    const q = { requester: 'cli-r', connector: 'cli-c', target: 'cli-t', at };
    await writeFile(bad, JSON.stringify({
      people: ['cli-r', 'cli-c', 'cli-t'].map((id) => ({ id, name: id })),
      introRequests: [
        { ...q, id: 'q-made', status: 'made', changes: [{ status: 'asked', at }] },
        { ...q, id: 'q-early', status: 'declined', changes: [{ status: 'asked', at }, { status: 'declined', at: '2026-07-02' }] },
      ],
    }));
    const people = join(ws.dir, 'intro-people.json');
    await writeFile(people, JSON.stringify({ people: ['cli-r', 'cli-c', 'cli-t'].map((id) => ({ id, name: id })) }));
    expect((await ws.run(['import', people])).code).toBe(0);
    const before = (await ws.run(['export'])).stdout;
    const r = await ws.run(['import', bad]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/\/introRequests\/0\/changes: .*status is "made"/);
    expect(r.stderr).toMatch(/\/introRequests\/1\/changes\/1\/at: .*before the request was asked/);
    expect(r.stderr).toMatch(/nothing was written/);
    expect((await ws.run(['export'])).stdout).toBe(before);
  });
  it('when a referral\'s history contradicts it, then exit 2 naming the record and the change, and nothing is written', async () => {
    const bad = join(ws.dir, 'bad-referral.json');
    const r0 = { from: 'cli-r', to: 'cli-c', at: '2026-03-10' };
    await writeFile(bad, JSON.stringify({
      people: ['cli-r', 'cli-c'].map((id) => ({ id, name: id })),
      referrals: [
        { ...r0, id: 'rf-mismatch', status: 'won', changes: [{ status: 'passed', at: '2026-03-10' }, { status: 'contacted', at: '2026-04-01' }] },
        { ...r0, id: 'rf-order', status: 'won', changes: [{ status: 'passed', at: '2026-03-10' }, { status: 'contacted', at: '2026-05-01' }, { status: 'won', at: '2026-04-01' }] },
        { ...r0, id: 'rf-reopened', status: 'won', changes: [{ status: 'passed', at: '2026-03-10' }, { status: 'lost', at: '2026-04-01' }, { status: 'won', at: '2026-05-01' }] },
        { ...r0, id: 'rf-first', status: 'won', changes: [{ status: 'passed', at: '2026-03-11' }, { status: 'won', at: '2026-04-01' }] },
      ],
    }));
    const people = join(ws.dir, 'referral-people.json');
    await writeFile(people, JSON.stringify({ people: ['cli-r', 'cli-c'].map((id) => ({ id, name: id })) }));
    expect((await ws.run(['import', people])).code).toBe(0);
    const before = (await ws.run(['export'])).stdout;
    const r = await ws.run(['import', bad]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/\/referrals\/0\/changes: .*status is "won"/);
    expect(r.stderr).toMatch(/\/referrals\/1\/changes\/2\/at: .*date order/);
    expect(r.stderr).toMatch(/\/referrals\/2\/changes\/2\/status: .*closed referral cannot change status/);
    expect(r.stderr).toMatch(/\/referrals\/3\/changes\/0\/at: .*referral's own date/);
    expect(r.stderr).toMatch(/nothing was written/);
    expect((await ws.run(['export'])).stdout).toBe(before);
  });
});
