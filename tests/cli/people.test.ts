import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { workspace } from './run-cli.js';

vi.setConfig({ testTimeout: 120_000 });

describe('refnet people merge (embedded store)', () => {
  let ws: Awaited<ReturnType<typeof workspace>>;
  beforeAll(async () => {
    ws = await workspace();
    const doc = {
      people: [{ id: 'a', name: 'Ann' }, { id: 'a2', name: 'Ann', email: 'ann@example.org' }, { id: 'b', name: 'Bo' }, { id: 'c', name: 'Cy' }],
      interactions: [
        { id: 'i1', a: 'a2', b: 'b', kind: 'call', at: '2024-01-01' },
        { id: 'i2', a: 'b', b: 'c', kind: 'call', at: '2024-01-01' },
      ],
      introRequests: [{ id: 'q1', requester: 'a2', connector: 'b', target: 'c', at: '2024-01-02', status: 'asked' }],
    };
    await writeFile(join(ws.dir, 'doc.json'), JSON.stringify(doc));
    const imported = await ws.run(['import', 'doc.json']);
    expect(imported.code, imported.stderr).toBe(0);
    // Labels are words: every collection of the document is named in them, none in camelCase.
    expect(imported.stdout).toMatch(/^created intro requests\s+1$/m);
    for (const line of imported.stdout.split('\n').filter((l) => l.startsWith('created'))) expect(line).not.toMatch(/[a-z][A-Z]/);
  });
  afterAll(() => ws.cleanup());

  it('when dry-run, then the preview is printed and nothing changes; when run, then the duplicate is folded in', async () => {
    const dry = await ws.run(['people', 'merge', 'a', 'a2', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).moved.interactions).toBe(1);
    expect(JSON.parse((await ws.run(['export'])).stdout).people).toHaveLength(4);

    const merged = await ws.run(['people', 'merge', 'a', 'a2']);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('merged Ann (a2) into Ann (a)');
    expect(merged.stdout).toMatch(/^intro requests\s+1\s+0$/m);
    expect(merged.stdout).not.toMatch(/introRequests/);
    const doc = JSON.parse((await ws.run(['export'])).stdout);
    expect(doc.people).toEqual([{ id: 'a', name: 'Ann', email: 'ann@example.org' }, { id: 'b', name: 'Bo' }, { id: 'c', name: 'Cy' }]);
    expect(doc.interactions).toEqual([
      { id: 'i1', a: 'a', b: 'b', kind: 'call', at: '2024-01-01' },
      { id: 'i2', a: 'b', b: 'c', kind: 'call', at: '2024-01-01' },
    ]);
  });

  it('when an id is unknown, then it fails with the API problem and a non-zero exit', async () => {
    const r = await ws.run(['people', 'merge', 'a', 'ghost']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('no person with the id or name "ghost"');
    expect(r.stderr).toMatch(/^hint: /m);
  });
});

describe('refnet people share (embedded store)', () => {
  let ws: Awaited<ReturnType<typeof workspace>>;
  beforeAll(async () => {
    ws = await workspace();
    await writeFile(join(ws.dir, 'doc.json'), JSON.stringify({ people: [{ id: 'ann', name: 'Ann' }, { id: 'zed', name: 'Zed', privateTo: 'ann' }] }));
    expect((await ws.run(['import', 'doc.json'])).code).toBe(0);
  });
  afterAll(() => ws.cleanup());

  it('when a private contact is shared, then it is stored without privateTo', async () => {
    const r = await ws.run(['people', 'share', 'zed']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('shared Zed (zed)');
    expect(JSON.parse((await ws.run(['export'])).stdout).people).toEqual([{ id: 'ann', name: 'Ann' }, { id: 'zed', name: 'Zed' }]);
  });
});

describe('refnet people merge: what each side keeps, in words', () => {
  let ws: Awaited<ReturnType<typeof workspace>>;
  beforeAll(async () => {
    ws = await workspace();
    const doc = {
      people: [{ id: 'ann', name: 'Ann' }, { id: 'zed', name: 'Zed', privateTo: 'ann' }, { id: 'z2', name: 'Zed Z.' }, { id: 'kim', name: 'Kim' }, { id: 'kim2', name: 'Kim' }],
      groups: [{ id: 'g', name: 'Riverside' }],
      memberships: [{ person: 'kim', group: 'g', since: '2019-01-01', until: '2022-12-31' }, { person: 'kim2', group: 'g', since: '2023-01-01' }],
    };
    await writeFile(join(ws.dir, 'doc.json'), JSON.stringify(doc));
    expect((await ws.run(['import', 'doc.json'])).code).toBe(0);
  });
  afterAll(() => ws.cleanup());

  it('when a private contact is merged with a shared record, then the lost privateTo is printed as none kept, with why', async () => {
    const r = await ws.run(['people', 'merge', 'z2', 'zed', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('kept privateTo none, dropped "ann" (the merged person is shared');
    expect(r.stdout).not.toContain('kept privateTo ""');
  });

  it('when both are members of one group, then the kept person stays a member through the duplicate’s current seat', async () => {
    const r = await ws.run(['people', 'merge', 'kim', 'kim2']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse((await ws.run(['export'])).stdout).memberships).toEqual([{ person: 'kim', group: 'g', since: '2019-01-01' }]);
  });
});
