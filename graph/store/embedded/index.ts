/** The embedded store's public surface. */
export { ENCODE_AT_ONCE, EmbeddedStore, openEmbeddedStore, type CompactionStep, type EmbeddedStoreOptions, type EmbeddedStoreStats } from './embedded-store.js';
export { StoreCorruptError, StoreDataLossError, StoreIoError, StoreLockedError } from './errors.js';
export { encodeBatch } from './encode-batch.js';
export type { StoreLogger } from './logger.js';
