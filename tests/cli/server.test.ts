import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { workspace } from './run-cli.js';

// Each test spawns several CLI processes; on a loaded two-core machine that takes a while.
vi.setConfig({ testTimeout: 180_000 });

type Workspace = Awaited<ReturnType<typeof workspace>>;
let ws: Workspace;

beforeAll(async () => {
  ws = await workspace();
  // A small network with ties: people, a one-to-one log and referral slips, through the CLI.
  const people = await ws.file('import/csv/people.csv', 'members.csv');
  expect((await ws.run(['import', people, '-f', 'people', '--map', 'name=Full Name,email=E-mail,company=Firm,attr.chapter=Chapter'])).code).toBe(0);
  expect((await ws.run(['import', await ws.file('import/csv/interactions.csv'), '-f', 'interactions', '--date-order', 'dmy'])).code).toBe(0);
  expect((await ws.run(['import', await ws.file('import/csv/referrals.csv'), '-f', 'referrals'])).code).toBe(0);
});
afterAll(() => ws.cleanup());

async function idOf(name: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const doc = JSON.parse((await ws.run(['export'], env)).stdout) as { people: { id: string; name: string }[] };
  return doc.people.find((p) => p.name === name)!.id;
}

describe('refnet analytics commands on the embedded store', () => {
  it('when paths are asked between two people with a tie chain, then --json gives a path that starts and ends right', async () => {
    const [ana, chloe] = [await idOf('Ana Souza'), await idOf('Chloé Dubois')];
    const r = await ws.run(['--json', 'paths', ana, '--to', chloe]);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.paths.length).toBeGreaterThan(0);
    expect(body.paths[0].people[0]).toBe(ana);
    expect(body.paths[0].people.at(-1)).toBe(chloe);
    const table = await ws.run(['paths', ana, '--to', chloe]);
    expect(table.stdout).toMatch(/^1\. .* → /m);
  });

  it('when network metrics are asked, then the table shows people and ties and --json parses', async () => {
    const r = await ws.run(['metrics', 'network']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^people\s+5$/m);
    const j = JSON.parse((await ws.run(['--json', 'metrics', 'network'])).stdout);
    expect(j.people).toBe(5);
  });

  it('when person metrics, renetworking and the diversity gap are asked, then each answers with exit code 0', async () => {
    const ana = await idOf('Ana Souza');
    const m = await ws.run(['--json', 'metrics', 'person', ana]);
    expect(m.code).toBe(0);
    expect(JSON.parse(m.stdout).person).toBe(ana);
    const q = await ws.run(['--json', 'renetworking', ana, '--as-of', '2026-01-01']);
    expect(q.code).toBe(0);
    expect(JSON.parse(q.stdout)).toHaveProperty('queue');
    const gap = await ws.run(['--json', 'report', 'diversity-gap', '--person', ana, '--dimension', 'industry']);
    expect(gap.code).toBe(0);
    expect(JSON.parse(gap.stdout).dimension).toBe('industry');
  });

  it('when a tie, introductions and a group are asked, then each answers: the tie with its stage and evidence, the group with its coverage', async () => {
    const [ana, ben] = [await idOf('Ana Souza'), await idOf('Ben Carter')];
    const tie = await ws.run(['--json', 'tie', ana, ben]);
    expect(tie.code).toBe(0);
    expect(JSON.parse(tie.stdout)).toMatchObject({ a: ana, b: ben, tie: true, vcp: { stage: expect.any(String) } });
    expect((await ws.run(['tie', ana, ben])).stdout).toMatch(/^stage\s+(visibility|credibility|profitability)\b/m);
    const none = await ws.run(['tie', ana, ben, '--as-of', '2000-01-01']);
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/have no tie as of 2000-01-01/);
    const intro = await ws.run(['--json', 'introductions', ben]);
    expect(intro.code).toBe(0);
    expect(Array.isArray(JSON.parse(intro.stdout).introductions)).toBe(true);
    const doc = join(ws.dir, 'chapter.json');
    await writeFile(doc, JSON.stringify({ groups: [{ id: 'g-lisbon', name: 'Lisbon Atlantic' }], memberships: [{ person: ana, group: 'g-lisbon' }, { person: ben, group: 'g-lisbon' }] }));
    expect((await ws.run(['import', doc, '-f', 'json'])).code).toBe(0);
    const group = await ws.run(['--json', 'metrics', 'group', 'g-lisbon']);
    expect(group.code).toBe(0);
    expect(JSON.parse(group.stdout)).toMatchObject({ group: 'g-lisbon', members: 2 });
    const table = await ws.run(['metrics', 'group', 'g-lisbon']);
    expect(table.stdout).toMatch(/: 2 members$/m);
    expect(table.stdout).toMatch(/Coverage by industry/);
    expect((await ws.run(['metrics', 'group', 'no-such-group'])).code).toBe(2);
  });

  it('when a person does not exist or the options contradict, then the exit code is 2', async () => {
    const unknown = await ws.run(['metrics', 'person', 'nobody']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/nobody/);
    const both = await ws.run(['paths', 'a', '--to', 'b', '--to-company', 'c']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exactly one target/);
  });
});

describe('refnet with a running server', () => {
  it('when a server holds the data directory, then a direct import fails with exit 1 and points to REFNET_URL; through REFNET_URL it works', async () => {
    const server = await ws.serve();
    try {
      const vcf = await ws.file('import/vcard/v4.vcf');
      const locked = await ws.run(['import', vcf]);
      expect(locked.code).toBe(1);
      expect(locked.stderr).toMatch(/in use by another process/);
      // The hint names the address the server listens on (it records it in the directory), never a guessed one.
      expect(locked.stderr).toContain(`hint: talk to it instead: set REFNET_URL=${server.url}`);
      const remote = await ws.run(['import', vcf, '--json'], { REFNET_URL: server.url });
      expect(remote.code).toBe(0);
      expect(JSON.parse(remote.stdout).people.created).toBe(2);
      const viaUrl = await ws.run(['--url', server.url, '--json', 'metrics', 'network']);
      expect(JSON.parse(viaUrl.stdout).people).toBe(7);
      const bad = await ws.run(['import', await ws.file('import/csv/people.csv', 'x.csv'), '-f', 'people', '--map', 'name=Nom'], { REFNET_URL: server.url });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/no column "Nom"/);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('when no server listens at REFNET_URL, then the exit code is 1 and the hint says to start one', async () => {
    const r = await ws.run(['export'], { REFNET_URL: 'http://127.0.0.1:9' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot reach the refnet server .*\nhint: start it with `refnet serve`/);
  });
});

describe('refnet keys', () => {
  it('when a key is created, listed and revoked, then each step reports it and the token is shown once', async () => {
    expect(JSON.parse((await ws.run(['--json', 'keys', 'list'])).stdout)).toEqual([]);
    const created = JSON.parse((await ws.run(['--json', 'keys', 'create', '--name', 'ci', '--scope', 'read'])).stdout);
    expect(typeof created.token).toBe('string');
    const list = await ws.run(['keys', 'list']);
    expect(list.stdout).toContain(created.key.id);
    expect(list.stdout).not.toContain(created.token);
    expect((await ws.run(['keys', 'revoke', created.key.id])).code).toBe(0);
    expect((await ws.run(['keys', 'revoke', 'no-such-key'])).code).toBe(2);
    expect((await ws.run(['keys', 'create', '--name', 'x', '--scope', 'root'])).code).toBe(2);
  });
});
