/**
 * Property test: random batches of puts and deletes, interleaved with compactions, reopens and
 * concurrent group commits, always leave the embedded store equal to a plain Map model — same
 * records, same order, same version, and changesSince replaying exactly onto an older copy.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../graph/records.js';
import type { Person } from '../../graph/schema.js';
import { openEmbeddedStore, type EmbeddedStore } from '../../graph/store/embedded/index.js';
import { removeDir, tempDir } from './embedded-support.js';

type Step =
  | { kind: 'batch'; changes: Change[] }
  | { kind: 'concurrent'; batches: Change[][] }
  | { kind: 'compact' }
  | { kind: 'reopen' };

const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'ü', '"q"', '`t`');
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ id, name: fc.string({ minLength: 1, maxLength: 8 }) }).map((record): Change => ({ op: 'put', kind: 'person', record })),
  id.map((key): Change => ({ op: 'delete', kind: 'person', key })),
);
const batch = fc.array(change, { minLength: 1, maxLength: 6 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: batch.map((changes) => ({ kind: 'batch' as const, changes })) },
  { weight: 2, arbitrary: fc.array(batch, { minLength: 2, maxLength: 5 }).map((batches) => ({ kind: 'concurrent' as const, batches })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'compact' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reopen' as const }) },
);

function applyToModel(model: Map<string, Person>, changes: Change[]): void {
  for (const c of changes) {
    // JSON-clean copies: fast-check's records carry their own prototype, the store's are plain.
    if (c.op === 'put') model.set((c.record as Person).id, JSON.parse(JSON.stringify(c.record)) as Person);
    else model.delete(c.key);
  }
}

describe('embedded store against a Map model', () => {
  it('when random batches, compactions and reopens run, then the store always equals the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const dir = await tempDir();
        const options = { compactionBytes: 200, compactionRatio: 0.5, snapshotChunkRecords: 2 };
        let store: EmbeddedStore = await openEmbeddedStore(dir, options);
        const model = new Map<string, Person>();
        let version = 0;
        try {
          for (const s of steps) {
            if (s.kind === 'batch') {
              version = await store.apply(s.changes);
              applyToModel(model, s.changes);
            } else if (s.kind === 'concurrent') {
              const versions = await Promise.all(s.batches.map((b) => store.apply(b)));
              expect(versions).toStrictEqual(versions.map((_, i) => version + i + 1));
              for (const b of s.batches) applyToModel(model, b);
              version = versions.at(-1)!;
            } else if (s.kind === 'compact') {
              await store.compact();
            } else {
              await store.close();
              store = await openEmbeddedStore(dir, options);
            }
            const { version: v, document } = await store.readAll();
            expect(v).toBe(version);
            expect(document.people).toStrictEqual([...model.values()]);
          }
          // Whatever history the store still holds replays exactly onto the state it started from.
          const since = await store.changesSince(0);
          if (since) {
            const replayed = new Map<string, Person>();
            applyToModel(replayed, since.changes);
            expect([...replayed.values()]).toStrictEqual([...model.values()]);
          }
        } finally {
          await store.close();
          await removeDir(dir);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
