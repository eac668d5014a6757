/**
 * The neo4j.conf the launcher writes into its data directory: Bolt only, on loopback, data and
 * logs inside the directory, modest memory (the machine is shared), no phoning home.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServerLayout {
  /** NEO4J_HOME: conf/, data/, logs/, run/ live under it. */
  home: string;
  conf: string;
  data: string;
  logs: string;
  run: string;
}

/** The directories of a server kept under `dir`. */
export function serverLayout(dir: string): ServerLayout {
  return { home: dir, conf: join(dir, 'conf'), data: join(dir, 'data'), logs: join(dir, 'logs'), run: join(dir, 'run') };
}

export interface ServerSettings {
  host: string;
  port: number;
  auth: boolean;
  pageCache: string;
  /** dbms.memory.transaction.total.max; undefined keeps Neo4j's default (70 % of the heap). */
  transactionMemory?: string;
}

/** Writes conf/neo4j.conf (rewritten at every start so a new port or auth setting applies). */
export function writeServerConfig(layout: ServerLayout, settings: ServerSettings): void {
  for (const dir of [layout.conf, layout.data, layout.logs, layout.run]) mkdirSync(dir, { recursive: true });
  const address = `${settings.host}:${settings.port}`;
  const lines = [
    '# Written by scripts/neo4j/launcher.ts at every start; edits are overwritten.',
    `server.default_listen_address=${settings.host}`,
    `server.default_advertised_address=${settings.host}`,
    'server.bolt.enabled=true',
    `server.bolt.listen_address=${address}`,
    // The advertised address is what neo4j:// routing tables hand out to drivers.
    `server.bolt.advertised_address=${address}`,
    'server.http.enabled=false',
    'server.https.enabled=false',
    `server.directories.data=${layout.data}`,
    `server.directories.logs=${layout.logs}`,
    `server.directories.run=${layout.run}`,
    `server.memory.pagecache.size=${settings.pageCache}`,
    // Large imports are one transaction: keep its state off the (small) heap.
    'db.tx_state.memory_allocation=OFF_HEAP',
    ...(settings.transactionMemory ? [`dbms.memory.transaction.total.max=${settings.transactionMemory}`] : []),
    `dbms.security.auth_enabled=${settings.auth}`,
    'dbms.usage_report.enabled=false',
    'db.logs.query.enabled=OFF',
  ];
  writeFileSync(join(layout.conf, 'neo4j.conf'), `${lines.join('\n')}\n`);
}
