/**
 * `refnet backup` / `refnet restore` on Neo4j (Community has no online backup): the CLI takes the
 * consistent logical export of the database, refuses to restore into a database that holds
 * records, restores into an emptied one, and both the Neo4j and an embedded restore export byte
 * for byte what was backed up.
 */
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { workspace } from '../cli/run-cli.js';
import { describeWithNeo4j, startTestServer, wipeDatabase, type TestServer } from './neo4j-support.js';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

const SAMPLE = fileURLToPath(new URL('../../data/sample-network.json', import.meta.url));

describeWithNeo4j('refnet backup and restore on neo4j', () => {
  let server: TestServer;
  let ws: Awaited<ReturnType<typeof workspace>>;
  let neo4j: NodeJS.ProcessEnv;

  beforeAll(async () => {
    server = await startTestServer();
    await wipeDatabase(server);
    ws = await workspace();
    neo4j = { REFNET_STORE: 'neo4j', NEO4J_URI: server.uri, NEO4J_USER: server.user, NEO4J_PASSWORD: server.password };
    await copyFile(SAMPLE, join(ws.dir, 'sample.json'));
    const imported = await ws.run(['import', 'sample.json', '-f', 'json'], neo4j);
    expect(imported.code, imported.stderr).toBe(0);
  });
  afterAll(async () => {
    await ws?.cleanup();
    await server?.dispose();
  });

  it('when Neo4j is backed up, then restore refuses the database while it holds records, and an emptied one (or an embedded directory) exports byte for byte the same', async () => {
    const original = await ws.run(['export'], neo4j);
    expect(original.code, original.stderr).toBe(0);
    const backup = await ws.run(['backup', 'neo4j.backup'], neo4j);
    expect(backup.code, backup.stderr).toBe(0);
    const file = JSON.parse(await readFile(join(ws.dir, 'neo4j.backup'), 'utf8'));
    expect(file).toMatchObject({ store: 'neo4j', counts: { people: 300, interactions: 5666 } });
    expect(`${JSON.stringify(file.document, null, 2)}\n`).toBe(original.stdout);

    const refused = await ws.run(['restore', 'neo4j.backup'], neo4j);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already holds \d+ records/);

    await wipeDatabase(server);
    const restored = await ws.run(['restore', 'neo4j.backup'], neo4j);
    expect(restored.code, restored.stderr).toBe(0);
    expect((await ws.run(['export'], neo4j)).stdout).toBe(original.stdout);

    const dir = join(ws.dir, 'embedded-copy');
    expect((await ws.run(['--data', dir, 'restore', 'neo4j.backup'])).code).toBe(0);
    expect((await ws.run(['--data', dir, 'export'])).stdout).toBe(original.stdout);
  });
});
