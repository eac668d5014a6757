/**
 * docs/CLI.md: every error names the option or argument as the user typed it, says what is wrong
 * in plain words, and ends with a `hint:` that fits the failure. QA's findings on the sample:
 * enum values in zod's wording, `/query/status` for `--status`, a key's scope offered for a refusal
 * about who acts, no "did you mean" for a misspelt name, commander's own "error: …" text, and
 * `users create --person` taking an id only.
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BIN, sampleServer, sampleWorkspace, type Run, type SampleServer } from './run-cli.js';
import { threePeople } from './three-people.js';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

/** Exit code, one `refnet:` line naming what is wrong, a `hint:` line, nothing on stdout. */
function expectError(r: Run, code: number, message: string | RegExp): void {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr).toMatch(/^refnet: /);
  if (typeof message === 'string') expect(r.stderr).toContain(message);
  else expect(r.stderr).toMatch(message);
  expect(r.stderr).toMatch(/^hint: \S.+$/m);
  expect(r.stdout).toBe('');
}

const hintOf = (r: Run) => /^hint: (.*)$/m.exec(r.stderr)?.[1] ?? '';

describe('on the sample, through a server', () => {
  let ws: SampleServer;
  beforeAll(async () => {
    ws = await sampleServer();
  });
  afterAll(() => ws?.close());

  it('when --status is not a status, then it is named as typed with the statuses in plain words, and open is taken as passed or contacted', async () => {
    const bad = await ws.run(['slip', 'list', 'Grace Parker', '--status', 'opn']);
    expectError(bad, 2, 'refnet: --status: must be one of passed, contacted, won, lost, open (got "opn")');
    expect(bad.stderr).not.toMatch(/\/query\/|Invalid option|"\|"/);
    expect(hintOf(bad)).toMatch(/--status one of: passed, contacted, won, lost, or open \(passed or contacted/);

    const open = await ws.run(['--json', 'slip', 'list', 'Grace Parker', '--status', 'open']);
    expect(open.code, open.stderr).toBe(0);
    const statuses = (JSON.parse(open.stdout) as { items: { status: string }[] }).items.map((r) => r.status);
    const [passed, contacted] = await Promise.all(
      ['passed', 'contacted'].map(async (s) => (JSON.parse((await ws.run(['--json', 'slip', 'list', 'Grace Parker', '--status', s])).stdout) as { items: unknown[] }).items.length),
    );
    expect(statuses.length).toBe(passed! + contacted!);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['passed', 'contacted']));
  });

  it('when an option or argument takes one of a few values and gets another, then "must be one of …, got" names it as typed, with a hint listing them', async () => {
    const lunch = await ws.run(['log', 'Grace Parker', 'Louis Richard', '--kind', 'lunch']);
    expectError(lunch, 2, 'refnet: --kind: must be one of met, one_to_one, follow_up, call, message, introduction (got "lunch")');
    expect(hintOf(lunch)).toBe('give --kind one of: met, one_to_one, follow_up, call, message, introduction');
    const closed = await ws.run(['slip', 'move', 'r0703', 'finished']);
    expectError(closed, 2, 'refnet: <status>: must be one of contacted, won, lost (got "finished")');
    const great = await ws.run(['intro', 'outcome', 'iq-x', 'great']);
    expectError(great, 2, 'refnet: <outcome>: must be one of met, referral, nothing (got "great")');
    expect(hintOf(great)).toBe('give <outcome> one of: met, referral, nothing');
    for (const r of [lunch, closed, great]) expect(r.stderr).not.toMatch(/Invalid option|expected one of|"\|"|\/outcome/);
  });

  it('when a person, group or company name is misspelt, then the error offers the close names, and only close ones', async () => {
    const person = await ws.run(['tie', 'Grace Parkr', 'Louis Richard']);
    expectError(person, 2, 'no person with the id or name "Grace Parkr" (did you mean "Grace Parker"?)');
    expect(hintOf(person)).toMatch(/as suggested above/);
    // both words misspelt: still found from the start of a word
    expectError(await ws.run(['tie', 'Grce Parkr', 'Louis Richard']), 2, 'did you mean "Grace Parker"?');
    expectError(await ws.run(['metrics', 'group', 'Berlin Referal Circle']), 2, 'no group with the id or name "Berlin Referal Circle" (did you mean "Berlin Referral Circle"?)');
    expectError(await ws.run(['paths', 'Grace Parker', '--to-company', 'Northwind Legl']), 2, 'no company with the id or name "Northwind Legl" (did you mean "Northwind Legal"?)');
    const far = await ws.run(['tie', 'p091', 'Xavier Quuxbottom']);
    expectError(far, 2, 'no person with the id or name "Xavier Quuxbottom"');
    expect(far.stderr).not.toMatch(/did you mean/);
  });

  it('when a required argument or option is missing, then the error is refnet\'s, naming it as --help does, with the usage in the hint, exit 2', async () => {
    const cases: [string[], string, string][] = [
      [['tie', 'Grace Parker'], "refnet: missing required argument 'person-b'", 'usage: refnet tie [options] <person-a> <person-b>'],
      [['people', 'find'], "refnet: missing required argument 'text'", 'usage: refnet people find [options] <text>'],
      [['metrics', 'person'], "refnet: missing required argument 'person'", 'usage: refnet metrics person [options] <person>'],
      [['log', 'Grace Parker', 'Louis Richard'], "refnet: required option '--kind <kind>' not specified", 'usage: refnet log [options] <person-a> <person-b>'],
      [['report', 'diversity-gap', '--person', 'Grace Parker'], "refnet: required option '-d, --dimension <dimension>' not specified", 'usage: refnet report diversity-gap [options]'],
    ];
    for (const [args, message, usage] of cases) {
      const r = await ws.run(args);
      expectError(r, 2, message);
      expect(r.stderr, args.join(' ')).not.toMatch(/^error:/m);
      expect(hintOf(r), args.join(' ')).toContain(usage);
    }
  });
});


describe('a refusal about who acts', () => {
  it('when the requester marks an introduction made (only the connector may), then the hint says to act as the connector, not to get a key', async () => {
    const ws = await threePeople();
    try {
      const ask = await ws.run(['--json', 'intro', 'ask', 'Carl Connector', 'Tara Target', '--as', 'Rita Requester']);
      expect(ask.code, ask.stderr).toBe(0);
      const id = (JSON.parse(ask.stdout) as { id: string }).id;
      const made = await ws.run(['intro', 'made', id, '--as', 'Rita Requester']);
      expectError(made, 1, /only the connector/);
      expect(hintOf(made)).not.toMatch(/scope|keys create/);
      expect(hintOf(made)).toMatch(/who acts.*--as CONNECTOR/);
      // A key's missing scope still gets the key hint, naming the scope the server asked for.
      const key = await ws.run(['--json', 'keys', 'create', '--name', 'reader', '--scope', 'read']);
      expect(key.code, key.stderr).toBe(0);
      const read = await ws.run(['log', 'Rita Requester', 'Tara Target', '--kind', 'call'], { REFNET_API_KEY: (JSON.parse(key.stdout) as { token: string }).token });
      expectError(read, 1, /needs "write"/);
      expect(hintOf(read)).toMatch(/a key with scope "write".*keys create --scope write/);
    } finally {
      await ws.cleanup();
    }
  });
});

describe('refnet users and people by name', () => {
  it('when users create is given a name, then it finds the person as every command does, and users list shows the name', async () => {
    const ws = await sampleWorkspace();
    const withStdin = (args: string[], stdin: string) =>
      new Promise<Run>((done) => {
        const child = execFile(process.execPath, [BIN, ...args], { cwd: ws.dir, env: { ...ws.env, PASSWORD_HASH_COST: '12' } }, (err, stdout, stderr) =>
          done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
        );
        child.stdin!.end(stdin);
      });
    try {
      const created = await withStdin(['users', 'create', '--email', 'grace@example.org', '--person', 'grace parker'], 'a long enough passphrase\n');
      expect(created.code, created.stderr).toBe(0);
      expect(created.stdout).toContain('for Grace Parker (p091)');
      const typo = await withStdin(['users', 'create', '--email', 'g2@example.org', '--person', 'Grace Parkr'], 'a long enough passphrase\n');
      expectError(typo, 2, /no person with the id or name "Grace Parkr" in the data directory .* \(did you mean "Grace Parker"\?\)/);
      const two = await withStdin(['users', 'create', '--email', 'z@example.org', '--person', 'zoe scott'], 'a long enough passphrase\n');
      expectError(two, 2, /2 people match "zoe scott":\n {2}p169 {2}Zoë Scott[\s\S]*p278/);
      const list = await ws.run(['users', 'list'], { COLUMNS: '200' });
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toMatch(/grace@example\.org\s+Grace Parker \(p091\)\s+member/);
    } finally {
      await ws.cleanup();
    }
  });
});
