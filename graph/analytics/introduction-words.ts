/**
 * The words of an introduction suggestion: the reason (what the evidence is, no more: a count of
 * referrals between categories is not a promise that these two will trade) and a drafted message
 * the person can copy and send ("Ann, meet Bob…").
 */
import type { RecordSet } from '../record-set.js';
import { count } from '../support/words.js';

interface Pair {
  a: string;
  b: string;
  categories: [string[], string[]];
  referralTraffic: number;
  strengths: [number, number];
  commonContacts: number;
  sharedGroups: number;
  competitors: boolean;
}

const nameOf = (records: RecordSet, id: string) => records.get('person', id)?.name ?? id;
const firstName = (records: RecordSet, id: string) => nameOf(records, id).trim().split(/\s+/)[0] || id;
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** A field's value, or undefined when it must not show. */
export type Shown = (dimension: string, value: string | undefined) => string | undefined;

/** "tax adviser at Smith & Co" — what a person does, from what their record says and may show. */
export function whatTheyDo(records: RecordSet, id: string, categories: string[], shown: Shown = (_d, v) => v): string {
  const p = records.get('person', id);
  const role = shown('profession', p?.profession) || shown('title', p?.title) || categories.join(', ');
  const company = shown('company', p?.company);
  return company ? `${role} at ${company}` : role;
}

/** Why the pair is suggested, in words, stating only what was counted. */
export function introductionReason(records: RecordSet, dimension: string, s: Pair): string {
  const [ca, cb] = s.categories;
  const shared =
    s.commonContacts + s.sharedGroups === 0
      ? 'they share no other contact and no group'
      : `they already share ${count(s.commonContacts, 'other contact')} and ${count(s.sharedGroups, 'group')}`;
  return (
    `${nameOf(records, s.a)} (${ca.join(', ')}) and ${nameOf(records, s.b)} (${cb.join(', ')}) have no tie yet. ` +
    `Across the network, people in these ${dimension} categories exchanged ${count(s.referralTraffic, 'referral')}. ` +
    `Your ties: ${percent(s.strengths[0])} to ${nameOf(records, s.a)}, ${percent(s.strengths[1])} to ${nameOf(records, s.b)}; ${shared}.` +
    (s.competitors ? ' They have the same profession, so they may compete for the same referrals.' : '')
  );
}

/** A drafted introduction from `from` to the pair. */
export function introductionMessage(records: RecordSet, from: string, s: Pair, shown?: Shown): string {
  const [a, b] = [firstName(records, s.a), firstName(records, s.b)];
  const [da, db] = [whatTheyDo(records, s.a, s.categories[0], shown), whatTheyDo(records, s.b, s.categories[1], shown)];
  return (
    `${a}, meet ${nameOf(records, s.b)} (${db}). ${b}, meet ${nameOf(records, s.a)} (${da}). ` +
    `People in ${s.categories[0].join(', ')} and ${s.categories[1].join(', ')} pass each other work in our network, ` +
    `and I think you two should talk: I'll let you take it from here. — ${firstName(records, from)}`
  );
}
