/**
 * `refnet users create|list|disable|reset-password` as a user runs them: the bin in a child
 * process, the password piped on stdin (never an argument), the accounts file in the data dir
 * (mode 0600, no password anywhere in it or in the output), and a server started on that data
 * dir honouring the accounts: sign-in works, disable and reset-password end it.
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { configSchema } from '../../api/config.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { call } from '../api/harness.js';
import { BIN, SAMPLE, samplePeople, workspace, type Run } from './run-cli.js';

// Several CLI processes and a server per test; on a loaded two-core machine that takes a while.
vi.setConfig({ testTimeout: 180_000 });

type Workspace = Awaited<ReturnType<typeof workspace>>;

function runWithStdin(ws: Workspace, args: string[], stdin: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: ws.dir, env: { ...ws.env, PASSWORD_HASH_COST: '12', ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
    child.stdin!.end(stdin);
  });
}

/** A workspace with the sample imported: accounts are for people of the network (p001, p002…). */
async function sampleWorkspace(): Promise<Workspace> {
  const ws = await workspace();
  expect((await ws.run(['import', SAMPLE])).code).toBe(0);
  return ws;
}

describe('refnet users', () => {
  let ws: Workspace;
  const password = 'a long enough passphrase';
  beforeAll(async () => {
    ws = await sampleWorkspace();
  });
  afterAll(() => ws.cleanup());

  it('when an account is created with the password on stdin, then list shows it without any hash and the file is owner-only', async () => {
    const created = await runWithStdin(ws, ['users', 'create', '--email', 'Ann@Example.org', '--person', 'p001', '--role', 'organiser'], `${password}\n`);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const p001 = (await samplePeople()).get('p001')!;
    expect(created.stdout).toContain(`for ${p001.name} (p001).`);
    const list = await ws.run(['users', 'list', '--json']);
    expect(list.code).toBe(0);
    const accounts = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ email: 'ann@example.org', person: 'p001', role: 'organiser' });
    expect(accounts[0]).not.toHaveProperty('hash');
    const file = join(ws.dir, 'data', 'accounts.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(password);
    expect(text).toMatch(/"hash": "scrypt\$12\$8\$1\$/);
    expect(list.stdout).not.toContain('scrypt$');
  });

  it('when the CLI talks to a server and is given no data directory, then users commands exit 2 saying where accounts live, and write nothing (no ./.refnet)', async () => {
    const throughServer = { REFNET_URL: 'http://127.0.0.1:9', REFNET_DATA: '' };
    for (const args of [['users', 'create', '--email', 'cy@example.org', '--person', 'p003'], ['users', 'list']]) {
      const r = await runWithStdin(ws, args, `${password}\n`, throughServer);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/accounts are kept in the data directory of the server/);
      expect(r.stderr).toMatch(/--data/);
    }
    await expect(stat(join(ws.dir, '.refnet'))).rejects.toThrow();
  });

  it('when the input is bad, then it exits 2 and says why, writing nothing', async () => {
    const dup = await runWithStdin(ws, ['users', 'create', '--email', 'ann@example.org', '--person', 'p002'], `${password}\n`);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/exists already/);
    const short = await runWithStdin(ws, ['users', 'create', '--email', 'bob@example.org', '--person', 'p002'], 'short\n');
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/at least 10 characters/);
    const role = await runWithStdin(ws, ['users', 'create', '--email', 'bob@example.org', '--person', 'p002', '--role', 'owner'], `${password}\n`);
    expect(role.code).toBe(2);
    // An account for an id nobody has would sign in as no one.
    const nobody = await runWithStdin(ws, ['users', 'create', '--email', 'bob@example.org', '--person', 'p-nobody'], `${password}\n`);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toMatch(/no person with the id or name "p-nobody".*\nhint: .*people find/);
    // An account of someone's private contact would not see its own record.
    const contact = join(ws.dir, 'contact.json');
    await writeFile(contact, JSON.stringify({ people: [{ id: 'priv-cli', name: 'Priv Cli', privateTo: 'p002' }] }));
    expect((await ws.run(['import', contact, '-f', 'json'])).code).toBe(0);
    const priv = await runWithStdin(ws, ['users', 'create', '--email', 'bob@example.org', '--person', 'priv-cli'], `${password}\n`);
    expect(priv.code).toBe(2);
    expect(priv.stderr).toMatch(/Priv Cli \(priv-cli\) is a private contact of .*share the contact first.*\nhint: .*nothing was written/s);
    const unknown = await runWithStdin(ws, ['users', 'disable', 'nobody@example.org'], '');
    expect(unknown.code).toBe(2);
    expect(JSON.parse((await ws.run(['users', 'list', '--json'])).stdout)).toHaveLength(1);
  });

  it('when a server runs on the data dir, then the account signs in; reset-password and disable end its sessions', async () => {
    const server = await ws.serve();
    try {
      const signIn = (pw: string) => call(server.url, 'POST', '/api/session', { email: 'ann@example.org', password: pw });
      const first = await signIn(password);
      expect(first.status).toBe(200);
      const cookie = first.headers.getSetCookie()[0]!.split(';')[0]!;
      expect((await call(server.url, 'GET', '/api/me', undefined, { cookie })).body.role).toBe('organiser');

      const reset = await runWithStdin(ws, ['users', 'reset-password', 'ann@example.org'], 'another long passphrase\n');
      expect(reset.code).toBe(0);
      expect((await call(server.url, 'GET', '/api/me', undefined, { cookie })).status).toBe(401);
      expect((await signIn(password)).status).toBe(401);
      const second = await signIn('another long passphrase');
      expect(second.status).toBe(200);
      const cookie2 = second.headers.getSetCookie()[0]!.split(';')[0]!;

      const disabled = await runWithStdin(ws, ['users', 'disable', 'ann@example.org'], '');
      expect(disabled.code).toBe(0);
      expect((await call(server.url, 'GET', '/api/me', undefined, { cookie: cookie2 })).status).toBe(401);
      expect((await signIn('another long passphrase')).status).toBe(401);
      const list = JSON.parse((await ws.run(['users', 'list', '--json'])).stdout) as { disabledAt?: string }[];
      expect(list[0]!.disabledAt).toMatch(/^\d{4}-/);
    } finally {
      await server.stop();
    }
  });
});

describe('refnet users and /api/admin/accounts on one running server', () => {
  let ws: Workspace;
  const password = 'a long enough passphrase';
  beforeAll(async () => {
    ws = await sampleWorkspace();
  });
  afterAll(() => ws.cleanup());

  it('when the CLI and an admin in the browser both manage accounts, then each sees the other\'s changes at once', async () => {
    const server = await ws.serve();
    try {
      const users = async () => JSON.parse((await ws.run(['users', 'list', '--json'])).stdout) as { email: string; role: string; disabledAt?: string; passwordChangedAt: string }[];
      expect((await runWithStdin(ws, ['users', 'create', '--email', 'Ann@Example.org', '--person', 'p001', '--role', 'admin'], `${password}\n`)).code).toBe(0);
      const signIn = (email: string, pw: string) => call(server.url, 'POST', '/api/session', { email, password: pw });
      const ann = await signIn('ann@example.org', password);
      expect(ann.status).toBe(200);
      const admin = { cookie: ann.headers.getSetCookie()[0]!.split(';')[0]!, 'x-csrf-token': ann.body.csrfToken as string };

      // Made in the browser: the CLI lists it.
      expect((await call(server.url, 'POST', '/api/admin/accounts', { email: 'bob@example.org', password, person: 'p002' }, admin)).status).toBe(201);
      expect((await users()).map((a) => [a.email, a.role])).toEqual([['ann@example.org', 'admin'], ['bob@example.org', 'member']]);
      // Disabled in the browser: the CLI shows when.
      expect((await call(server.url, 'PATCH', '/api/admin/accounts/bob@example.org', { disabled: true }, admin)).status).toBe(200);
      expect((await users())[1]!.disabledAt).toMatch(/^\d{4}-/);
      // Reset by the CLI: the browser's list shows the new time, and once enabled again Bob signs in with it.
      const before = (await users())[1]!.passwordChangedAt;
      expect((await runWithStdin(ws, ['users', 'reset-password', 'bob@example.org'], 'the cli set this passphrase\n')).code).toBe(0);
      const listed = (await call(server.url, 'GET', '/api/admin/accounts', undefined, admin)).body.accounts as { email: string; passwordChangedAt: string }[];
      expect(listed.find((a) => a.email === 'bob@example.org')!.passwordChangedAt > before).toBe(true);
      expect((await call(server.url, 'PATCH', '/api/admin/accounts/BOB@example.org', { disabled: false }, admin)).status).toBe(200);
      expect((await signIn('bob@example.org', 'the cli set this passphrase')).status).toBe(200);
      // The last admin cannot be disabled in the browser; the CLI, on the server's machine, still can.
      expect((await call(server.url, 'PATCH', '/api/admin/accounts/ann@example.org', { disabled: true }, admin)).status).toBe(409);
      expect((await runWithStdin(ws, ['users', 'disable', 'ann@example.org'], '')).code).toBe(0);
      expect((await call(server.url, 'GET', '/api/admin/accounts', undefined, admin)).status).toBe(401);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});

/** A pid no process has any more: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

describe('refnet users beside a running server (the data directory held by it)', () => {
  let ws: Workspace;
  const password = 'a long enough passphrase';
  beforeAll(async () => {
    ws = await sampleWorkspace();
  });
  afterAll(() => ws.cleanup());

  it('when the server runs, then --data alone creates, lists, resets and disables accounts; the person is checked through the server, with an admin key once sign-in is required', async () => {
    const server = await ws.serve();
    const data = join(ws.dir, 'data');
    const people = await samplePeople();
    try {
      // The server records where it listens, owner-only, in the directory it holds.
      const record = join(data, 'server.json');
      expect(JSON.parse(await readFile(record, 'utf8'))).toMatchObject({ url: server.url, pid: server.child.pid });
      expect((await stat(record)).mode & 0o777).toBe(0o600);

      // Local mode (no account, no key yet): no key is needed to check the person.
      const first = await runWithStdin(ws, ['--data', data, 'users', 'create', '--email', 'ann@example.org', '--person', 'p001', '--role', 'admin'], `${password}\n`, { REFNET_DATA: '' });
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toContain(`for ${people.get('p001')!.name} (p001).`);
      expect((await call(server.url, 'POST', '/api/session', { email: 'ann@example.org', password })).status).toBe(200);

      // Sign-in is now required: without a key it says which server refused and how to get a key, and writes nothing.
      const noKey = await runWithStdin(ws, ['users', 'create', '--email', 'bob@example.org', '--person', 'p002'], `${password}\n`);
      expect(noKey.code).toBe(1);
      expect(noKey.stderr).toContain(server.url);
      expect(noKey.stderr).toMatch(/\nhint: set REFNET_API_KEY .*admin key.*keys create --name NAME --scope admin/);
      expect(noKey.stderr).toMatch(/nothing was written/);
      expect(JSON.parse((await ws.run(['users', 'list', '--json'])).stdout)).toHaveLength(1);

      const key = await ws.run(['keys', 'create', '--name', 'admin-cli', '--scope', 'admin', '--json']);
      expect(key.code).toBe(0);
      const withKey = { REFNET_API_KEY: (JSON.parse(key.stdout) as { token: string }).token };
      const second = await runWithStdin(ws, ['users', 'create', '--email', 'bob@example.org', '--person', 'p002'], `${password}\n`, withKey);
      expect(second.stderr).toBe('');
      expect(second.code).toBe(0);
      expect(second.stdout).toContain(`for ${people.get('p002')!.name} (p002).`);
      expect((await call(server.url, 'POST', '/api/session', { email: 'bob@example.org', password })).status).toBe(200);
      // The server wrote both (its own hash cost, not the CLI's 12), with the network's writes held:
      // a delete of the person cannot slip in between the check and the write.
      const serverCost = String(configSchema.shape.PASSWORD_HASH_COST.parse(undefined));
      const stored = (JSON.parse(await readFile(join(data, 'accounts.json'), 'utf8')) as { accounts: { email: string; hash: string }[] }).accounts;
      expect(stored.map((a) => [a.email, a.hash.split('$')[1]])).toEqual([['ann@example.org', serverCost], ['bob@example.org', serverCost]]);

      const nobody = await runWithStdin(ws, ['users', 'create', '--email', 'cy@example.org', '--person', 'p-nobody'], `${password}\n`, withKey);
      expect(nobody.code).toBe(2);
      expect(nobody.stderr).toMatch(/no person with the id or name "p-nobody" in the server .*\nhint: .*people find/);

      const list = await ws.run(['users', 'list', '--json']);
      expect(list.code).toBe(0);
      expect((JSON.parse(list.stdout) as { email: string }[]).map((a) => a.email).sort()).toEqual(['ann@example.org', 'bob@example.org']);
      expect((await runWithStdin(ws, ['users', 'reset-password', 'bob@example.org'], 'another long passphrase\n')).code).toBe(0);
      expect((await call(server.url, 'POST', '/api/session', { email: 'bob@example.org', password: 'another long passphrase' })).status).toBe(200);
      expect((await runWithStdin(ws, ['users', 'disable', 'bob@example.org'], '')).code).toBe(0);
      expect((await call(server.url, 'POST', '/api/session', { email: 'bob@example.org', password: 'another long passphrase' })).status).toBe(401);

      // Any other command on the held directory names the server's real address.
      const held = await ws.run(['people', 'find', 'a']);
      expect(held.code).toBe(1);
      expect(held.stderr).toContain(`in use by another process: the refnet server at ${server.url}`);
      expect(held.stderr).toContain(`hint: talk to it instead: set REFNET_URL=${server.url} or pass --url ${server.url}`);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    // A clean stop removes the record.
    await expect(stat(join(data, 'server.json'))).rejects.toThrow();
  });

  it('when the record is not the running server\'s (a crashed server\'s, or another process\'s), then it is not trusted: no address is guessed and users create says to add --url', async () => {
    const server = await ws.serve();
    const record = join(ws.dir, 'data', 'server.json');
    try {
      for (const pid of [await deadPid(), process.pid]) {
        await writeFile(record, JSON.stringify({ pid, url: 'http://127.0.0.1:9' }));
        const held = await ws.run(['people', 'find', 'a']);
        expect(held.code).toBe(1);
        expect(held.stderr).toMatch(/in use by another process/);
        expect(held.stderr).not.toMatch(/127\.0\.0\.1:(9|3000)\b/);
        expect(held.stderr).toMatch(/hint: .*REFNET_URL to its address/);
        const create = await runWithStdin(ws, ['users', 'create', '--email', 'dee@example.org', '--person', 'p003'], `${password}\n`);
        expect(create.code).toBe(1);
        expect(create.stderr).not.toMatch(/127\.0\.0\.1:9\b/);
        expect(create.stderr).toMatch(/hint: the account can be written while the server runs.*--url.*nothing was written/);
      }
      expect((JSON.parse((await ws.run(['users', 'list', '--json'])).stdout) as { email: string }[]).map((a) => a.email)).not.toContain('dee@example.org');
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
