/**
 * Where the CLI's commands run: a refnet server (REFNET_URL or --url), or the embedded store in
 * the data directory (REFNET_DATA or --data, default ./.refnet), opened in this process.
 * The store allows one process per directory; when a server holds it, the message says to use
 * REFNET_URL instead.
 */
import type { Refnet } from '../../api/compose.js';
import type { RunningServer } from '../../api/server.js';
import { importFile, type ImportFileOptions } from '../../graph/importers/run-import.js';
import type { FileFormat } from '../../graph/importers/formats.js';
import type { FileImportReport } from '../../graph/importers/report.js';
import type { ExportedDocument } from '../../graph/schema.js';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBackup, type Backup } from '../../graph/service/backup.js';
import { NotFoundError } from '../../graph/service/errors.js';
import { dataDirState, FOREIGN_DATA_DIR } from '../../api/data-dir.js';
import { CliError, EXIT_USAGE, usageError } from './errors.js';
import { HttpClient } from './http-client.js';
import { listQuerySchemas } from '../../graph/service/list-queries.js';

/** People a name search reads at most (a name is meant to find one or a few). */
const NAME_SEARCH_LIMIT = 500;

export interface GlobalOptions {
  url?: string;
  data?: string;
  apiKey?: string;
  json?: boolean;
  /** Show ids beside names in tables. */
  ids?: boolean;
  /** ISO 4217 code money values are shown in. */
  currency?: string;
}

/** Told the bytes of a file sent to a server so far, of the total. */
export type UploadProgress = (sent: number, total: number) => void;

export interface Backend {
  readonly describe: string;
  /** A server over HTTP: the work happens there, so this process can only show the upload. */
  readonly remote: boolean;
  /** An HTTP client for the API (the embedded mode serves it on a private loopback port). */
  http(): Promise<HttpClient>;
  /** `onUpload` is called by a remote backend only (the embedded one reports options.onProgress). */
  importFile(format: FileFormat, text: string, options: ImportFileOptions, onUpload?: UploadProgress): Promise<FileImportReport>;
  /** Imports a network document (JSON); returns the service's import report. */
  importDocument(text: string, onUpload?: UploadProgress): Promise<unknown>;
  exportDocument(): Promise<ExportedDocument>;
  /** A consistent snapshot (the export at one version) of the running store, or of the data directory. */
  backup(): Promise<Backup>;
  /**
   * The person with this id, or undefined. Embedded: read from the store itself, with no API key
   * (it works after accounts or keys ended local mode, as `refnet users create` needs).
   */
  /** A person by id (the fields an account needs: who it is, and whose private contact), undefined when no one has it. */
  personById(id: string): Promise<{ id: string; name: string; privateTo?: string } | undefined>;
  /** People whose name or company contains the text (the list search, GET /api/people?q=), read as personById reads. */
  peopleMatching(text: string): Promise<{ id: string; name: string; privateTo?: string }[]>;
  close(): Promise<void>;
}

export interface BackendUse {
  /**
   * The command may create the data directory (`import`): it brings data. Every other command
   * needs data already there, so a directory that does not exist (a mistyped --data) is refused
   * rather than made into an empty store that answers with nothing.
   */
  creates?: boolean;
  /**
   * A dry run (`import --dry-run`): it writes nothing, so it creates nothing either. A data
   * directory that does not exist is read as the empty store it would be, from a scratch
   * directory removed again on close, and the one named is left as it was (absent).
   */
  dryRun?: boolean;
}

/** The data directory the options and environment name (the embedded store's). */
export function dataDir(opts: GlobalOptions): string {
  return opts.data ?? (process.env.REFNET_DATA || undefined) ?? './.refnet';
}

/**
 * The backend the options and environment ask for. Nothing is opened yet: a command checks its
 * options first, so a mistake in them is reported before a missing data directory.
 */
export function backendFor(opts: GlobalOptions, use: BackendUse = {}): Backend {
  const url = opts.url ?? process.env.REFNET_URL;
  const apiKey = opts.apiKey ?? process.env.REFNET_API_KEY;
  if (url) return remote(url, apiKey);
  const dir = dataDir(opts);
  if (use.creates && use.dryRun && process.env.REFNET_STORE !== 'neo4j' && !existsSync(dir)) return emptyScratch(dir, apiKey);
  return embedded(dir, apiKey, () => requireDataDir(opts, use));
}

/** The embedded backend over an empty scratch directory, standing in for `dir`, which does not exist. */
function emptyScratch(dir: string, apiKey: string | undefined): Backend {
  let scratch: string | undefined;
  const backend = embedded(() => (scratch ??= mkdtempSync(join(tmpdir(), 'refnet-dry-run-'))), apiKey);
  return {
    ...backend,
    describe: `data directory ${dir} (which does not exist yet: read as empty)`,
    async close() {
      try {
        await backend.close();
      } finally {
        if (scratch) rmSync(scratch, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Refuses a data directory that is not refnet's (--data, REFNET_DATA or ./.refnet): one holding
 * other files and none of refnet's (api/data-dir.ts), and, unless the command brings data
 * (`creates`: import), one that does not exist (a mistyped --data would otherwise answer with
 * nothing). An empty directory is a new store's. Neo4j keeps its records elsewhere, so the check
 * is for the embedded store only.
 */
export function requireDataDir(opts: GlobalOptions, use: { creates?: boolean } = {}): void {
  if (process.env.REFNET_STORE === 'neo4j') return;
  const dir = dataDir(opts);
  const state = dataDirState(dir);
  if (state === 'empty' || state === 'refnet' || (state === 'missing' && use.creates)) return;
  const from = opts.data !== undefined ? '--data' : process.env.REFNET_DATA ? 'REFNET_DATA' : 'the default';
  throw new CliError(
    `no refnet data in ${dir} (${from}): ${state === 'missing' ? 'no such directory' : FOREIGN_DATA_DIR}`,
    EXIT_USAGE,
    use.creates
      ? 'name a new or empty directory, or an existing refnet data directory, with --data or REFNET_DATA; nothing was created or changed'
      : 'check --data or REFNET_DATA (or set REFNET_URL to use a server); `refnet import FILE` creates the data directory; nothing was created or changed',
  );
}

function remote(url: string, apiKey?: string): Backend {
  if (!/^https?:\/\//.test(url) || !URL.canParse(url)) throw usageError(`REFNET_URL / --url must be an http(s) URL, got "${url}"`, 'e.g. http://127.0.0.1:3000, or http://host/refnet when a reverse proxy serves refnet under /refnet/');
  const parsed = new URL(url);
  if (parsed.search || parsed.hash) throw usageError(`REFNET_URL / --url is the server's address and base path, without a query or fragment, got "${url}"`, 'e.g. http://host/refnet: requests go to http://host/refnet/api/…');
  const client = new HttpClient(url, apiKey);
  return {
    describe: `server ${url}`,
    remote: true,
    http: async () => client,
    importFile: (format, text, o, onUpload) =>
      client.post<FileImportReport>('/api/import', text, format === 'vcard' ? 'text/vcard; charset=utf-8' : 'text/csv; charset=utf-8', {
        format: format === 'vcard' ? undefined : format,
        map: o.map,
        dryRun: o.dryRun || undefined,
        owner: o.owner,
        shared: o.shared || undefined,
        update: o.update,
        dateOrder: o.dateOrder,
      }, onUpload),
    importDocument: (text, onUpload) => client.post('/api/import', text, 'application/json', {}, onUpload),
    exportDocument: () => client.get<ExportedDocument>('/api/export'),
    backup: () => client.get<Backup>('/api/admin/backup'),
    personById: (id) => client.find<{ id: string; name: string; privateTo?: string }>(`/api/people/${encodeURIComponent(id)}`),
    peopleMatching: async (text) => (await client.get<{ items: { id: string; name: string; privateTo?: string }[] }>('/api/people', { q: text, limit: NAME_SEARCH_LIMIT })).items,
    close: async () => undefined,
  };
}

/** `mustExist` runs before the store is first opened (a command that does not create the directory). */
function embedded(dir: string | (() => string), apiKey: string | undefined, checkDir?: () => void): Backend {
  let refnet: Promise<Refnet> | undefined;
  let server: RunningServer | undefined;
  const open = () => {
    if (!refnet) checkDir?.();
    return (refnet ??= openEmbedded(typeof dir === 'string' ? dir : dir()));
  };
  return {
    describe: `data directory ${typeof dir === 'string' ? dir : 'in a scratch directory'}`,
    remote: false,
    async http() {
      const r = await open();
      if (!server) {
        const { startServer } = await import('../../api/server.js');
        server = await startServer(r.app, { port: 0, host: '127.0.0.1' });
      }
      return new HttpClient(server.url, apiKey);
    },
    importFile: async (format, text, o) => importFile((await open()).service, format, text, o),
    importDocument: async (text) => (await open()).service.importDocument(parseJson(text)),
    exportDocument: async () => (await open()).service.exportDocument(),
    async backup() {
      const r = await open();
      return makeBackup(await r.service.snapshot(), r.store.kind);
    },
    async personById(id) {
      const { service } = await open();
      try {
        return await service.get('person', id);
      } catch (err) {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      }
    },
    async peopleMatching(text) {
      const { service } = await open();
      return (await service.list('person', listQuerySchemas.person.parse({ q: text, limit: String(NAME_SEARCH_LIMIT) }))).items;
    },
    async close() {
      await server?.stop(1000);
      // A store that failed to open has nothing to close; its failure reached whoever opened it.
      if (refnet) await (await refnet.catch(() => undefined))?.close();
    },
  };
}

/**
 * Opens the store the environment configures (the data directory, or Neo4j with
 * REFNET_STORE=neo4j) in this process. Its failures (directory in use, damaged, unwritable, a bad
 * setting) are told apart in failures.ts.
 */
export async function openEmbedded(dir: string): Promise<Refnet> {
  const [{ createRefnet }, { loadConfig }] = await Promise.all([import('../../api/compose.js'), import('../../api/config.js')]);
  return createRefnet(loadConfig({ ...process.env, REFNET_DATA: dir, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' }));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw usageError(`the file is not valid JSON: ${(err as Error).message}`, 'a network document is the JSON that `refnet export` writes');
  }
}
