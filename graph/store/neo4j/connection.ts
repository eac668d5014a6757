/**
 * Where the Neo4j adapter connects: URI, credentials and database (api/config.ts reads them
 * from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE). The defaults match the server
 * that `npm run neo4j` starts, so a local setup needs no configuration.
 */
export interface Neo4jConnection {
  /** bolt://, bolt+s://, neo4j:// or neo4j+s:// (routing: reads go to followers/replicas). */
  uri: string;
  user: string;
  password: string;
  /** The database to use; undefined = the server's default (home) database. */
  database?: string;
}

export const DEFAULT_NEO4J_PORT = 7687;
export const DEFAULT_NEO4J_URI = `neo4j://127.0.0.1:${DEFAULT_NEO4J_PORT}`;
export const DEFAULT_NEO4J_USER = 'neo4j';
/** The initial password of the local server (Neo4j requires at least 8 characters). */
export const DEFAULT_NEO4J_PASSWORD = 'refnet-local';
