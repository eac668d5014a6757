/**
 * Builds the store the configuration names, not yet opened (createRefnet opens it).
 * The Neo4j adapter plugs in here.
 */
import type { Logger } from 'pino';
import { EmbeddedStore } from '../graph/store/embedded/index.js';
import type { StorePort } from '../graph/store/port.js';
import { ConfigError, type Config } from './config.js';

export async function openStore(config: Config, logger: Logger): Promise<StorePort> {
  switch (config.REFNET_STORE) {
    case 'embedded':
      return new EmbeddedStore(config.REFNET_DATA, { logger: logger.child({ store: 'embedded' }) });
    case 'neo4j':
      throw new ConfigError('REFNET_STORE=neo4j: the Neo4j adapter is not wired in yet (api/open-store.ts)');
  }
}
