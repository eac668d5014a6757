/**
 * Refusals name people, groups and events by name, as the pages and the CLI do (record-label.ts):
 * never a bare id where a name belongs, the id only beside a name two people share.
 */
import { describe, expect, it } from 'vitest';
import { RecordSet } from '../../../graph/record-set.js';
import type { Change } from '../../../graph/records.js';
import { networkDocumentSchema } from '../../../graph/schema.js';
import { authorizeWrites } from '../../../graph/service/authorize-writes.js';
import { planMove } from '../../../graph/service/intro-requests.js';
import type { Actor } from '../../../graph/service/permissions.js';

const records = () =>
  RecordSet.fromDocument(
    networkDocumentSchema.parse({
      people: [
        { id: 'p091', name: 'Grace Parker' },
        { id: 'p002', name: 'Eliz Smith' },
        { id: 'p035', name: 'Hannah Wagner' },
        { id: 'p092', name: 'Hannah Wagner' },
      ],
      groups: [{ id: 'g1', name: 'Berlin Referral Circle' }],
      events: [{ id: 'e1', name: 'Weekly meeting', at: '2026-12-07T07:00:00Z', group: 'g1' }],
      memberships: [{ person: 'p002', group: 'g1' }],
      interactions: [{ id: 'i1', a: 'p002', b: 'p035', kind: 'met', at: '2026-12-01' }],
      introRequests: [
        { id: 'iq-1', requester: 'p002', connector: 'p035', target: 'p092', at: '2026-12-01T00:00:00.000Z', status: 'asked', changes: [{ status: 'asked', at: '2026-12-01T00:00:00.000Z' }] },
      ],
    }),
  );
const grace: Actor = { role: 'member', person: 'p091' };

/** The refusal of one change by Grace, a member. */
function refusal(change: Change): string {
  const set = records();
  try {
    authorizeWrites(grace, [change], set);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('not refused');
}

describe('refusals name people by name', () => {
  it('when a member edits another person, then the refusal names both by name, not "p002" / "p091"', () => {
    const message = refusal({ op: 'put', kind: 'person', record: { id: 'p002', name: 'Eliz Smith', title: 'CEO' } });
    expect(message).toContain('Eliz Smith');
    expect(message).not.toMatch(/"p002"|"p091"/);
  });

  it('when a record of two others is written, then both are named; a name two people share carries the id to tell them apart', () => {
    const message = refusal({ op: 'put', kind: 'interaction', record: { id: 'i1', a: 'p002', b: 'p035', kind: 'call', at: '2026-12-01' } });
    expect(message).toContain('between Eliz Smith and Hannah Wagner [p035]');
    expect(message).toContain('does not involve you (Grace Parker)');
  });

  it('when a membership, an attendance or a dismissal of another is written, then the person, the group and the event are named', () => {
    expect(refusal({ op: 'put', kind: 'membership', record: { person: 'p002', group: 'g1', since: '2026-01-01' } })).toContain('of Eliz Smith in Berlin Referral Circle');
    expect(refusal({ op: 'put', kind: 'attendance', record: { person: 'p002', event: 'e1' } })).toContain('of Eliz Smith at Weekly meeting on 2026-12-07');
    const dismissal = refusal({ op: 'put', kind: 'dismissal', record: { id: 'dm-6345', person: 'p002', row: 'dormant:p035', kind: 'not_relevant', at: '2026-12-01T00:00:00.000Z' } });
    expect(dismissal).toContain('by Eliz Smith');
    expect(dismissal).not.toContain('dm-6345');
  });

  it('when someone not involved moves an intro request, then they are named as you, by name', () => {
    expect(() => planMove(records(), 'p091', 'iq-1', { status: 'accepted' }, new Date('2026-12-07'))).toThrow('does not involve you (Grace Parker)');
    expect(() => planMove(records(), 'p092', 'iq-1', { status: 'accepted' }, new Date('2026-12-07'))).toThrow('only the connector (Hannah Wagner [p035])');
  });
});
