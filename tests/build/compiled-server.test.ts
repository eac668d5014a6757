/**
 * The build (scripts/build.mjs) run for real, then refnet run the way a deployment runs it: a copy
 * of the project whose node_modules holds only the production dependencies (no tsx, Vite,
 * TypeScript), started with plain `node` as `npm start` does. The pages, the OpenAPI document,
 * the bundled sample, the pooled workers (a large JSON import, a large CSV import, a map above the
 * client-layout limit) and the compiled CLI must work there.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFF_THREAD_BYTES as FILE_OFF_THREAD_BYTES } from '../../api/file-import-off-thread.js';
import { OFF_THREAD_BYTES } from '../../api/json-document-body.js';
import { WORKER_LAYOUT_MIN_NODES } from '../../graph/map/layout.js';
import { DIST, ROOT, ensureBuilt } from '../../scripts/build.mjs';
import { startCommand } from '../../scripts/start-command.js';

/** What a deployment has besides node_modules: the sources (for the staleness check), the build, the sample. */
const COPIED = ['api', 'graph', 'scripts', 'viz', 'data', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
const DEV_ONLY = ['tsx', 'vite', 'typescript', 'esbuild', 'rolldown', 'vitest'];

let dir: string;
let server: ChildProcess;
let url: string;
let stderr = '';
let firstPageMs: number;

/** node_modules in `root`: links to the shared install's production packages only (package-lock.json's non-dev entries). */
async function productionModules(root: string): Promise<void> {
  const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.startsWith('node_modules/') || path.lastIndexOf('node_modules/') !== 0 || entry.dev || entry.devOptional) continue;
    await mkdir(dirname(join(root, path)), { recursive: true });
    await symlink(join(ROOT, path), join(root, path)).catch(() => undefined); // absent optional packages
  }
}

/** Plain node, no loader: NODE_OPTIONS cleared so nothing of the test runner's reaches the child. */
function nodeEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, NODE_OPTIONS: '', REFNET_FROM_SOURCE: '', REFNET_URL: '', REFNET_API_KEY: '', ...extra };
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: dir, env: nodeEnv(env), maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'refnet-build-'));
  for (const name of COPIED) await cp(join(ROOT, name), join(dir, name), { recursive: true, filter: (src) => !src.includes('node_modules') });
  await cp(DIST, join(dir, 'dist'), { recursive: true });
  await productionModules(dir);

  const { check, env, flags, script } = startCommand(ROOT);
  const serve = [...flags, script];
  const stamp = await readFile(join(dir, 'dist', '.build-hash'), 'utf8');
  const checked = await run(check);
  expect(checked.code).toBe(0);
  // Fresh: nothing rebuilt (a rebuild would fail here anyway, without TypeScript and Vite).
  expect(await readFile(join(dir, 'dist', '.build-hash'), 'utf8')).toBe(stamp);
  expect(checked.stderr).toBe('');

  server = spawn(process.execPath, serve, { cwd: dir, env: nodeEnv({ ...env, PORT: '0', HOST: '127.0.0.1', REFNET_DATA: join(dir, 'data-dir'), LOG_LEVEL: 'info', BODY_LIMIT: '4mb' }), stdio: ['ignore', 'pipe', 'pipe'] });
  server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout! }).on('line', (line) => {
      const m = /"url":"(http:\/\/[^"]+)"/.exec(line);
      if (m) resolve(m[1]!);
    });
    server.once('exit', (code) => reject(new Error(`the compiled server exited (${code}) before listening:\n${stderr}`)));
  });
  const t = performance.now();
  const page = await fetch(`${url}/`);
  firstPageMs = performance.now() - t;
  expect(page.status).toBe(200);
});

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((done) => server.once('exit', done));
    server.kill('SIGTERM');
    await exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('refnet built and run with plain node, without dev dependencies', () => {
  it('when the deployment copy is made, then it has no tsx, Vite or TypeScript to load', async () => {
    const found = await run(['--input-type=module', '-e', `for (const m of ${JSON.stringify(DEV_ONLY)}) { try { import.meta.resolve(m); console.log(m) } catch {} }`]);
    expect(found.stdout.trim()).toBe('');
  });

  it('when the first page is asked right after start, then it answers from the build in well under a second, with the page headers', async () => {
    expect(firstPageMs).toBeLessThan(1000);
    const page = await fetch(`${url}/`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("worker-src 'self' blob:");
    const html = await page.text();
    const asset = /(?:src|href)="(\/assets\/[^"]+)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const file = await fetch(`${url}${asset}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${url}/report.html`)).status).toBe(200);
  });

  it('when the OpenAPI document and the bundled sample are asked, then both answer', async () => {
    const openapi = await fetch(`${url}/api/openapi.json`);
    expect(openapi.status).toBe(200);
    expect(((await openapi.json()) as { openapi: string }).openapi).toMatch(/^3\./);
    const sample = await fetch(`${url}/api/map/sample`);
    expect(sample.status).toBe(200);
    expect(((await sample.json()) as { people: unknown[] }).people.length).toBeGreaterThan(0);
  });

  it('when a large JSON document is imported and a map above the client-layout limit is asked, then the pooled workers answer', async () => {
    const n = WORKER_LAYOUT_MIN_NODES + 100;
    const people = Array.from({ length: n }, (_, i) => ({ id: `p-${i}`, name: `Person ${i}` }));
    const interactions = people.slice(1).map((p, i) => ({ a: people[i]!.id, b: p.id, at: '2024-01-01', kind: 'call' }));
    const text = JSON.stringify({ people, interactions }).padEnd(OFF_THREAD_BYTES + 1, ' ');
    const imported = await fetch(`${url}/api/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
    expect(imported.status, await imported.clone().text()).toBe(200);
    expect(((await imported.json()) as { created: { people: number } }).created.people).toBe(n);

    const map = await fetch(`${url}/api/map?view=all&asOf=2024-06-01`);
    expect(map.status).toBe(200);
    const body = (await map.json()) as { layout: string; nodes: { x?: number; y?: number }[] };
    expect(body.layout).toBe('server');
    expect(body.nodes.length).toBe(n);
    expect(body.nodes.every((node) => Number.isFinite(node.x) && Number.isFinite(node.y))).toBe(true);
    expect(stderr).not.toMatch(/layout worker failed/);
  });

  it('when a large CSV file is dry-run, then the pooled file-import worker reads and plans it', async () => {
    const lines = ['name,email,company'];
    for (let i = 0; lines.join('\n').length <= FILE_OFF_THREAD_BYTES; i++) lines.push(`Csv Person ${i},csv${i}@example.org,Firm ${i % 9}`);
    const imported = await fetch(`${url}/api/import?format=people&dryRun=true`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: `${lines.join('\n')}\n` });
    expect(imported.status, await imported.clone().text()).toBe(200);
    const report = (await imported.json()) as { people: { created: number }; changes: unknown[] };
    expect(report.people.created).toBe(lines.length - 1);
    expect(report.changes).toHaveLength(lines.length - 1);
  });

  it('when the background kernels run compiled, then betweenness and communities come from their worker threads', async () => {
    // A path a – b – c: b lies on the one shortest path between a and c, both ways.
    const script = `
      const { brandesInWorkers } = await import('./dist/server/graph/analytics/kernels/parallel-brandes.js');
      const { communitiesInBackground } = await import('./dist/server/graph/analytics/background-communities.js');
      const graph = { n: 3, ids: ['a', 'b', 'c'], alive: new Uint8Array([1, 1, 1]), start: new Int32Array([0, 1, 3]), deg: new Int32Array([1, 2, 1]), targets: new Int32Array([1, 0, 2, 1]) };
      const raw = await brandesInWorkers(graph, [0, 1, 2], 2);
      const communities = await communitiesInBackground(graph, 7, 1, () => { throw new Error('communities ran on the main thread'); });
      console.log(JSON.stringify({ raw: [...raw], members: communities.membership.size }));`;
    const r = await run(['--input-type=module', '-e', script]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ raw: [0, 2, 0], members: 3 });
  });

  it('when the refnet bin runs in the deployment copy, then it runs the compiled CLI without building', async () => {
    const r = await run(['scripts/refnet.mjs', '--json', 'metrics', 'network'], { REFNET_URL: url, LOG_LEVEL: 'silent' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { people: number }).people).toBe(WORKER_LAYOUT_MIN_NODES + 100);
  });
});
