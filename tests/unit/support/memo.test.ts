import { describe, expect, it } from 'vitest';
import { memo, memoSizes, ownerMemo, ownerMemoNames, stampedOwnerMemo, through } from '../../../graph/support/memo.js';

describe('memo', () => {
  it('drops the least recently used entry, not the oldest', () => {
    const cache = memo<string, number>('test.lru', 2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect([...cache.keys()].sort()).toEqual(['a', 'c']);
    expect(memoSizes().get('test.lru')).toEqual({ max: 2, size: 2 });
  });

  it('computes once per key and shares a pending promise', async () => {
    const cache = memo<string, Promise<number>>('test.through', 4);
    let calls = 0;
    const compute = () => Promise.resolve(++calls);
    const [x, y] = await Promise.all([through(cache, 'k', compute), through(cache, 'k', compute)]);
    expect([x, y, calls]).toEqual([1, 1, 1]);
  });

  it('forgets a rejected computation so the next call retries', async () => {
    const cache = memo<string, Promise<number>>('test.reject', 4);
    await expect(through(cache, 'k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await Promise.resolve();
    expect(cache.has('k')).toBe(false);
    await expect(through(cache, 'k', () => Promise.resolve(7))).resolves.toBe(7);
  });

  it('when values are derived from objects, then an owner memo computes once per owner and lists its name', () => {
    const cache = ownerMemo<object, string>('test.owner');
    const [x, y] = [{}, {}];
    let calls = 0;
    const compute = () => `v${++calls}`;
    expect([through(cache, x, compute), through(cache, x, compute), through(cache, y, compute)]).toEqual(['v1', 'v1', 'v2']);
    expect(ownerMemoNames()).toContain('test.owner');
    expect(memoSizes().has('test.owner')).toBe(false);
  });

  it('when a value depends on a stamp of its owner, then it is made again exactly when a part of the stamp changes', () => {
    const cached = stampedOwnerMemo<object, string>('test.stamped');
    const [x, y] = [{}, {}];
    const shared = {};
    let calls = 0;
    const make = () => `v${++calls}`;
    expect(cached(x, [1, shared], make)).toBe('v1');
    expect(cached(x, [1, shared], make)).toBe('v1');
    // each owner its own value; each part of the stamp counts, compared by identity
    expect(cached(y, [1, shared], make)).toBe('v2');
    expect(cached(x, [2, shared], make)).toBe('v3');
    expect(cached(x, [2, {}], make)).toBe('v4');
    expect(cached(x, [2], make)).toBe('v5');
    expect(cached(x, [2], make)).toBe('v5');
    expect(cached(x, [2, shared], make)).toBe('v6');
    expect(cached(y, [1, shared], make)).toBe('v2');
    expect(ownerMemoNames()).toContain('test.stamped');
  });
});
