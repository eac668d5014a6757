import { describe, expect, it } from 'vitest';
import { UnknownIdError } from '../../../graph/analytics/context.js';
import { visibility } from '../../../graph/analytics/visibility.js';
import { met, people, testNetwork } from '../network-fixture.js';

const at = (d: string) => Date.parse(d);

/**
 * a belongs to g1 and g2 (g2 from 2024-06-01), attended e-old (2023-01-01), e1 (2024-03-01) and
 * e-late (2025-03-01); contacts b (in g1 and g3) and c (in no group); d is alone.
 */
const net = () =>
  testNetwork({
    people: people('a', 'b', 'c', 'd'),
    groups: [{ id: 'g1', name: 'g1' }, { id: 'g2', name: 'g2' }, { id: 'g3', name: 'g3' }],
    memberships: [{ person: 'a', group: 'g1' }, { person: 'a', group: 'g2', since: '2024-06-01' }, { person: 'b', group: 'g1' }, { person: 'b', group: 'g3' }],
    events: [{ id: 'e-old', name: 'old', at: '2023-01-01' }, { id: 'e1', name: 'e1', at: '2024-03-01' }, { id: 'e-late', name: 'late', at: '2025-03-01' }],
    attendance: [{ person: 'a', event: 'e-old' }, { person: 'a', event: 'e1' }, { person: 'a', event: 'e-late' }],
    interactions: [met('a', 'b', '2024-01-01'), met('a', 'c', '2024-01-01')],
  });

describe('visibility', () => {
  it('when asked as of a date, then it counts ties, groups then, events in the 365 days before, and groups the contacts reach', () => {
    const ctx = net().engine.context(at('2024-07-01'));
    expect(visibility(ctx, 'a', 0.25)).toEqual({ degree: 2, betweenness: 0.25, groups: 2, events: 1, groupsReached: 2 });
  });

  it('when the date is earlier, then later memberships and events do not count, and an event exactly a window ago is out', () => {
    expect(visibility(net().engine.context(at('2024-03-01')), 'a', null)).toMatchObject({ groups: 1, events: 1 });
    // e-old (2023-01-01) is 365 days before 2024-01-01: out of the window; a day earlier it is in
    expect(visibility(net().engine.context(at('2024-01-01')), 'a', null)).toMatchObject({ groups: 1, events: 0 });
    expect(visibility(net().engine.context(at('2023-12-31')), 'a', null)).toMatchObject({ degree: 0, events: 1 });
  });

  it('when a person has no ties, groups or events, then every count is 0', () => {
    expect(visibility(net().engine.context(at('2024-07-01')), 'd', null)).toEqual({ degree: 0, betweenness: null, groups: 0, events: 0, groupsReached: 0 });
  });

  it('when the person is unknown, then UnknownIdError', () => {
    expect(() => visibility(net().engine.context(at('2024-07-01')), '__proto__', null)).toThrow(UnknownIdError);
  });
});
