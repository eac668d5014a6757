/**
 * Builds the store the configuration names, not yet opened (createRefnet opens it).
 * The Neo4j adapter plugs in here.
 */
import type { Logger } from 'pino';
import { EmbeddedStore } from '../graph/store/embedded/index.js';
import type { StorePort } from '../graph/store/port.js';
import { Neo4jStore } from '../graph/store/neo4j/neo4j-store.js';
import { ConfigError, type Config } from './config.js';
import { dataDirState, FOREIGN_DATA_DIR } from './data-dir.js';

export async function openStore(config: Config, logger: Logger): Promise<StorePort> {
  switch (config.REFNET_STORE) {
    case 'embedded':
      if (dataDirState(config.REFNET_DATA) === 'foreign') {
        throw new ConfigError(`REFNET_DATA=${config.REFNET_DATA}: ${FOREIGN_DATA_DIR}, so no store is made there (its files and mode are left as they are); name a new or empty directory, or an existing refnet data directory`);
      }
      return new EmbeddedStore(config.REFNET_DATA, {
        logger: logger.child({ store: 'embedded' }),
        acceptDataLossTo: config.REFNET_ACCEPT_DATA_LOSS,
      });
    case 'neo4j':
      return new Neo4jStore({
        uri: config.NEO4J_URI,
        user: config.NEO4J_USER,
        password: config.NEO4J_PASSWORD,
        database: config.NEO4J_DATABASE,
      });
  }
}
