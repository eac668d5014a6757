/**
 * Test support for the security suites: a real refnet (embedded store, temp data dir) served on
 * port 0 with a chosen environment, plus key creation in its keys file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Refnet } from '../../api/compose.js';
import { keysFilePath } from '../../api/security/key-file.js';
import type { Scope } from '../../api/security/key-format.js';
import { createKey } from '../../api/security/keys.js';
import { startTestApi, type Reply } from '../api/harness.js';

export { call, isProblem, type Reply } from '../api/harness.js';

export interface SecureApi {
  url: string;
  dir: string;
  keysFile: string;
  refnet: Refnet;
  /** A request with a key (Bearer) or none. */
  as(key: string | undefined, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  close(): Promise<void>;
}

/** A fresh temp data dir, optionally with keys created in it before the server starts. */
export async function dataDirWithKeys(scopes: Scope[] = []): Promise<{ dir: string; keysFile: string; tokens: Record<string, { token: string; id: string }> }> {
  const dir = await mkdtemp(join(tmpdir(), 'refnet-sec-'));
  const keysFile = keysFilePath({ REFNET_DATA: dir });
  const tokens: Record<string, { token: string; id: string }> = {};
  for (const scope of scopes) {
    const { token, key } = await createKey(keysFile, { scope, name: `${scope} test key` });
    tokens[scope] = { token, id: key.id };
  }
  return { dir, keysFile, tokens };
}

/** Serves refnet over `dir` with an environment (HOST defaults to 127.0.0.1; the server listens on 127.0.0.1). */
export async function startSecureApi(dir: string, env: Record<string, string> = {}): Promise<SecureApi> {
  const api = await startTestApi({ ...env, REFNET_DATA: dir });
  return {
    url: api.url,
    dir,
    keysFile: keysFilePath({ REFNET_DATA: dir, REFNET_KEYS_FILE: env.REFNET_KEYS_FILE }),
    refnet: api.refnet,
    as: (key, method, path, body, headers = {}) => api.call(method, path, body, key === undefined ? headers : { authorization: `Bearer ${key}`, ...headers }),
    async close() {
      await api.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
