/**
 * What each collection of the network document is called in words meant for people (CLI output,
 * summaries, messages, the browser's import report): the document's keys are for programs
 * ("introRequests"). No dependencies, so the browser app imports it too.
 */
import type { NetworkDocument } from './schema.js';

export const COLLECTION_LABELS: Record<keyof NetworkDocument, string> = {
  people: 'people',
  companies: 'companies',
  groups: 'groups',
  memberships: 'memberships',
  events: 'events',
  attendance: 'attendance',
  interactions: 'interactions',
  referrals: 'referrals',
  dismissals: 'dismissals',
  introRequests: 'intro requests',
};

/** The label of a collection key; a key this version does not know (a newer server's) is split at its capitals. */
export function collectionLabel(key: string): string {
  return Object.hasOwn(COLLECTION_LABELS, key) ? COLLECTION_LABELS[key as keyof NetworkDocument] : key.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
}
