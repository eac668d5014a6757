/**
 * A people merge when both duplicates are members of the same group (one membership per person and
 * group): the kept person stays a member through either record — two periods that overlap or meet
 * become one, two periods apart keep the later and list the other in conflicts — and the preview
 * says exactly what the merge then does. Likewise two open asks of one introduction become one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.js';

const base = {
  people: [
    { id: 'kim', name: 'Kim Keller' },
    { id: 'kim2', name: 'Kim Keller', email: 'kim@example.org' },
  ],
  groups: [{ id: 'g', name: 'Riverside Chapter' }, { id: 'h', name: 'Hillside Chapter' }],
};

describe('merging two members of one group', () => {
  let api: TestApi;
  afterEach(() => api?.close());

  async function mergeWith(memberships: object[]) {
    api = await startTestApi();
    expect((await api.call('POST', '/api/import', { ...base, memberships })).status).toBe(200);
    const preview = await api.call('POST', '/api/people/merge/preview', { keep: 'kim', remove: 'kim2' });
    expect(preview.status).toBe(200);
    const merged = await api.call('POST', '/api/people/merge', { keep: 'kim', remove: 'kim2' });
    expect(merged.status).toBe(200);
    // The preview is what the merge did, word for word.
    expect(merged.body).toEqual(preview.body);
    return { answer: merged.body, memberships: (await api.call('GET', '/api/export')).body.memberships };
  }

  it('when the kept record’s seat ended and the duplicate holds the current one, then the kept person is a member from the first day on, still', async () => {
    const { answer, memberships } = await mergeWith([
      { person: 'kim', group: 'g', since: '2019-01-01', until: '2022-12-31' },
      { person: 'kim2', group: 'g', since: '2023-01-01' },
      { person: 'kim2', group: 'h', since: '2024-05-01' },
    ]);
    expect(memberships).toEqual([
      { person: 'kim', group: 'g', since: '2019-01-01' },
      { person: 'kim', group: 'h', since: '2024-05-01' },
    ]);
    expect(answer.moved.memberships).toBe(2);
    expect(answer.dropped.memberships).toBe(0);
    expect(answer.conflicts.filter((c: { field: string }) => c.field.startsWith('memberships/'))).toEqual([]);
  });

  it('when the two periods are years apart, then the later one stays and the earlier is listed, not dropped unseen', async () => {
    const { answer, memberships } = await mergeWith([
      { person: 'kim', group: 'g', since: '2015-01-01', until: '2016-06-30' },
      { person: 'kim2', group: 'g', since: '2023-01-01' },
    ]);
    expect(memberships).toEqual([{ person: 'kim', group: 'g', since: '2023-01-01' }]);
    expect(answer.dropped.memberships).toBe(1);
    expect(answer.conflicts).toContainEqual({ field: 'memberships/g', kept: 'since 2023-01-01', dropped: '2015-01-01 – 2016-06-30', note: expect.stringContaining('the later one stays') });
  });

  it('when the two periods are the same, then one stays and nothing is listed', async () => {
    const { answer, memberships } = await mergeWith([
      { person: 'kim', group: 'g', since: '2020-01-01' },
      { person: 'kim2', group: 'g', since: '2020-01-01' },
    ]);
    expect(memberships).toEqual([{ person: 'kim', group: 'g', since: '2020-01-01' }]);
    expect([answer.moved.memberships, answer.dropped.memberships]).toEqual([0, 1]);
  });
});

describe('merging two people who asked the same introduction', () => {
  it('when both records asked one connector for one target and both asks are open, then the earlier ask stays and the kept person has one open request', async () => {
    const api = await startTestApi();
    try {
      const doc = {
        people: [...base.people, { id: 'con', name: 'Connie Connector' }, { id: 'tia', name: 'Tia Target' }],
        interactions: [
          { id: 'i1', a: 'kim', b: 'con', kind: 'met', at: '2024-01-01' },
          { id: 'i2', a: 'kim2', b: 'con', kind: 'met', at: '2024-01-01' },
          { id: 'i3', a: 'con', b: 'tia', kind: 'met', at: '2024-01-01' },
        ],
        introRequests: [
          { id: 'late', requester: 'kim', connector: 'con', target: 'tia', at: '2024-03-01T10:00:00Z', status: 'asked', changes: [{ status: 'asked', at: '2024-03-01T10:00:00Z' }] },
          { id: 'early', requester: 'kim2', connector: 'con', target: 'tia', at: '2024-02-01T10:00:00Z', status: 'asked', changes: [{ status: 'asked', at: '2024-02-01T10:00:00Z' }] },
        ],
      };
      expect((await api.call('POST', '/api/import', doc)).status).toBe(200);
      const preview = await api.call('POST', '/api/people/merge/preview', { keep: 'kim', remove: 'kim2' });
      const merged = await api.call('POST', '/api/people/merge', { keep: 'kim', remove: 'kim2' });
      expect(merged.status).toBe(200);
      expect(merged.body).toEqual(preview.body);
      expect([merged.body.moved.introRequests, merged.body.dropped.introRequests]).toEqual([1, 1]);
      const requests = (await api.call('GET', '/api/export')).body.introRequests as { id: string; requester: string }[];
      expect(requests.map((q) => [q.id, q.requester])).toEqual([['early', 'kim']]);
    } finally {
      await api.close();
    }
  });
});
