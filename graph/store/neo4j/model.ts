/**
 * The refnet graph model in Neo4j, and the allow-list every Cypher statement takes its labels and
 * relationship types from (they cannot be parameters; nothing user-supplied ever reaches them).
 *
 *   (:Person)-[:MEMBER_OF {since, until}]->(:Group)
 *   (:Person)-[:ATTENDED]->(:Event)-[:HOSTED_BY]->(:Group)
 *   (:Person)-[:INTERACTED {id, kind, at, note}]->(:Person)
 *   (:Person)-[:REFERRED {id, at, status, value, prospect, note, changes}]->(:Person)   changes: JSON
 *   (:Company)
 *   (:Dismissal {id, person, row, kind, until, at})   a hidden "this week" row, not part of the graph
 *   (:IntroRequest {id, requester, connector, target, at, status, outcome, note, changes})
 *                                                     an intro request (changes: JSON), not part of the graph
 *
 * Interactions and referrals are relationships: they are what paths and ties are made of, and
 * Neo4j 5 community enforces uniqueness of a relationship property (their ids). Every stored
 * record carries `seq`, its first-insertion position. A node without `seq` is a placeholder for
 * an end that is referenced but not (or no longer) stored: the store is a dumb port, reference
 * checks belong to the domain, so a record never vanishes because its end did.
 */
import { RECORD_KINDS, type RecordKind } from '../../records.js';

export type NodeKind = 'person' | 'company' | 'group' | 'event' | 'dismissal' | 'introRequest';
export type RelKind = 'membership' | 'attendance' | 'interaction' | 'referral';
export type NodeLabel = 'Person' | 'Company' | 'Group' | 'Event' | 'Dismissal' | 'IntroRequest';

export const NODE_LABELS = { person: 'Person', company: 'Company', group: 'Group', event: 'Event', dismissal: 'Dismissal', introRequest: 'IntroRequest' } as const satisfies Record<
  NodeKind,
  NodeLabel
>;

export interface RelModel {
  type: 'MEMBER_OF' | 'ATTENDED' | 'INTERACTED' | 'REFERRED';
  from: NodeLabel;
  to: NodeLabel;
  /** Record fields holding the two ends' ids. */
  fromField: string;
  toField: string;
  /** 'pair': keyed by its two ends (one per pair); 'id': keyed by its own id property. */
  keyedBy: 'pair' | 'id';
}

export const REL_MODELS = {
  membership: { type: 'MEMBER_OF', from: 'Person', to: 'Group', fromField: 'person', toField: 'group', keyedBy: 'pair' },
  attendance: { type: 'ATTENDED', from: 'Person', to: 'Event', fromField: 'person', toField: 'event', keyedBy: 'pair' },
  interaction: { type: 'INTERACTED', from: 'Person', to: 'Person', fromField: 'a', toField: 'b', keyedBy: 'id' },
  referral: { type: 'REFERRED', from: 'Person', to: 'Person', fromField: 'from', toField: 'to', keyedBy: 'id' },
} as const satisfies Record<RelKind, RelModel>;

/** Event → hosting group. */
export const HOSTED_BY = 'HOSTED_BY';

/** Fields stored as Neo4j DATE/DATETIME (with the exact input kept when Neo4j would print it differently). */
export const TEMPORAL_FIELDS = {
  person: [],
  company: [],
  group: [],
  event: ['at'],
  membership: ['since', 'until'],
  attendance: [],
  interaction: ['at'],
  referral: ['at'],
  dismissal: ['until', 'at'],
  introRequest: ['at'],
} as const satisfies Record<RecordKind, readonly string[]>;

/** Record fields in schema order (exports read the same as imports). */
export const FIELDS = {
  person: ['id', 'name', 'email', 'company', 'title', 'industry', 'profession', 'location', 'tags', 'attributes', 'privateTo'],
  company: ['id', 'name', 'industry', 'size', 'location'],
  group: ['id', 'name', 'kind', 'location'],
  event: ['id', 'name', 'at', 'group', 'location'],
  membership: ['person', 'group', 'since', 'until'],
  attendance: ['person', 'event'],
  interaction: ['id', 'a', 'b', 'kind', 'at', 'note'],
  referral: ['id', 'from', 'to', 'at', 'status', 'value', 'prospect', 'note', 'changes'],
  dismissal: ['id', 'person', 'row', 'kind', 'until', 'at'],
  introRequest: ['id', 'requester', 'connector', 'target', 'at', 'status', 'outcome', 'note', 'changes'],
} as const satisfies Record<RecordKind, readonly string[]>;

/**
 * Fields holding maps or lists of maps, which Neo4j properties cannot: stored as one JSON string
 * (so a user's attribute key never becomes a property name either).
 */
export const JSON_FIELDS: ReadonlySet<string> = new Set(['attributes', 'changes']);

/** Labels of the store's own bookkeeping nodes. */
export const STATE_LABEL = 'RefnetState';
export const CHANGE_LABEL = 'RefnetChange';
export const STATE_KEY = 'store';

const KINDS = new Set<string>(RECORD_KINDS);

/** Rejects a kind outside the allow-list before it could shape a query. */
export function checkKind(kind: string): asserts kind is RecordKind {
  if (!KINDS.has(kind)) throw new TypeError(`graph/store/neo4j: unknown record kind ${JSON.stringify(kind)}`);
}

export function isNodeKind(kind: RecordKind): kind is NodeKind {
  return kind in NODE_LABELS;
}
