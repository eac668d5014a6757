/**
 * Test support for accounts and sessions: a refnet over a temp data dir holding the bundled sample
 * network, accounts created in its accounts file (cheap scrypt cost), and a client that keeps the
 * session cookie and the CSRF token as a browser page would.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { createRefnet, type Refnet } from '../../api/compose.js';
import { loadConfig } from '../../api/config.js';
import { startServer } from '../../api/server.js';
import type { SignInLimits } from '../../api/security/sign-in-limit.js';
import { accountsFilePath } from '../../api/security/account-file.js';
import type { Role } from '../../api/security/account-file.js';
import { createAccount } from '../../api/security/accounts.js';
import { call, type Reply } from '../api/harness.js';

export const SAMPLE = fileURLToPath(new URL('../../data/sample-network.json', import.meta.url));
/** Cheap scrypt for tests (PASSWORD_HASH_COST); the format and the checks are the same. */
export const TEST_COST = 12;
export const TEST_ENV = { PASSWORD_HASH_COST: String(TEST_COST) };

export async function sampleDocument(): Promise<{ people: { id: string; name: string }[]; interactions: { a: string; b: string }[] }> {
  return JSON.parse(await readFile(SAMPLE, 'utf8')) as never;
}

export async function addAccount(dataDir: string, input: { email: string; person: string; role: Role; password: string }) {
  return createAccount(accountsFilePath({ REFNET_DATA: dataDir }), { ...input, cost: TEST_COST });
}

/** A new account for a person, and a browser signed in as it. */
export async function signedIn(api: Pick<AccountsApi, 'dir' | 'browser'>, input: { email: string; person: string; role: Role; password: string }): Promise<Browser> {
  await addAccount(api.dir, input);
  const browser = api.browser();
  const r = await browser.signIn(input.email, input.password);
  if (r.status !== 200) throw new Error(`sign-in as ${input.email} failed: ${r.status}`);
  return browser;
}

/** The session cookie (name=value) of a Set-Cookie answer, if any. */
export function sessionCookieOf(reply: Reply): string | undefined {
  for (const c of reply.headers.getSetCookie()) {
    const m = /^refnet_session=([^;]*)/.exec(c);
    if (m) return `refnet_session=${m[1]}`;
  }
  return undefined;
}

/** A browser-like client: signs in, keeps the cookie, sends X-CSRF-Token on writes unless told not to. */
export class Browser {
  cookie: string | undefined;
  csrf: string | undefined;
  constructor(readonly url: string) {}

  async signIn(email: string, password: string): Promise<Reply> {
    const r = await this.call('POST', '/api/session', { email, password });
    if (r.status === 200) {
      this.cookie = sessionCookieOf(r);
      this.csrf = r.body.csrfToken;
    }
    return r;
  }

  call(method: string, path: string, body?: unknown, options: { csrf?: boolean; headers?: Record<string, string> } = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && options.csrf !== false && !['GET', 'HEAD'].includes(method)) headers['x-csrf-token'] = this.csrf;
    return call(this.url, method, path, body, headers);
  }
}

export interface AccountsApi {
  url: string;
  dir: string;
  refnet: Refnet;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  browser(): Browser;
  close(): Promise<void>;
}

/** A refnet over a fresh temp data dir, the sample network imported (in local mode, before any account exists). */
export async function startAccountsApi(options: { env?: Record<string, string>; clock?: () => number; logger?: Logger; signInLimits?: SignInLimits; sample?: boolean } = {}): Promise<AccountsApi> {
  const dir = await mkdtemp(join(tmpdir(), 'refnet-acct-'));
  const config = loadConfig({ REFNET_DATA: dir, LOG_LEVEL: 'silent', ...TEST_ENV, ...options.env });
  const security = { ...(options.clock && { clock: options.clock }), ...(options.signInLimits && { signInLimits: options.signInLimits }) };
  const refnet = await createRefnet(config, { logger: options.logger ?? pino({ level: 'silent' }), security });
  const running = await startServer(refnet.app, { port: 0, host: '127.0.0.1' });
  const api: AccountsApi = {
    url: running.url,
    dir,
    refnet,
    call: (method, path, body, headers) => call(running.url, method, path, body, headers),
    browser: () => new Browser(running.url),
    async close() {
      await running.stop(1000);
      await refnet.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  if (options.sample !== false) {
    const r = await api.call('POST', '/api/import', await readFile(SAMPLE, 'utf8'));
    if (r.status !== 200) throw new Error(`sample import failed: ${r.status}`);
  }
  return api;
}
