/**
 * A member's dry-run import answers exactly what the real import would, permissions included: a
 * file the member may not write is a 403 in the dry run too, and one they may write is a 200 in
 * both with the same counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFF_THREAD_BYTES } from '../../api/file-import-off-thread.js';
import { isProblem } from '../api/harness.js';
import { addAccount, sampleDocument, startAccountsApi, type AccountsApi, type Browser } from './accounts-support.js';

const csv = (rows: string[][]) => rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n') + '\n';

describe('dry-run imports check the same permissions as the real import', () => {
  let api: AccountsApi;
  let member: Browser;
  let me: { id: string; name: string };
  let others: { id: string; name: string }[];
  beforeAll(async () => {
    api = await startAccountsApi();
    const doc = await sampleDocument();
    me = doc.people[0]!;
    others = doc.people.slice(1, 4);
    await addAccount(api.dir, { email: 'member@example.org', person: me.id, role: 'member', password: 'correct horse battery' });
    member = api.browser();
    expect((await member.signIn('member@example.org', 'correct horse battery')).status).toBe(200);
  });
  afterAll(() => api.close());

  const post = (path: string, body: string) => member.call('POST', path, body, { headers: { 'content-type': 'text/csv' } });

  it.each([
    ['an interaction between two other people', () => `/api/import?format=interactions`, () => csv([['a', 'b', 'kind', 'at'], [others[0]!.id, others[1]!.id, 'met', '2026-11-01']])],
    ['a change to another person’s record', () => `/api/import?format=people&update=overwrite`, () => csv([['id', 'name', 'title'], [others[2]!.id, others[2]!.name, 'Changed by a member']])],
  ])('when a member dry-runs %s, then the dry run is a 403 like the real import, and nothing is written', async (_what, path, body) => {
    const before = (await member.call('GET', '/api/export')).body;
    const dry = await post(`${path()}&dryRun=true`, body());
    const real = await post(path(), body());
    expect(isProblem(dry, 403)).toBe(true);
    expect(isProblem(real, 403)).toBe(true);
    expect(dry.body.detail).toBe(real.body.detail);
    expect((await member.call('GET', '/api/export')).body).toEqual(before);
  });

  it('when a member sends a file large enough to be planned on a worker that changes another person’s record, then dry run and import are the small file’s 403, and nothing is written', async () => {
    const row = [others[2]!.id, others[2]!.name, 'Changed by a member'];
    const small = csv([['id', 'name', 'title'], row]);
    const large = csv([['id', 'name', 'title'], ...Array.from({ length: Math.ceil(OFF_THREAD_BYTES / 20) }, () => row)]);
    expect(Buffer.byteLength(large)).toBeGreaterThan(OFF_THREAD_BYTES);
    const before = (await member.call('GET', '/api/export')).body;
    const answers = [];
    for (const path of ['/api/import?format=people&update=overwrite&dryRun=true', '/api/import?format=people&update=overwrite']) {
      for (const body of [small, large]) answers.push(await post(path, body));
    }
    for (const a of answers) {
      expect(isProblem(a, 403)).toBe(true);
      expect(a.body.detail).toBe(answers[0]!.body.detail);
    }
    expect((await member.call('GET', '/api/export')).body).toEqual(before);
  });

  it('when a member dry-runs their own LinkedIn export, then it is a 200 and the real import writes what the dry run said', async () => {
    const file = csv([['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On'], ['Zed', 'Newcomer', 'https://www.linkedin.com/in/zed-newcomer', 'zed@example.org', 'Acme', 'CTO', '01 Nov 2026']]);
    const dry = await post(`/api/import?format=linkedin&owner=${encodeURIComponent(me.id)}&dryRun=true`, file);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, people: { created: 1 }, interactions: { created: 1 } });
    const real = await post(`/api/import?format=linkedin&owner=${encodeURIComponent(me.id)}`, file);
    expect(real.status).toBe(200);
    expect({ people: real.body.people, interactions: real.body.interactions }).toEqual({ people: dry.body.people, interactions: dry.body.interactions });
  });
});
