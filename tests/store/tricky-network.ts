/**
 * A small network of all nine kinds whose strings and numbers are chosen to break a careless
 * adapter: non-ASCII text, Cypher/JSON injection, keys with quotes and backticks, attribute maps,
 * empty and non-empty tags, large and fractional values, dates with offsets and fractions that
 * must come back exactly as written, and optional fields left out (never null).
 */
import { COLLECTION_OF, RECORD_KINDS, type AnyRecord, type Change } from '../../graph/records.js';
import { MAX_MONEY, type NetworkDocument } from '../../graph/schema.js';

export const INJECTION = '"}) DETACH DELETE n //';
export const QUOTED_ID = `p-'quote"double\`back\`tick\\slash`;

/** Every collection filled; passes networkDocumentSchema. */
export function trickyNetwork(): NetworkDocument {
  return {
    people: [
      {
        id: 'p1',
        name: 'Zoë Ångström-Nakamura 中村 🤝',
        email: 'zoe@example.org',
        company: 'Ça Va Café',
        title: 'Gérante',
        industry: 'Hospitality',
        profession: 'Restaurateur',
        location: 'Zürich',
        tags: ['chapter-lead', 'étoile', '名人'],
        attributes: { department: 'Food & Beverage', club: 'Lions', 'a.b': 'dotted', constructor: 'not a function', $where: '1==1' },
      },
      { id: QUOTED_ID, name: INJECTION, company: "Robert'); DROP TABLE people;--", tags: [], attributes: {} },
      {
        id: 'p3 with spaces',
        name: 'مريم الحسن',
        industry: 'Finance',
        attributes: { 'key with `backtick`': 'value with "quotes"', 'line\nbreak': 'tab\there' },
        privateTo: QUOTED_ID, // a private contact (of a person whose id holds quotes)
      },
      { id: 'p4', name: 'Plain Person' },
    ],
    companies: [
      { id: 'c1', name: 'Ça Va Café', industry: 'Hospitality', size: 12, location: 'Zürich' },
      { id: 'c2', name: INJECTION, size: '11-50' },
      { id: 'c3', name: 'Big Corp', size: 250000 },
    ],
    groups: [
      { id: 'g1', name: 'BNI Zürich — Alpha', kind: 'chapter', location: 'Zürich' },
      { id: 'g`2`', name: 'MATCH (n) RETURN n', kind: 'online' },
    ],
    memberships: [
      { person: 'p1', group: 'g1', since: '2023-01-15', until: '2024-12-31' },
      { person: QUOTED_ID, group: 'g`2`', since: '2024-02-29T08:00:00+01:00' },
      { person: 'p4', group: 'g1' },
    ],
    events: [
      { id: 'e1', name: 'Breakfast meeting', at: '2024-03-01T07:00:00.123Z', group: 'g1', location: 'Hotel Baur' },
      { id: 'e2', name: 'Open mixer', at: '2024-03-15' },
    ],
    attendance: [
      { person: 'p1', event: 'e1' },
      { person: QUOTED_ID, event: 'e1' },
      { person: 'p4', event: 'e2' },
    ],
    interactions: [
      { id: 'i1', a: 'p1', b: QUOTED_ID, kind: 'one_to_one', at: '2024-03-02T10:30:00-05:00', note: 'Café ☕ — "great" talk' },
      { id: 'i2', a: 'p3 with spaces', b: 'p4', kind: 'met', at: '2024-03-15' },
    ],
    referrals: [
      { id: 'r1', from: 'p1', to: QUOTED_ID, at: '2024-04-01', status: 'won', value: 1234567.89, prospect: 'Ärzte AG', note: INJECTION },
      { id: 'r2', from: QUOTED_ID, to: 'p1', at: '2024-04-02T12:00:00Z', status: 'passed' },
      { id: 'r3', from: 'p4', to: 'p1', at: '2024-05-01', status: 'won', value: MAX_MONEY },
      { id: 'r4', from: 'p1', to: 'p4', at: '2024-05-02', status: 'lost', value: 0.30000000000000004 },
      { id: 'r5', from: 'p3 with spaces', to: 'p4', at: '2024-05-03', status: 'contacted', value: 0 },
    ],
    dismissals: [
      { id: 'd1', person: 'p1', row: `dormant:${INJECTION}`, kind: 'snoozed', until: '2024-06-01T08:00:00.5+02:00', at: '2024-05-20' },
      { id: 'd2', person: QUOTED_ID, row: 'owed:p1', kind: 'not_relevant', at: '2024-05-21T10:00:00Z' },
    ],
    introRequests: [
      {
        id: `q1 ${INJECTION}`,
        requester: 'p1',
        connector: QUOTED_ID,
        target: 'p4',
        at: '2024-05-22T09:30:00.25+02:00',
        status: 'outcome',
        outcome: 'referral',
        note: `asked on a path ${INJECTION}`,
        changes: [
          { status: 'asked', at: '2024-05-22T09:30:00.25+02:00' },
          { status: 'made', at: '2024-05-23' },
          { status: 'outcome', at: '2024-06-01T00:00:00Z' },
        ],
      },
      { id: 'q2', requester: 'p4', connector: 'p1', target: 'p3 with spaces', at: '2024-05-24', status: 'asked', changes: [] },
    ],
  };
}

/** Put changes for every record of a document, in dependency order. */
export function putsOf(doc: NetworkDocument): Change[] {
  const out: Change[] = [];
  for (const kind of RECORD_KINDS) {
    for (const record of doc[COLLECTION_OF[kind]] as AnyRecord[]) out.push({ op: 'put', kind, record } as Change);
  }
  return out;
}
