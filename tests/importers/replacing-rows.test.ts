/**
 * A file row whose record would replace a stored one follows the rule the document import applies
 * to it (graph/service/import-replacing.ts): a move the lifecycle forbids, a move the server cannot
 * date (a slip dated after its clock), a history the write would break, or an id another row of the
 * file has is the row skipped with its file row number and the reason, and the rest of the file
 * imports; never the whole file refused at /referrals/N, a position in a document the user never
 * saw. The dry run reports exactly what the import does, in process and on the worker alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type Reply, type TestApi } from '../api/harness.js';

const NOW = new Date('2026-03-15T12:00:00.000Z');
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({}, { clock: () => NOW });
  const seeded = await api.call('POST', '/api/import', {
    people: [
      { id: '__proto__', name: 'Proto' },
      { id: 'constructor', name: 'Con' },
      { id: 'toString', name: 'Ts' },
    ],
  });
  expect(seeded.status).toBe(200);
});

afterAll(() => api?.close());

const csv = (path: string, body: string) => api.call('POST', path, body, { 'content-type': 'text/csv' });
const referrals = async () => (await api.call('GET', '/api/export')).body.referrals as { id: string; from: string; to: string; status: string; value?: number; at: string; changes?: unknown[] }[];

/** The dry run's report, then the import's: the same but for dryRun and version. */
async function dryThenReal(format: string, body: string): Promise<Reply['body']> {
  const dry = await csv(`/api/import?format=${format}&dryRun=true`, body);
  expect(dry.status, JSON.stringify(dry.body)).toBe(200);
  const real = await csv(`/api/import?format=${format}`, body);
  expect(real.status, JSON.stringify(real.body)).toBe(200);
  const { dryRun: _d, ...dryReport } = dry.body;
  const { dryRun: _r, version: _v, ...realReport } = real.body;
  expect(dryReport).toStrictEqual(realReport);
  return real.body;
}

describe('a referrals file row that would replace a stored slip', () => {
  it('when a row would move a won slip back to passed, then only that row is skipped, with its row number and the lifecycle’s reason, and the rest imports', async () => {
    const first = await csv('/api/import?format=referrals', 'from,to,at,status\nconstructor,toString,2024-06-02,won\n');
    expect(first.body.referrals).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const report = await dryThenReal('referrals', 'from,to,at,status,value\n__proto__,toString,2024-06-01,won,1250.55\nconstructor,toString,2024-06-02,passed\n');
    expect(report.rows).toEqual({ read: 2, imported: 1, skipped: 1 });
    expect(report.skipped).toEqual([{ row: 3, reason: expect.stringMatching(/^cannot replace the stored referral Con → Ts \(id r-\w+\): status: the referral is already won; a closed referral cannot change status$/) }]);
    expect(report.referrals).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(report.changes).toEqual([expect.objectContaining({ op: 'create', kind: 'referral', label: 'Proto → Ts', rows: [2] })]);
    const stored = await referrals();
    expect(stored.find((r) => r.from === 'constructor' && r.to === 'toString')).toMatchObject({ status: 'won', at: '2024-06-02' });
    expect(stored.find((r) => r.from === '__proto__')).toMatchObject({ status: 'won', value: 1250.55 });
  });

  it('when a slip stored with a date after the server’s clock is moved by a row, then that row is skipped saying so and the other rows import', async () => {
    const seeded = await api.call('POST', '/api/import', { referrals: [{ id: 'ahead', from: 'constructor', to: '__proto__', at: '2030-01-01', status: 'passed' }] });
    expect(seeded.status).toBe(200);
    const report = await dryThenReal('referrals', 'id,from,to,at,status\nahead,constructor,__proto__,2030-01-01,won\nfine,toString,__proto__,2025-01-01,contacted\n');
    expect(report.rows).toEqual({ read: 2, imported: 1, skipped: 1 });
    expect(report.skipped).toEqual([{ row: 2, reason: expect.stringMatching(/^cannot replace the stored referral Con → Proto \(id ahead\): status: the referral is dated 2030-01-01, after the server's clock \(2026-03-15T12:00:00.000Z\)/) }]);
    const stored = await referrals();
    expect(stored.find((r) => r.id === 'ahead')).toMatchObject({ status: 'passed' });
    expect(stored.find((r) => r.id === 'fine')).toMatchObject({ status: 'contacted' });
  });

  it('when a row would date a slip after a move its history records, then that row is skipped naming the history problem', async () => {
    const changes = [{ status: 'passed', at: '2025-01-01' }, { status: 'contacted', at: '2025-03-01' }];
    const seeded = await api.call('POST', '/api/import', { referrals: [{ id: 'hist', from: 'toString', to: 'constructor', at: '2025-01-01', status: 'contacted', changes }] });
    expect(seeded.status).toBe(200);
    const report = await dryThenReal('referrals', 'id,from,to,at,status\nhist,toString,constructor,2025-05-01,contacted\nnew,constructor,toString,2025-05-01,passed\n');
    expect(report.rows).toEqual({ read: 2, imported: 1, skipped: 1 });
    expect(report.skipped).toEqual([{ row: 2, reason: expect.stringMatching(/^cannot replace the stored referral Ts → Con \(id hist\): changes\.1\.at: 2025-03-01 is before the change above it/) }]);
    expect((await referrals()).find((r) => r.id === 'hist')).toMatchObject({ at: '2025-01-01', changes });
  });

  it('when a row restates a slip whose stored history the import keeps, then the report says unchanged and nothing is written', async () => {
    const moved = await dryThenReal('referrals', 'id,from,to,at,status,value\nhist,toString,constructor,2025-01-01,won,300\n');
    expect(moved.referrals).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const stored = (await referrals()).find((r) => r.id === 'hist');
    expect(stored?.changes).toHaveLength(3);
    const again = await dryThenReal('referrals', 'id,from,to,at,status,value\nhist,toString,constructor,2025-01-01,won,300\n');
    expect(again.referrals).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(again.changes).toEqual([expect.objectContaining({ op: 'unchanged', id: 'hist' })]);
    expect(again.version).toBeUndefined();
    expect((await referrals()).find((r) => r.id === 'hist')).toStrictEqual(stored);
  });
});

describe('two rows of one file with the same id', () => {
  it('when a referrals file gives one id on two rows, then the later row is skipped naming the earlier one, and the first imports', async () => {
    const report = await dryThenReal('referrals', 'id,from,to,at,status\ntwice,constructor,__proto__,2024-01-01,passed\ntwice,constructor,__proto__,2024-01-02,won\n');
    expect(report.rows).toEqual({ read: 2, imported: 1, skipped: 1 });
    expect(report.skipped).toEqual([{ row: 3, reason: 'the referral id "twice" is also that of row 2 of this file; a record is imported from one row' }]);
    expect((await referrals()).find((r) => r.id === 'twice')).toMatchObject({ status: 'passed', at: '2024-01-01' });
  });

  it('when an interactions file gives one id on two rows, then the later row is skipped the same way', async () => {
    const report = await dryThenReal('interactions', 'id,a,b,kind,at\ni-twice,constructor,__proto__,met,2024-01-01\ni-twice,toString,__proto__,call,2024-01-02\n');
    expect(report.rows).toEqual({ read: 2, imported: 1, skipped: 1 });
    expect(report.skipped).toEqual([{ row: 3, reason: 'the interaction id "i-twice" is also that of row 2 of this file; a record is imported from one row' }]);
    expect(report.interactions).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });
});

describe('a large file (planned on a worker thread)', () => {
  it('when one of thousands of rows would move a closed slip back, then that row alone is skipped, in row order among the others', async () => {
    const seeded = await api.call('POST', '/api/import', { referrals: [{ id: 'closed', from: 'toString', to: '__proto__', at: '2024-02-02', status: 'lost' }] });
    expect(seeded.status).toBe(200);
    const lines = ['id,from,to,at,status,note'];
    const pad = 'x'.repeat(60);
    for (let i = 0; i < 4000; i++) lines.push(`bulk-${i},constructor,toString,2024-03-01,passed,${pad}`);
    lines[1000] = 'closed,toString,__proto__,2024-02-02,won,';
    lines[2000] = 'bulk-1,constructor,toString,2024-03-01,passed,'; // row 2001: bulk-1 again
    lines[3000] = 'bulk-3000,constructor,constructor,2024-03-01,passed,'; // row 3001: to themselves (skipped by the planner)
    const body = `${lines.join('\n')}\n`;
    expect(body.length).toBeGreaterThan(256 * 1024);
    const report = await dryThenReal('referrals', body);
    expect(report.rows).toEqual({ read: 4000, imported: 3997, skipped: 3 });
    expect(report.skipped.map((s: { row: number }) => s.row)).toEqual([1001, 2001, 3001]);
    expect(report.skipped[0].reason).toMatch(/^cannot replace the stored referral Ts → Proto \(id closed\): status: the referral is already lost/);
    expect(report.referrals).toEqual({ created: 3997, updated: 0, unchanged: 0 });
    expect((await referrals()).find((r) => r.id === 'closed')).toMatchObject({ status: 'lost' });
  });
});
