/**
 * The map draws the same picture for the same records, whatever order they were written in: the
 * positions, the order of nodes and groups and each node's groups (README, "the same records,
 * loaded afresh, always give the same picture"), and a running server draws what a restarted one
 * draws after a membership is written again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.js';

const ids = 'abcdefghijkl'.split('');
const people = ids.map((id) => ({ id, name: `Person ${id.toUpperCase()}` }));
const groups = [{ id: 'g1', name: 'One' }, { id: 'g2', name: 'Two' }, { id: 'g3', name: 'Three' }];
const memberships = [
  { person: 'a', group: 'g1' },
  { person: 'a', group: 'g2' },
  { person: 'a', group: 'g3' },
  { person: 'e', group: 'g3' },
  { person: 'e', group: 'g1' },
  { person: 'k', group: 'g2' },
];
const pairs = [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['a', 'c'], ['d', 'f'], ['g', 'h'], ['h', 'i'], ['i', 'j'], ['j', 'k'], ['k', 'l'], ['l', 'g'], ['f', 'g']];
const interactions = pairs.map(([a, b], i) => ({ id: `i${i}`, a: a!, b: b!, kind: 'met', at: `2026-01-${String(i + 1).padStart(2, '0')}` }));
const document = { people, groups, memberships, interactions };

/** A permutation of xs: every third first, then the rest reversed (fixed, so a failure repeats). */
const scrambled = <T>(xs: readonly T[]): T[] => [...xs.filter((_, i) => i % 3 === 1), ...xs.filter((_, i) => i % 3 !== 1).reverse()];
const reordered = (order: <T>(xs: readonly T[]) => T[]) => ({ people: order(people), groups: order(groups), memberships: order(memberships), interactions: order(interactions) });

/** What the map shows of the records: the request's own bookkeeping (ids, timings, version) aside. */
async function picture(api: TestApi) {
  const r = await api.call('GET', '/api/map?asOf=2026-06-30');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const { nodes, edges, groups: listed } = r.body;
  return { nodes, edges, groups: listed };
}

const opened: TestApi[] = [];
afterEach(async () => {
  for (const api of opened.splice(0)) await api.close();
});
async function storeOf(doc: object): Promise<TestApi> {
  const api = await startTestApi();
  opened.push(api);
  const r = await api.call('POST', '/api/import', doc);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return api;
}

describe('the map and the order records were written in', () => {
  it('when the same records are imported in three orders, then the three maps are the same picture', async () => {
    const inOrder = await picture(await storeOf(document));
    expect(inOrder.nodes.length).toBe(people.length);
    for (const order of [<T>(xs: readonly T[]) => [...xs].reverse(), scrambled]) {
      expect(await picture(await storeOf(reordered(order)))).toEqual(inOrder);
    }
  });

  it('when a membership is written again, then the node lists its groups as a fresh server does', async () => {
    const api = await storeOf(document);
    const before = await picture(api);
    const again = await api.call('POST', '/api/memberships', { person: 'a', group: 'g1', since: '2025-01-01' });
    expect(again.status, JSON.stringify(again.body)).toBeLessThan(300);
    const after = await picture(api);
    const groupsOf = (p: Awaited<ReturnType<typeof picture>>, id: string) => p.nodes.find((n: { id: string }) => n.id === id).groups;
    expect(groupsOf(after, 'a')).toEqual(groupsOf(before, 'a'));
    const fresh = await storeOf({ ...document, memberships: [...memberships.filter((m) => !(m.person === 'a' && m.group === 'g1')), { person: 'a', group: 'g1', since: '2025-01-01' }] });
    expect(groupsOf(await picture(fresh), 'a')).toEqual(groupsOf(after, 'a'));
  });
});
