import { describe, expect, it } from 'vitest';
import { within } from '../../../graph/support/within.js';

describe('within', () => {
  it('when the promise settles in time, then its value (or its rejection) comes back', async () => {
    await expect(within(Promise.resolve(7), 1_000, 'late')).resolves.toBe(7);
    await expect(within(Promise.reject(new Error('boom')), 1_000, 'late')).rejects.toThrow('boom');
  });

  it('when the promise takes longer than the wait, then `late`, and the promise goes on to settle for whoever else holds it', async () => {
    let settle!: (v: number) => void;
    const slow = new Promise<number>((resolve) => (settle = resolve));
    await expect(within(slow, 5, 'late')).resolves.toBe('late');
    settle(3);
    await expect(slow).resolves.toBe(3);
    // a negative wait is no wait
    await expect(within(new Promise(() => undefined), -10, undefined)).resolves.toBeUndefined();
  });
});
