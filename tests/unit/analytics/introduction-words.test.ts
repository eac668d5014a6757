import { describe, expect, it } from 'vitest';
import { introductionMessage, introductionReason, whatTheyDo } from '../../../graph/analytics/introduction-words.js';
import { RecordSet } from '../../../graph/record-set.js';
import { emptyDocument } from '../../../graph/schema.js';

const records = RecordSet.fromDocument({
  ...emptyDocument(),
  people: [
    { id: 'me', name: 'Grace Parker' },
    { id: 'ann', name: 'Ann Lee', profession: 'tax adviser', company: 'Smith & Co' },
    { id: 'constructor', name: 'Bob Stone', title: 'Broker' },
  ],
});
const pair = { a: 'ann', b: 'constructor', categories: [['Finance'], ['Insurance']] as [string[], string[]], referralTraffic: 3, strengths: [0.5, 0.25] as [number, number], commonContacts: 0, sharedGroups: 0, competitors: false };

describe('analytics/introduction-words', () => {
  it('when a person has a profession and a company, then what they do says both; a title stands in for a missing profession', () => {
    expect(whatTheyDo(records, 'ann', ['Finance'])).toBe('tax adviser at Smith & Co');
    expect(whatTheyDo(records, 'constructor', ['Insurance'])).toBe('Broker');
  });

  it('when a field must not show, then the words fall back without it', () => {
    const hidden = (d: string, v: string | undefined) => (d === 'company' || d === 'profession' ? undefined : v);
    expect(whatTheyDo(records, 'ann', ['Finance'], hidden)).toBe('Finance');
  });

  it('when the reason is written, then it states the counts as counted, the tie strengths and what the two share', () => {
    expect(introductionReason(records, 'industry', pair)).toBe(
      'Ann Lee (Finance) and Bob Stone (Insurance) have no tie yet. Across the network, people in these industry categories exchanged 3 referrals. ' +
        'Your ties: 50% to Ann Lee, 25% to Bob Stone; they share no other contact and no group.',
    );
    expect(introductionReason(records, 'industry', { ...pair, commonContacts: 1, sharedGroups: 2, competitors: true })).toContain(
      'they already share 1 other contact and 2 groups. They have the same profession',
    );
    expect(introductionReason(records, 'industry', { ...pair, referralTraffic: 1 })).toContain('exchanged 1 referral. ');
    expect(introductionReason(records, 'industry', { ...pair, referralTraffic: 12_400 })).toContain('exchanged 12,400 referrals. ');
  });

  it('when a message is drafted, then it introduces each to the other by name and what they do, signed with the first name', () => {
    expect(introductionMessage(records, 'me', pair)).toBe(
      'Ann, meet Bob Stone (Broker). Bob, meet Ann Lee (tax adviser at Smith & Co). People in Finance and Insurance pass each other work in our network, ' +
        "and I think you two should talk: I'll let you take it from here. — Grace",
    );
  });
});
