/**
 * What each collection of the network document and its records are called in words meant for
 * people (CLI output, summaries, messages, the browser's import report and merge preview): the
 * document's keys are for programs ("introRequests"). The collection's label is its plural
 * ("intro requests"), a count uses both forms ("1 intro request"). No dependencies but the
 * words module, so the browser app imports it too.
 */
import type { NetworkDocument } from './schema.js';
import { count } from './support/words.js';

/** A record of a collection as a noun, singular and plural. */
export interface RecordNoun {
  one: string;
  many: string;
}

export const COLLECTION_NOUNS: Record<keyof NetworkDocument, RecordNoun> = {
  people: { one: 'person', many: 'people' },
  companies: { one: 'company', many: 'companies' },
  groups: { one: 'group', many: 'groups' },
  memberships: { one: 'membership', many: 'memberships' },
  events: { one: 'event', many: 'events' },
  attendance: { one: 'attendance', many: 'attendances' },
  interactions: { one: 'interaction', many: 'interactions' },
  referrals: { one: 'referral', many: 'referrals' },
  // A dismissal hides a row of "this week": the home page lists them as "Hidden rows".
  dismissals: { one: 'hidden row', many: 'hidden rows' },
  introRequests: { one: 'intro request', many: 'intro requests' },
};

/** The noun of a collection key; a key this version does not know (a newer server's) is split at its capitals. */
function nounOf(key: string): RecordNoun {
  if (Object.hasOwn(COLLECTION_NOUNS, key)) return COLLECTION_NOUNS[key as keyof NetworkDocument];
  const words = key.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
  return { one: words, many: words };
}

/** The label of a collection key, its plural: "intro requests". */
export function collectionLabel(key: string): string {
  return nounOf(key).many;
}

/** A count of a collection's records with its noun: "1 interaction", "2 memberships". */
export function recordCount(n: number, key: string): string {
  const { one, many } = nounOf(key);
  return count(n, one, many);
}
