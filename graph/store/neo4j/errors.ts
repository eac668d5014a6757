/**
 * Driver errors → the port's domain errors, at the adapter's edge: unreachable or unavailable
 * (after the driver's own retries) → StoreUnavailableError (503), out of disk or of transaction
 * memory → StoreFullError (507).
 */
import { Neo4jError, error as neo4jErrorCodes } from 'neo4j-driver';
import { StoreFullError, StoreUnavailableError } from '../port.js';

const UNAVAILABLE_CODES = new Set<string>([
  neo4jErrorCodes.SERVICE_UNAVAILABLE,
  neo4jErrorCodes.SESSION_EXPIRED,
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
]);

/** The domain error for `err`, or `err` itself when it is not a storage condition. */
export function toStoreError(err: unknown): unknown {
  if (err instanceof StoreUnavailableError || err instanceof StoreFullError) return err;
  if (!(err instanceof Error)) return err;
  if (/no space left on device/i.test(err.message)) {
    return new StoreFullError(`Neo4j refused the write: out of disk space`, { cause: err });
  }
  if (err instanceof Neo4jError) {
    // A batch larger than the server lets transactions hold: retrying cannot help, and nothing was written.
    if (err.code === 'Neo.TransientError.General.MemoryPoolOutOfMemoryError') {
      return new StoreFullError(
        `Neo4j refused the write: it needs more transaction memory than the server allows (dbms.memory.transaction.total.max); split the batch or raise the limit: ${err.message}`,
        { cause: err },
      );
    }
    if (UNAVAILABLE_CODES.has(err.code) || err.code.startsWith('Neo.TransientError.')) {
      return new StoreUnavailableError(`Neo4j is unavailable: ${err.message}`, { cause: err });
    }
  }
  if (/ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|socket hang up/i.test(err.message)) {
    return new StoreUnavailableError(`Neo4j is unreachable: ${err.message}`, { cause: err });
  }
  return err;
}
