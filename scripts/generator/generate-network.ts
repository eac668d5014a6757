/**
 * The generator pipeline: population → groups and memberships → events and attendance → ties →
 * interactions → referrals, yielded collection by collection in document order so that a writer
 * can stream them. Only compact typed arrays are kept; records are built as they are yielded.
 */
import { emptyDocument, type NetworkDocument } from '../../graph/schema.js';
import { activityRecords } from './activity-records.js';
import { Calendar } from './dates.js';
import { attendanceRecords, buildGroups, eventRecords, membershipRecords, planEvents } from './groups.js';
import { resolveOptions, splitBudget, type GeneratorOptions } from './options.js';
import { buildPopulation, personRecords } from './population.js';

export type Collection = keyof NetworkDocument;
type RecordOf<C extends Collection> = NetworkDocument[C][number];
/** One generated record and the collection it belongs to. */
export type GeneratedRecord = { [C in Collection]: { collection: C; record: RecordOf<C> } }[Collection];

/** Streams a whole network, collection by collection, in document order. */
export function* generateNetwork(input: Partial<GeneratorOptions> & { people: number; records: number }): Generator<GeneratedRecord> {
  const options = resolveOptions(input);
  const { seed } = options;
  const cal = new Calendar(options.anchor, options.years);
  const budget = splitBudget(options.records);
  const pop = buildPopulation(seed, options.people);
  for (const record of personRecords(seed, pop)) yield { collection: 'people', record };
  for (const record of pop.companies) yield { collection: 'companies', record };
  const groups = buildGroups(seed, pop, cal);
  for (const record of groups.records) yield { collection: 'groups', record };
  for (const record of membershipRecords(groups, pop, cal)) yield { collection: 'memberships', record };
  const events = planEvents(seed, groups, pop, cal, budget.attendance);
  for (const record of eventRecords(events, groups, cal)) yield { collection: 'events', record };
  let attended = 0;
  for (const record of attendanceRecords(seed, events, groups, pop)) {
    attended++;
    yield { collection: 'attendance', record };
  }
  // Seats the events could not fill become interactions, so the total stays exact.
  yield* activityRecords(seed, pop, groups, cal, budget.interactions + budget.attendance - attended, budget.referrals);
}

/** The whole network as one in-memory document (tests, the bundled sample). */
export function generateDocument(input: Partial<GeneratorOptions> & { people: number; records: number }): NetworkDocument {
  const doc = emptyDocument();
  for (const item of generateNetwork(input)) (doc[item.collection] as unknown[]).push(item.record);
  return doc;
}
