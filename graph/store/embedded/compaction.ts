/**
 * Compaction of the embedded store: every record is written to a snapshot while writes go on into
 * a fresh journal, then the journals and snapshots it supersedes are deleted. Each step leaves a
 * directory that recovers to the same records (recovery.ts); the steps are named by CompactionStep
 * so tests can stop or copy the directory at each.
 *
 * When: on compact(), and automatically once the journals pass both `compactionBytes` and
 * `compactionRatio` × the last snapshot's size (so the total work of compacting stays linear in
 * the writes); after a failure, only once as much journal again has been written.
 */
import { RECORD_KINDS, type AnyRecord, type RecordKind } from '../../records.js';
import { listDataFiles } from './data-files.js';
import type { StoreLogger } from './logger.js';
import type { RecordMaps } from './record-maps.js';
import { removeFiles } from './recovery.js';
import { SnapshotAborted, writeSnapshot, type SnapshotLists, type SnapshotStep } from './snapshot-file.js';

/** Where a compaction can be interrupted; each leaves a different set of files behind. */
export type CompactionStep = 'rotated' | SnapshotStep | 'old-files-removed';

export interface CompactionSettings {
  /** Compact automatically once the journals exceed this many bytes… */
  compactionBytes: number;
  /** …and this multiple of the last snapshot's size. */
  compactionRatio: number;
  /** False: only when compact() is called. */
  autoCompact: boolean;
  /** Records per snapshot frame. */
  snapshotChunkRecords: number;
}

/** What a compaction needs of its store. */
export interface CompactionHost {
  readonly dir: string;
  readonly logger: StoreLogger;
  isOpen(): boolean;
  /**
   * Between two commits: starts a new journal at the current version and captures every record
   * there (captureRecords); undefined when the last snapshot already holds the current version.
   */
  rotate(): Promise<{ version: number; lists: SnapshotLists } | undefined>;
  /** Throws StoreFullError when `bytes` more would take the directory past its cap. */
  reserve(bytes: number): void;
  journalBytes(): number;
  snapshotBytes(): number;
  /** The snapshot of `version` (`bytes` long) now stands alone: every older file is gone. */
  snapshotWritten(version: number, bytes: number): Promise<void>;
  onStep(step: CompactionStep): void | Promise<void>;
}

/**
 * The records of every kind as they are now. Records are never mutated in place (a put stores a
 * new object), so shallow copies are a consistent view of this version while later writes go on.
 */
export function captureRecords(maps: RecordMaps): SnapshotLists {
  const lists = {} as { [K in RecordKind]: AnyRecord[] };
  for (const kind of RECORD_KINDS) lists[kind] = [...maps[kind].values()];
  return lists;
}

/** One store's compactions: at most one at a time, automatic ones by the policy above. */
export class Compactor {
  private running: Promise<void> | undefined;
  /** After a failed automatic compaction, the journal size to reach before the next try. */
  private floor = 0;
  /** Bytes of the snapshot being written, counted against the store's cap. */
  pendingBytes = 0;
  /** Compactions completed since the store opened in this process. */
  completed = 0;

  constructor(
    private readonly host: CompactionHost,
    private readonly settings: CompactionSettings,
  ) {}

  /** Forgets the state of a previous opening. */
  reset(): void {
    this.pendingBytes = 0;
    this.floor = 0;
  }

  /** Compacts now, or joins the compaction under way. */
  run(): Promise<void> {
    this.running ??= this.compact().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Resolves once no compaction runs (its failure is the caller's of run(), not this one's). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** After a commit: starts a compaction when the journals have grown past the policy's threshold. */
  maybeRun(): void {
    if (!this.settings.autoCompact || this.running || !this.host.isOpen()) return;
    const bytes = this.host.journalBytes();
    const threshold = Math.max(this.settings.compactionBytes, this.settings.compactionRatio * this.host.snapshotBytes(), this.floor);
    if (bytes <= threshold) return;
    this.run().catch((err: unknown) => {
      // Try again only after as much journal again, rather than on every write.
      this.floor = bytes + this.settings.compactionBytes;
      if (!(err instanceof SnapshotAborted)) this.host.logger.warn({ err, dir: this.host.dir }, 'embedded store: automatic compaction failed');
    });
  }

  private async compact(): Promise<void> {
    const { host } = this;
    const captured = await host.rotate();
    if (!captured) return;
    const { version, lists } = captured;
    await host.onStep('rotated');
    let written: { name: string; bytes: number };
    try {
      written = await writeSnapshot(host.dir, version, lists, {
        chunkRecords: this.settings.snapshotChunkRecords,
        reserve: (bytes) => {
          host.reserve(bytes);
          this.pendingBytes += bytes;
        },
        onStep: async (step) => host.onStep(step),
        aborted: () => !host.isOpen(),
      });
    } finally {
      this.pendingBytes = 0;
    }
    const files = await listDataFiles(host.dir);
    await removeFiles(host.dir, [...files.journals, ...files.snapshots].filter((f) => f.version < version));
    this.completed++;
    await host.snapshotWritten(version, written.bytes);
    await host.onStep('old-files-removed');
  }
}
