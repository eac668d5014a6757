/**
 * Living the week in the CLI: `refnet week` (a person's "this week", or "me"'s), `refnet log`
 * (an interaction) and `refnet slip pass|move|list` (referral slips through their lifecycle), on
 * a small hand-made network (embedded store) and on the bundled sample (through `refnet serve`).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { localDate } from '../../graph/support/local-date.js';
import { sampleServer, workspace, type SampleServer } from './run-cli.js';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the API's answers, read field by field

/**
 * Ann gave Bob a referral he has not returned and has an open slip with Cleo; Ann met Dan at an
 * event three days before the week asked about; two people are called Eve Stone; Fay has no ties.
 */
async function smallNetwork() {
  const ws = await workspace();
  const doc = {
    people: [
      { id: 'ann', name: 'Ann Archer' },
      { id: 'bob', name: 'Bob Baker' },
      { id: 'cleo', name: 'Cleo Cole' },
      { id: 'dan', name: 'Dan Dale' },
      { id: 'eve1', name: 'Eve Stone', company: 'Stone Law' },
      { id: 'eve2', name: 'Eve Stone', company: 'Stone Tax' },
      { id: 'fay', name: 'Fay Fox' },
    ],
    events: [{ id: 'ev1', name: 'Breakfast club', at: '2026-03-07' }],
    attendance: [
      { person: 'ann', event: 'ev1' },
      { person: 'dan', event: 'ev1' },
    ],
    interactions: [
      { id: 'i1', a: 'ann', b: 'bob', kind: 'one_to_one', at: '2026-01-10' },
      { id: 'i2', a: 'ann', b: 'cleo', kind: 'call', at: '2026-02-01' },
    ],
    referrals: [
      { id: 'r1', from: 'bob', to: 'ann', at: '2026-02-01', status: 'won', value: 900 },
      { id: 'r2', from: 'ann', to: 'cleo', at: '2026-02-20', status: 'passed', prospect: 'Pat Prospect', value: 1200 },
    ],
  };
  await writeFile(join(ws.dir, 'doc.json'), JSON.stringify(doc));
  const r = await ws.run(['import', 'doc.json']);
  expect(r.code, r.stderr).toBe(0);
  return ws;
}

describe('refnet week, log and slip on a small network (embedded store)', () => {
  let ws: Awaited<ReturnType<typeof workspace>>;
  beforeAll(async () => {
    ws = await smallNetwork();
  });
  afterAll(() => ws.cleanup());

  it('when the week of a person is asked by name, then each kind of row is labelled, names not ids, money in the currency, with its why', async () => {
    const r = await ws.run(['week', 'ann archer', '--as-of', '2026-03-10', '--currency', 'USD']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('This week for Ann Archer as of 2026-03-10');
    expect(r.stdout).toMatch(/Follow up after events \(followUps\):[\s\S]*Dan Dale\s+Breakfast club\s+2026-03-07\s+you both attended Breakfast club 3 days ago/);
    expect(r.stdout).toMatch(/Referrals owed[^\n]*\(owed\):[\s\S]*Bob Baker\s+1\s+\$900\s+gave you 1 referral/);
    expect(r.stdout).toMatch(/Open slips \(slips\):[\s\S]*r2\s+given to\s+Cleo Cole\s+Pat Prospect\s+passed\s+\$1,200\s+18 days\s+you passed a referral for Pat Prospect/);
    expect(r.stdout).toMatch(/Ties by stage \(funnel\), on 2026-03-10 and on 2025-12-10:\n\s*stage\s+2026-03-10\s+2025-12-10\s+change\n[\s\S]*visibility\s+1\s+0\s+\+1\n\s*credibility\s+2\s+0\s+\+2/);
    expect(r.stdout).not.toMatch(/\b(bob|cleo|dan)\b/);
  });

  it('when --json is given, then it prints the API answer unchanged (the ids with it)', async () => {
    const r = await ws.run(['--json', 'week', 'ann', '--as-of', '2026-03-10', '--limit', '2']);
    expect(r.code, r.stderr).toBe(0);
    const week = JSON.parse(r.stdout) as Json;
    expect(Object.keys(week)).toEqual(['currency', 'person', 'asOf', 'followUps', 'dormant', 'owed', 'introductions', 'slips', 'funnel', 'hidden']);
    expect(week.person.id).toBe('ann');
    expect(week.slips).toEqual([expect.objectContaining({ key: 'slip:r2', referral: 'r2', direction: 'given', status: 'passed', value: 1200, ageDays: 18 })]);
  });

  it('when the person has no ties, then the week says so in words', async () => {
    const r = await ws.run(['week', 'Fay Fox']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Nothing to do this week for Fay Fox: no ties yet\. Log a meeting with `refnet log`/);
  });

  it('when no PERSON and no "me" is chosen, then exit 2 with a hint to name one or add --as; --as chooses "me" for later', async () => {
    const none = await ws.run(['week']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^hint: name the person .*--as PERSON/m);
    const as = await ws.run(['week', '--as', 'Ann Archer', '--as-of', '2026-03-10']);
    expect(as.code, as.stderr).toBe(0);
    expect(as.stdout).toContain('This week for Ann Archer as of 2026-03-10');
    expect((await ws.run(['week', '--as-of', '2026-03-10'])).stdout).toContain('This week for Ann Archer');
  });

  it('when a name two people share is given, then exit 2 listing both with their ids, for week, log and slip alike', async () => {
    for (const args of [['week', 'Eve Stone'], ['log', 'Ann Archer', 'eve stone', '--kind', 'call'], ['slip', 'pass', 'Eve Stone', 'Ann Archer']]) {
      const r = await ws.run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('2 people match');
      expect(r.stderr).toMatch(/eve1\s+Eve Stone\s+\(Stone Law\)/);
      expect(r.stderr).toMatch(/eve2\s+Eve Stone\s+\(Stone Tax\)/);
      expect(r.stderr).toMatch(/^hint: give one of the ids above/m);
    }
  });

  it('when a meeting is logged by names, then it prints what was recorded with names, dated today by default, and the export holds it', async () => {
    const r = await ws.run(['log', 'Ann Archer', 'fay fox', '--kind', 'one_to_one', '--note', 'coffee'], { COLUMNS: '200' }); // one line, not wrapped
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Logged a one-to-one between Ann Archer and Fay Fox on ${localDate()} \\(note: coffee\\) \\[\\S+\\]`));
    const doc = JSON.parse((await ws.run(['export'])).stdout) as Json;
    expect(doc.interactions).toContainEqual(expect.objectContaining({ a: 'ann', b: 'fay', kind: 'one_to_one', at: localDate(), note: 'coffee' }));
  });

  it('when the kind is not one of the schema\'s, then exit 2 before the store is opened, with the kinds (or the spelling meant) in the hint', async () => {
    const missing = { REFNET_DATA: join(ws.dir, 'no-such-dir') };
    const lunch = await ws.run(['log', 'Ann Archer', 'Fay Fox', '--kind', 'lunch'], missing);
    expect(lunch.code).toBe(2);
    expect(lunch.stderr).toContain('refnet: --kind: must be one of met, one_to_one, follow_up, call, message, introduction (got "lunch")');
    expect(lunch.stderr).toMatch(/^hint: give --kind one of: met, one_to_one, follow_up, call, message, introduction$/m);
    const near = await ws.run(['log', 'Ann Archer', 'Fay Fox', '--kind', '1-2-1']);
    expect(near.code).toBe(2);
    expect(near.stderr).toMatch(/^hint: try … --kind one_to_one/m);
    const future = await ws.run(['log', 'Ann Archer', 'Fay Fox', '--kind', 'call', '--at', '2199-01-01']);
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/^refnet: --at 2199-01-01 is after today/m);
  });

  it('when a slip is passed, moved on and moved back, then each step prints names, the server dates the move, and the backwards move is refused', async () => {
    const pass = await ws.run(['slip', 'pass', 'Ann Archer', 'Fay Fox', '--prospect', 'Quinn Query', '--value', '700', '--currency', 'EUR'], { COLUMNS: '200' }); // one line, not wrapped
    expect(pass.code, pass.stderr).toBe(0);
    const id = /^Passed slip (\S+) on /.exec(pass.stdout)?.[1];
    expect(pass.stdout).toContain(`on ${localDate()}: Ann Archer → Fay Fox (prospect Quinn Query, worth €700): passed`);
    const contacted = await ws.run(['slip', 'move', id!, 'contacted'], { COLUMNS: '200' });
    expect(contacted.code, contacted.stderr).toBe(0);
    expect(contacted.stdout).toMatch(/^Slip \S+, Ann Archer → Fay Fox \(prospect Quinn Query, worth €700\): contacted \(since /);
    const won = await ws.run(['--json', 'slip', 'move', id!, 'won', '--value', '2400']);
    expect(won.code, won.stderr).toBe(0);
    const slip = JSON.parse(won.stdout) as Json;
    expect(slip).toMatchObject({ status: 'won', value: 2400 });
    expect(slip.changes.map((c: Json) => c.status)).toEqual(['passed', 'contacted', 'won']);
    // dated by the server at the instant of each move, never after now
    expect(Date.parse(slip.changes[2].at)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(slip.changes[2].at)).toBeGreaterThanOrEqual(Date.parse(slip.changes[1].at));
    const back = await ws.run(['slip', 'move', id!, 'contacted']);
    expect(back.code).toBe(2);
    expect(back.stderr).toContain('refnet: the referral is already won; a closed referral cannot change status');
    expect(back.stderr).toMatch(/^hint: a slip moves on, never back/m);
    const list = await ws.run(['slip', 'list', 'Fay Fox'], { COLUMNS: '200' });
    expect(list.stdout).toMatch(new RegExp(`${id}\\s+${localDate()}\\s+received from\\s+Ann Archer\\s+Quinn Query\\s+won`));
  });

  it('when a status is not one a slip moves to, then exit 2 with a hint naming the ones it does', async () => {
    const closed = await ws.run(['slip', 'move', 'r2', 'finished']);
    expect(closed.code).toBe(2);
    expect(closed.stderr).toContain('refnet: <status>: must be one of contacted, won, lost (got "finished")');
    expect(closed.stderr).toMatch(/^hint: give one of: contacted, won, lost/m);
    const passed = await ws.run(['slip', 'move', 'r2', 'passed']);
    expect(passed.code).toBe(2);
    expect(passed.stderr).toMatch(/^hint: a slip starts passed/m);
    const unknown = await ws.run(['slip', 'move', 'r99', 'won']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^hint: check the slip id/m);
    const value = await ws.run(['slip', 'pass', 'Ann Archer', 'Fay Fox', '--value', '1,500']);
    expect(value.code).toBe(2);
    expect(value.stderr).toMatch(/^refnet: --value: expected an amount in decimal digits, got "1,500"/m);
  });
});

describe('refnet week, log and slip on the bundled sample (through a server)', () => {
  let server: SampleServer;
  beforeAll(async () => {
    server = await sampleServer();
  });
  afterAll(() => server?.close());

  it('when Grace Parker\'s week is asked, then its open slips and introductions name people, a namesake carries its id, and --json is the API answer', async () => {
    const r = await server.run(['week', 'Grace Parker', '--as-of', '2026-11-01', '--limit', '5']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('This week for Grace Parker as of 2026-11-01');
    expect(r.stdout).toMatch(/Open slips \(slips\):[\s\S]*r0703\s+given to\s+Robert Anderson\s+Louis Thomas\s+contacted/);
    expect(r.stdout).toMatch(/Zoë Scott \[p169\]/);
    const json = await server.run(['--json', 'week', 'p091', '--as-of', '2026-11-01', '--limit', '5']);
    const res = await fetch(`${server.url}/api/people/p091/week?asOf=2026-11-01&limit=5`);
    expect(JSON.parse(json.stdout)).toEqual(await res.json());
  });

  it('when the sample\'s two Zoë Scotts are named, then week stops with exit 2 listing both', async () => {
    const r = await server.run(['week', 'zoe scott']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/p169\s+Zoë Scott/);
    expect(r.stderr).toMatch(/p278\s+Zoë Scott/);
  });

  it('when a meeting is logged and a slip passed and won by name through the server, then the week of the receiver lists the slip until it is won', async () => {
    const log = await server.run(['log', 'Grace Parker', 'Louis Richard', '--kind', 'call', '--at', '2026-11-02']);
    expect(log.code, log.stderr).toBe(0);
    expect(log.stdout).toMatch(/^Logged a call between Grace Parker and Louis Richard on 2026-11-02 \[/);
    const pass = await server.run(['--json', 'slip', 'pass', 'Louis Richard', 'Grace Parker', '--prospect', 'Ada Lovelace']);
    expect(pass.code, pass.stderr).toBe(0);
    const id = (JSON.parse(pass.stdout) as Json).id as string;
    const open = await server.run(['--json', 'week', 'Grace Parker', '--limit', '100']);
    expect((JSON.parse(open.stdout) as Json).slips).toContainEqual(expect.objectContaining({ referral: id, direction: 'received', status: 'passed', prospect: 'Ada Lovelace' }));
    expect((await server.run(['slip', 'move', id, 'won', '--value', '3000'])).stdout).toContain('Louis Richard → Grace Parker (prospect Ada Lovelace, worth €3,000): won');
    const closed = await server.run(['--json', 'week', 'Grace Parker', '--limit', '100']);
    expect((JSON.parse(closed.stdout) as Json).slips.map((s: Json) => s.referral)).not.toContain(id);
    const back = await server.run(['slip', 'move', 'r0001', 'contacted']);
    expect(back.code).toBe(2);
    expect(back.stderr).toContain('the referral is already won');
  });
});
