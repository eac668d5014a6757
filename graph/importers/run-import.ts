/**
 * The import use-case: read a file, plan it against the network as it is now, and (unless it is a
 * dry run) write the plan through the network service's atomic document import. The HTTP route
 * and the CLI's embedded mode both call this, so a file imports the same way everywhere.
 */
import type { LiveNetwork } from '../live-network.js';
import type { TextParts } from './csv-rows.js';
import { readImport, type FileFormat, type ReadOptions } from './formats.js';
import { runInSlices } from '../support/time-slices.js';
import { planImportSteps, type ExistingNetwork, type PlanOptions } from './plan.js';
import type { ImportReport } from './report.js';
import type { Actor } from '../service/permissions.js';

/** What the import needs from graph/network-service.ts (structural, so either side can evolve). */
export interface ImportService {
  readonly network: LiveNetwork;
  /** Validates and upserts a network document atomically; rejects with ValidationError. */
  importDocument(document: unknown, shape?: undefined, actor?: Actor): Promise<{ version: number }>;
}

export type ImportPhase = 'reading' | 'matching' | 'writing';

export interface ImportFileOptions extends Omit<ReadOptions, 'onProgress'>, PlanOptions {
  onProgress?: (phase: ImportPhase, fraction: number) => void;
  /** The signed-in account importing, whose write permissions apply (graph/service/permissions.ts). */
  actor?: Actor | undefined;
}

/** The stored network as the planner sees it, after catching up with other writers. */
export async function existingNetwork(network: LiveNetwork): Promise<ExistingNetwork> {
  await network.sync();
  const maps = network.records.maps;
  return { people: maps.person.values(), interactions: maps.interaction, referrals: maps.referral };
}

/** Imports file text (whole or in the parts it arrived in) in `format`; with dryRun, reports what would change and writes nothing. */
export async function importFile(service: ImportService, format: FileFormat, text: TextParts, options: ImportFileOptions = {}): Promise<ImportReport> {
  const progress = options.onProgress;
  const parsed = await readImport(format, text, {
    ...(options.map !== undefined && { map: options.map }),
    ...(options.dateOrder && { dateOrder: options.dateOrder }),
    ...(progress && { onProgress: (f: number) => progress('reading', f) }),
  });
  progress?.('matching', 0);
  const plan = await runInSlices(planImportSteps(parsed, await existingNetwork(service.network), options));
  progress?.('matching', 1);
  const { document, report } = plan;
  const changes = document.people.length + document.interactions.length + document.referrals.length;
  if (options.dryRun || changes === 0) return report;
  progress?.('writing', 0);
  const { version } = await service.importDocument(document, undefined, options.actor);
  progress?.('writing', 1);
  return { ...report, version };
}
