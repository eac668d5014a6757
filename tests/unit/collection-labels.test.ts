import { describe, expect, it } from 'vitest';
import { collectionLabel, recordCount } from '../../graph/collection-labels.js';

describe('collection-labels', () => {
  it('when a collection is named, then its label is the plural of its records, in words rather than the key', () => {
    expect(collectionLabel('introRequests')).toBe('intro requests');
    expect(collectionLabel('people')).toBe('people');
    expect(collectionLabel('dismissals')).toBe('hidden rows');
  });
  it('when records of a collection are counted, then exactly one is singular and the rest plural', () => {
    expect(recordCount(1, 'interactions')).toBe('1 interaction');
    expect(recordCount(2, 'memberships')).toBe('2 memberships');
    expect(recordCount(1, 'people')).toBe('1 person');
    expect(recordCount(3, 'attendance')).toBe('3 attendances');
    expect(recordCount(1, 'introRequests')).toBe('1 intro request');
    expect(recordCount(1200, 'dismissals')).toBe('1,200 hidden rows');
  });
  it('when a key is unknown (a newer server\'s) or names an object property, then it is split at its capitals, not looked up', () => {
    expect(collectionLabel('followUpNotes')).toBe('follow up notes');
    expect(collectionLabel('constructor')).toBe('constructor');
  });
});
