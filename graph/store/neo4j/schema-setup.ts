/**
 * Constraints, indexes and the state node, created idempotently when the adapter opens (several
 * instances may open at once: IF NOT EXISTS and MERGE on a constrained key make that safe).
 * Constraint and index names are prefixed refnet_ so they are easy to tell apart from a user's.
 */
import type { Driver } from 'neo4j-driver';
import { CHANGE_LABEL, NODE_LABELS, REL_MODELS, STATE_KEY, STATE_LABEL } from './model.js';

const STATEMENTS = [
  ...Object.values(NODE_LABELS).map(
    (label) => `CREATE CONSTRAINT refnet_${label.toLowerCase()}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
  ),
  ...Object.values(REL_MODELS)
    .filter((rel) => rel.keyedBy === 'id')
    .map(
      (rel) =>
        `CREATE CONSTRAINT refnet_${rel.type.toLowerCase()}_id IF NOT EXISTS FOR ()-[r:${rel.type}]-() REQUIRE r.id IS UNIQUE`,
    ),
  `CREATE CONSTRAINT refnet_state_key IF NOT EXISTS FOR (s:${STATE_LABEL}) REQUIRE s.key IS UNIQUE`,
  `CREATE CONSTRAINT refnet_change_batch IF NOT EXISTS FOR (c:${CHANGE_LABEL}) REQUIRE c.batch IS UNIQUE`,
  `CREATE INDEX refnet_change_version IF NOT EXISTS FOR (c:${CHANGE_LABEL}) ON (c.version)`,
  // Range indexes a Cypher user reaches for: people by industry, referrals and interactions by date.
  'CREATE INDEX refnet_person_industry IF NOT EXISTS FOR (n:Person) ON (n.industry)',
  'CREATE INDEX refnet_referred_at IF NOT EXISTS FOR ()-[r:REFERRED]-() ON (r.at)',
  'CREATE INDEX refnet_interacted_at IF NOT EXISTS FOR ()-[r:INTERACTED]-() ON (r.at)',
];

/** Creates what is missing and waits for the indexes to come online. */
export async function setUpSchema(driver: Driver, database: string | undefined): Promise<void> {
  for (const statement of STATEMENTS) {
    await driver.executeQuery(statement, {}, { database });
  }
  await driver.executeQuery(
    `MERGE (s:${STATE_LABEL} {key: $key}) ON CREATE SET s.version = 0, s.seq = 0, s.visible = 0, s.floor = 0`,
    { key: STATE_KEY },
    { database },
  );
  await driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database });
}
