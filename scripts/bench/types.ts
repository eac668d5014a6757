/**
 * The benchmark harness contract. A section is a module in scripts/bench/sections/ exporting a
 * `Section`; it is registered once in sections/index.ts and selected with `--only name,...`.
 * It measures through the context (shared document, temp dirs, server child processes, peers)
 * and returns figures; the harness prints them, saves them as JSON and writes them into
 * docs/BENCHMARKS.md.
 */
import type { NetworkDocument } from '../../graph/schema.js';
import type { PeerRun, PeerTool } from './peers.js';
import type { ServerHandle, ServerOptions } from './server-process.js';

/** A target the figure is checked against ("≥ 50,000 records/s"). */
export interface Target {
  op: '>=' | '<=';
  value: number;
}

/** One measured number. */
export interface Figure {
  /** Stable key for the JSON results (snake_case). */
  key: string;
  /** Human label for the table. */
  label: string;
  /** The median over rounds (or the single value); null when it could not be measured. */
  value: number | null;
  unit: string;
  /** Every round's value, when measured over rounds. */
  rounds?: number[];
  target?: Target;
  /** Short free text shown beside the figure (peer name, method, reason for null). */
  note?: string;
}

export interface SectionResult {
  figures: Figure[];
  /** Free-text lines for the docs (method details, "peer not available", where time went). */
  notes: string[];
}

export interface Section {
  /** Short name used by --only. */
  name: string;
  /** Heading in the table and docs. */
  title: string;
  /** One paragraph on what is measured and how; written into docs/BENCHMARKS.md. */
  method: string;
  run(ctx: BenchContext): Promise<SectionResult>;
}

/** Size of the generated benchmark network. */
export interface BenchSize {
  people: number;
  records: number;
  seed: number;
}

export interface BenchContext {
  /** Repository root (absolute). */
  root: string;
  /** .bench directory (absolute), for caches and results. */
  benchDir: string;
  size: BenchSize;
  /** Rounds to take medians over (sections may use fewer for very slow steps, and say so). */
  rounds: number;
  /** How many times larger the scale section's second network is (people and records), default 10. */
  scaleFactor: number;
  /** Path of the generated network document for `size` (or another size), generated once and cached by seed+size. */
  documentPath(size?: BenchSize): Promise<string>;
  /** The parsed document (parsed once per run, shared by sections; the parse time is recorded). */
  document(): Promise<NetworkDocument>;
  /** Seconds JSON.parse took when document() first ran. */
  parseSeconds(): number | undefined;
  /** A fresh temporary directory, removed when the run ends. */
  tempDir(prefix: string): Promise<string>;
  /** Starts the real server (compiled, as npm start runs it) as a child process; stopped when the run ends. */
  startServer(options: ServerOptions): Promise<ServerHandle>;
  /** ../shared/peers when present (never in CI or for users), else undefined. */
  peersDir: string | undefined;
  /** Runs a peer tool on a document; `{available: false, reason}` when it cannot run here. */
  runPeer(tool: PeerTool, documentPath: string, args?: string[]): Promise<PeerRun>;
  /** Progress line on stderr. */
  log(message: string): void;
}
