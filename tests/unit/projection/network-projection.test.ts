import { describe, expect, it } from 'vitest';
import { NetworkProjection } from '../../../graph/projection/network-projection.js';
import { pairKey } from '../../../graph/records.js';
import { met, people, referral, testNetwork } from '../network-fixture.js';

const T = '2024-01-01';

describe('network-projection', () => {
  it('when two people share only a group, then there is no tie', () => {
    const n = testNetwork({
      people: people('a', 'b'),
      groups: [{ id: 'g', name: 'g' }],
      memberships: [{ person: 'a', group: 'g' }, { person: 'b', group: 'g' }],
    });
    expect(n.engine.projection.ties.size).toBe(0);
    expect(n.engine.projection.ties.order).toBe(2);
  });
  it('when people co-attend an event, then every pair of attendees is tied with the event as evidence', () => {
    const n = testNetwork({
      people: people('a', 'b', 'c'),
      events: [{ id: 'e', name: 'e', at: T }],
      attendance: [{ person: 'a', event: 'e' }, { person: 'b', event: 'e' }, { person: 'c', event: 'e' }],
    });
    expect(n.engine.projection.ties.size).toBe(3);
    expect(n.engine.projection.evidence('a', 'c')).toEqual({ events: 'e' });
  });
  it('when evidence of several kinds is added and removed one by one, then the tie goes only with the last one', () => {
    const n = testNetwork({ people: people('a', 'b'), events: [{ id: 'e', name: 'e', at: T }] });
    const p = n.engine.projection;
    n.apply({ op: 'put', kind: 'interaction', record: met('a', 'b', T, 'met', 'i1') });
    n.apply({ op: 'put', kind: 'referral', record: referral('b', 'a', T, 'won', 5, 'r1') });
    n.apply({ op: 'put', kind: 'attendance', record: { person: 'a', event: 'e' } }, { op: 'put', kind: 'attendance', record: { person: 'b', event: 'e' } });
    expect(p.evidence('a', 'b')).toEqual({ interactions: 'i1', referrals: 'r1', events: 'e' });
    expect(p.referrals.hasArc('b', 'a')).toBe(true);
    n.apply({ op: 'delete', kind: 'interaction', key: 'i1' });
    n.apply({ op: 'delete', kind: 'referral', key: 'r1' });
    expect(p.ties.hasEdge('a', 'b')).toBe(true);
    expect(p.referrals.hasArc('b', 'a')).toBe(false);
    n.apply({ op: 'delete', kind: 'attendance', key: pairKey('b', 'e') });
    expect(p.ties.hasEdge('a', 'b')).toBe(false);
  });
  it('when an interaction is replaced by one between other people, then the old tie goes and the new one comes', () => {
    const n = testNetwork({ people: people('a', 'b', 'c'), interactions: [met('a', 'b', T, 'met', 'i1')] });
    n.apply({ op: 'put', kind: 'interaction', record: met('a', 'c', T, 'met', 'i1') });
    expect(n.engine.projection.ties.hasEdge('a', 'b')).toBe(false);
    expect(n.engine.projection.ties.hasEdge('a', 'c')).toBe(true);
  });
  it('when referrals come and go, then the reciprocity counters follow', () => {
    const n = testNetwork({ people: people('a', 'b') });
    const c = n.engine.projection.counters;
    n.apply({ op: 'put', kind: 'referral', record: referral('a', 'b', T, 'passed', undefined, 'r1') });
    expect(c).toMatchObject({ arcs: 1, reciprocatedArcs: 0, referrals: 1, minCount: 0 });
    n.apply({ op: 'put', kind: 'referral', record: referral('b', 'a', T, 'passed', undefined, 'r2') });
    n.apply({ op: 'put', kind: 'referral', record: referral('b', 'a', T, 'passed', undefined, 'r3') });
    // a→b 1, b→a 2: Σ min over ordered pairs = 2 · min(1, 2)
    expect(c).toMatchObject({ arcs: 2, reciprocatedArcs: 2, referrals: 3, minCount: 2 });
    n.apply({ op: 'delete', kind: 'referral', key: 'r2' });
    expect(c).toMatchObject({ arcs: 2, reciprocatedArcs: 2, referrals: 2, minCount: 2 });
    n.apply({ op: 'put', kind: 'referral', record: referral('b', 'a', T, 'won', 70, 'r3') });
    expect(c).toMatchObject({ referrals: 2, value: 70, minValue: 0 });
    n.apply({ op: 'delete', kind: 'referral', key: 'r1' });
    expect(c).toEqual({ arcs: 1, reciprocatedArcs: 0, referrals: 1, minCount: 0, value: 70, minValue: 0 });
  });
  it('when an event is deleted or attendance names an unknown event, then no co-attendance tie remains', () => {
    const n = testNetwork({
      people: people('a', 'b'),
      events: [{ id: 'e', name: 'e', at: T }],
      attendance: [{ person: 'a', event: 'e' }, { person: 'b', event: 'e' }],
    });
    n.apply({ op: 'delete', kind: 'event', key: 'e' });
    expect(n.engine.projection.ties.size).toBe(0);
    n.apply({ op: 'put', kind: 'event', record: { id: 'e', name: 'e', at: T } });
    expect(n.engine.projection.ties.size).toBe(1);
  });
  it('when a person is deleted, then their ties and arcs go with them', () => {
    const n = testNetwork({ people: people('a', 'b', 'c'), interactions: [met('a', 'b', T), met('b', 'c', T)], referrals: [referral('a', 'b', T), referral('b', 'a', T)] });
    n.apply({ op: 'delete', kind: 'person', key: 'a' });
    const p = n.engine.projection;
    expect(p.ties.hasNode('a')).toBe(false);
    expect(p.ties.size).toBe(1);
    expect(p.counters).toEqual({ arcs: 0, reciprocatedArcs: 0, referrals: 0, minCount: 0, value: 0, minValue: 0 });
  });
  it('when one event has many attendees, then the sliced rebuild yields within the event (every slice pairs) and ties every pair as the one-go build does', () => {
    const ids = Array.from({ length: 40 }, (_, i) => (i === 7 ? '__proto__' : `p${i}`));
    const n = testNetwork({ people: people(...ids), events: [{ id: 'big', name: 'big', at: T }], attendance: ids.map((person) => ({ person, event: 'big' })) });
    const sliced = new NetworkProjection();
    let yields = 0;
    for (const _ of sliced.rebuild(n.records, 50)) yields++;
    const pairs = (40 * 39) / 2;
    // 40 people (one yield per 50 units, with the events' units), then 780 pairs: at least one yield per 50 pairs.
    expect(yields).toBeGreaterThanOrEqual(Math.floor(pairs / 50));
    const oneGo = new NetworkProjection();
    oneGo.reset(n.records);
    expect(sliced.ties.size).toBe(pairs);
    const edges = (p: NetworkProjection) => {
      const out: string[] = [];
      p.ties.forEachEdge((e, a, b) => out.push(`${a}|${b}|${JSON.stringify(e)}`));
      return out;
    };
    expect(edges(sliced)).toEqual(edges(oneGo));
  });
});

