/**
 * refnet behind a reverse proxy under a base path: `--url http://host/refnet` (or REFNET_URL)
 * sends every request to `http://host/refnet/api/…`, never to the host's root. The proxy here is
 * a real one in front of a real `refnet serve`: it forwards /refnet/… with the prefix taken off
 * and answers anything else 404, and it records every path it was asked for.
 */
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleServer, type SampleServer } from './run-cli.js';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const PREFIX = '/refnet';
let server: SampleServer;
let proxy: Server;
let proxyUrl: string;
const asked: string[] = [];

beforeAll(async () => {
  server = await sampleServer();
  const upstream = new URL(server.url);
  proxy = createServer((req, res) => {
    const path = req.url ?? '/';
    asked.push(path);
    if (!path.startsWith(`${PREFIX}/`)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not under ${PREFIX}/`);
      return;
    }
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: path.slice(PREFIX.length), headers: { ...req.headers, host: upstream.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((done) => proxy?.close(done));
  await server?.close();
});

describe('a server URL with a base path', () => {
  it('when --url names the base path (with or without a trailing slash), then every request goes under it and the commands answer as at the root', async () => {
    const direct = await server.run(['--json', 'people', 'find', 'scott']);
    expect(direct.code, direct.stderr).toBe(0);
    for (const url of [`${proxyUrl}${PREFIX}`, `${proxyUrl}${PREFIX}/`]) {
      asked.length = 0;
      const r = await server.run(['--url', url, '--json', 'people', 'find', 'scott'], { REFNET_URL: '' });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(JSON.parse(direct.stdout));
      expect(asked.length).toBeGreaterThan(0);
      for (const path of asked) expect(path).toMatch(new RegExp(`^${PREFIX}/api/`));
    }
  });

  it('when REFNET_URL has the base path, then analytics, a problem answer and an upload go through it too', async () => {
    const env = { REFNET_URL: `${proxyUrl}${PREFIX}` };
    asked.length = 0;
    const paths = await server.run(['--json', 'paths', 'p091', '--to', 'p151', '--max-hops', '3', '--as-of', '2026-10-31'], env);
    expect(paths.code, paths.stderr).toBe(0);
    const atRoot = await server.run(['--json', 'paths', 'p091', '--to', 'p151', '--max-hops', '3', '--as-of', '2026-10-31']);
    expect(JSON.parse(paths.stdout)).toEqual(JSON.parse(atRoot.stdout));

    const unknown = await server.run(['tie', 'p091', 'nobody-at-all'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no person/);

    const dir = await mkdtemp(join(tmpdir(), 'refnet-base-path-'));
    const file = join(dir, 'one.csv');
    await writeFile(file, 'Full Name,E-mail\nBase Path Person,base.path@example.org\n');
    const dry = await server.run(['--json', 'import', file, '-f', 'people', '--map', 'name=Full Name,email=E-mail', '--dry-run'], env);
    await rm(dir, { recursive: true, force: true });
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, rows: { imported: 1 }, people: { created: 1 } });
    for (const path of asked) expect(path).toMatch(new RegExp(`^${PREFIX}/api/`));
  });

  it('when the URL carries a query, then exit 2 before any request', async () => {
    asked.length = 0;
    const r = await server.run(['--url', `${proxyUrl}${PREFIX}?x=1`, 'metrics', 'network'], { REFNET_URL: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/without a query[\s\S]*\nhint: /);
    expect(asked).toEqual([]);
  });
});
