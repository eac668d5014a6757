/**
 * What the tests of answers for a member withheld from some people share: people and their
 * private twins (named "<ID> Secretson", so an answer that names one is easy to catch), the read
 * that waits out the analytics warm-up, and the check that an answer names none of them.
 */
import { expect } from 'vitest';
import type { Reply } from '../api/harness.js';

type Caller = { call(method: string, path: string): Promise<Reply> };

export const person = (id: string, more: Record<string, string> = {}) => ({ id, name: `${id[0]!.toUpperCase()}${id.slice(1)} Person`, ...more });

/** A private contact of Ann's. */
export const hidden = (id: string, more: Record<string, string> = {}) => ({ ...person(id, more), name: `${id.toUpperCase()} Secretson`, privateTo: 'ann' });

/** GET `path` (as of `asOf`, when given) once the analytics have warmed up (a 503 is asked again); fails unless 200. */
export async function getWarm(who: Caller, path: string, asOf?: string): Promise<Reply> {
  const url = asOf ? `${path}${path.includes('?') ? '&' : '?'}asOf=${asOf}` : path;
  let r = await who.call('GET', url);
  while (r.status === 503) r = await who.call('GET', url);
  expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
  return r;
}

/** A check that fails when an answer names one of these private contacts (`hidden`), by id or name. */
export function namesNoneOf(ids: readonly string[]): (r: Reply) => void {
  return (r) => {
    const text = JSON.stringify(r.body);
    for (const id of ids) expect(text).not.toMatch(new RegExp(`"${id}"|${id.toUpperCase()} Secretson`));
  };
}
