/**
 * Test helper: an AnalyticsEngine fed straight from a RecordSet (the same listener calls a
 * LiveNetwork makes), so unit tests can build tiny networks and apply changes one by one.
 */
import { AnalyticsEngine } from '../../graph/analytics/engine.js';
import type { AnalyticsConfigInput } from '../../graph/analytics/config.js';
import { RecordSet } from '../../graph/record-set.js';
import type { Change } from '../../graph/records.js';
import { networkDocumentSchema, type NetworkDocumentInput } from '../../graph/schema.js';

export interface TestNetwork {
  engine: AnalyticsEngine;
  records: RecordSet;
  apply(...changes: Change[]): void;
}

let auto = 0;

/** An engine over a document (ids are given to interactions and referrals that lack one). */
export function testNetwork(doc: NetworkDocumentInput, config: AnalyticsConfigInput = {}): TestNetwork {
  const parsed = networkDocumentSchema.parse(doc);
  for (const i of parsed.interactions) i.id ??= `i${++auto}`;
  for (const r of parsed.referrals) r.id ??= `r${++auto}`;
  const records = RecordSet.fromDocument(parsed);
  const engine = new AnalyticsEngine(config).attach({ subscribe: (l) => l.reset(records) });
  return {
    engine,
    records,
    apply: (...changes) => {
      for (const c of changes) {
        const previous = records.apply(c);
        engine.projection.applied(c, previous, records);
      }
    },
  };
}

/** People p1..pn with no other fields. */
export function people(...ids: string[]) {
  return ids.map((id) => ({ id, name: id }));
}

/** An interaction record. */
export function met(a: string, b: string, at: string, kind: 'met' | 'one_to_one' | 'follow_up' | 'call' | 'message' | 'introduction' = 'met', id?: string) {
  return { id: id ?? `i${++auto}`, a, b, kind, at };
}

/** A referral record. */
export function referral(from: string, to: string, at: string, status: 'passed' | 'contacted' | 'won' | 'lost' = 'passed', value?: number, id?: string) {
  return { id: id ?? `r${++auto}`, from, to, at, status, ...(value === undefined ? {} : { value }) };
}
