import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { workspace } from './run-cli.js';
import { threePeople } from './three-people.js';

vi.setConfig({ testTimeout: 120_000 });


describe('refnet intro (embedded store, local mode)', () => {
  let ws: Awaited<ReturnType<typeof workspace>>;
  beforeAll(async () => {
    ws = await threePeople();
  });
  afterAll(() => ws.cleanup());

  it('when a member asks by name and the connector accepts and marks it made, then each step prints names and the introduction is logged', async () => {
    const ask = await ws.run(['intro', 'ask', 'carl connector', 'Tara Target', '--as', 'Rita Requester', '--json']);
    expect(ask.code, ask.stderr).toBe(0);
    const id = JSON.parse(ask.stdout).id as string;
    // the same introduction again while the first is open: refused, naming it and its date
    const twice = await ws.run(['intro', 'ask', 'Carl Connector', 'Tara Target', '--as', 'Rita Requester']);
    expect(twice.code).not.toBe(0);
    expect(twice.stderr).toContain(`you already asked Carl Connector for an introduction to Tara Target on ${String(JSON.parse(ask.stdout).at).slice(0, 10)}`);
    expect(twice.stderr).toContain(id);
    const list = await ws.run(['intro', 'list', '--as', 'Carl Connector']);
    expect(list.stdout).toMatch(/Asked of me:[\s\S]*Rita Requester[\s\S]*Tara Target[\s\S]*asked/);
    expect((await ws.run(['intro', 'accept', id])).stdout).toContain('Rita Requester asked Carl Connector for an introduction to Tara Target: accepted');
    expect((await ws.run(['intro', 'made', id])).stdout).toContain(': made');
    const refused = await ws.run(['intro', 'outcome', id, 'met']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/only the requester/);
    expect((await ws.run(['intro', 'outcome', id, 'met', '--as', 'r'])).stdout).toContain(': outcome (met)');
    const doc = JSON.parse((await ws.run(['export'])).stdout);
    expect(doc.interactions.filter((i: { kind: string }) => i.kind === 'introduction')).toEqual([expect.objectContaining({ a: 'r', b: 't' })]);
  });
});

describe('refnet intro once keys or accounts exist (an admin key acting as a person)', () => {
  let ws: Awaited<ReturnType<typeof workspace>>;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    ws = await threePeople();
    const key = await ws.run(['--json', 'keys', 'create', '--name', 'cli', '--scope', 'admin']);
    expect(key.code, key.stderr).toBe(0);
    env = { REFNET_API_KEY: JSON.parse(key.stdout).token as string };
  });
  afterAll(() => ws.cleanup());

  it('when --as names a person, then the command acts as them with the key; without --as, exit 2 and the hint says --as works with an admin key', async () => {
    const ask = await ws.run(['intro', 'ask', 'Carl Connector', 'Tara Target', '--as', 'Rita Requester'], env);
    expect(ask.code, ask.stderr).toBe(0);
    expect(ask.stdout).toContain('Rita Requester asked Carl Connector for an introduction to Tara Target: asked');
    const list = await ws.run(['intro', 'list', '--as', 'Carl Connector'], env);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/Asked of me:[\s\S]*Rita Requester[\s\S]*Tara Target/);
    const nobody = await ws.run(['intro', 'list'], env);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toMatch(/^hint: add --as PERSON.*admin API key/m);
  });
});
