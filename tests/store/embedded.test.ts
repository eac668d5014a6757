/**
 * The store conformance suite against the embedded store: once with defaults, once configured to
 * compact after every few hundred bytes and to group-commit tiny frames, so the compaction and
 * recovery paths run under every conformance test too.
 */
import { openEmbeddedStore, type EmbeddedStore, type EmbeddedStoreOptions } from '../../graph/store/embedded/index.js';
import { describeStoreConformance } from './conformance.js';
import { removeDir, tempDir } from './embedded-support.js';

function harness(options: EmbeddedStoreOptions) {
  return async () => {
    const dir = await tempDir();
    let store: EmbeddedStore = await openEmbeddedStore(dir, options);
    return {
      store,
      reopen: async () => {
        await store.close();
        store = await openEmbeddedStore(dir, options);
        return store;
      },
      forget: async () => {
        await store.compact();
        store.dropChangeLog();
      },
      cleanup: async () => {
        await store.close();
        await removeDir(dir);
      },
    };
  };
}

describeStoreConformance('embedded', harness({}));
describeStoreConformance(
  'embedded, compacting constantly',
  harness({ compactionBytes: 300, compactionRatio: 0, maxFrameBytes: 64, snapshotChunkRecords: 3 }),
);
