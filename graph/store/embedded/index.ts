/** The embedded store's public surface. */
export type { CompactionStep } from './compaction.js';
export { ENCODE_AT_ONCE, EmbeddedStore, openEmbeddedStore, type EmbeddedStoreOptions, type EmbeddedStoreStats } from './embedded-store.js';
export { StoreCorruptError, StoreDataLossError, StoreIoError, StoreLockedError } from './errors.js';
export { encodeBatch } from './encode-batch.js';
export type { StoreLogger } from './logger.js';
