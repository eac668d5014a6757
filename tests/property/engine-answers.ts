/**
 * Everything the analytics engine answers about a network, for every person and group, at a
 * present and a past instant, as plain data: the list of calls the engine properties compare
 * (live-analytics.property.test.ts, record-order.property.test.ts).
 */
import type { AnalyticsEngine } from '../../graph/analytics/engine.js';
import type { RecordSet } from '../../graph/record-set.js';
import { compareIds } from '../../graph/support/id-order.js';

export const NOW = Date.UTC(2027, 0, 1);
export const PAST = Date.UTC(2022, 5, 1);

/** How an answer is turned into plain data: a JSON replacer (the wall-clock `computedAt` is always left out). */
export type Present = (key: string, value: unknown) => unknown;

/** Every value as computed, bit for bit. */
export const exactly: Present = (_key, value) => value;

/** An answer or the error it throws, as plain data, without the wall-clock time it was computed at. */
export function outcome(f: () => unknown, present: Present = exactly): unknown {
  const plain = (key: string, value: unknown) => (key === 'computedAt' ? undefined : present(key, value));
  try {
    return JSON.parse(JSON.stringify(f() ?? null, plain));
  } catch (err) {
    return { threw: (err as Error).message };
  }
}

/** A paths answer without the contact cards of the people on its paths (they follow the paths). */
function pathCosts(answer: unknown): unknown {
  const { contacts: _cards, ...rest } = answer as { contacts?: unknown };
  return rest;
}

/** What answers() asks beyond the defaults: person metrics on `dimensions`, paths and relationships between pairs only from the first `pathSources` people. */
export interface AnswersAsked {
  dimensions?: readonly string[];
  pathSources?: number;
}

/** Everything the engine answers about the network, for every person and group, at each instant. */
export function answers(engine: AnalyticsEngine, records: RecordSet, present: Present = exactly, options: AnswersAsked = {}): Record<string, unknown> {
  const { dimensions = ['industry', 'group', 'company', 'club'], pathSources = Infinity } = options;
  const people = [...records.maps.person.keys()].sort(compareIds);
  const groups = [...records.maps.group.keys()].sort(compareIds);
  const out: Record<string, unknown> = {};
  const at = (key: string, f: () => unknown) => (out[key] = outcome(f, present));
  for (const asOf of [NOW, PAST]) {
    at(`network ${asOf}`, () => engine.networkMetrics(asOf));
    for (const p of people) {
      for (const dimension of dimensions) at(`person ${p} ${dimension} ${asOf}`, () => engine.personMetrics(p, { asOf, dimension }));
      at(`renetworking ${p} ${asOf}`, () => engine.renetworking(p, { asOf }));
      at(`introductions ${p} ${asOf}`, () => engine.introductions(p, { asOf }));
      at(`introductions by group ${p} ${asOf}`, () => engine.introductions(p, { asOf, dimension: 'group', includeCompetitors: true }));
      at(`gap ${p} ${asOf}`, () => engine.diversityGap({ person: p }, 'industry', { asOf }));
      for (const q of people) {
        if (compareIds(q, p) <= 0 || people.indexOf(p) >= pathSources) continue;
        at(`relationship ${p} ${q} ${asOf}`, () => engine.relationship(p, q, asOf));
        out[`paths ${p} ${q} ${asOf}`] = pathCosts(outcome(() => engine.paths(p, { to: q }, { asOf, k: 3, maxHops: 4 }), present));
      }
      out[`paths ${p} Law ${asOf}`] = pathCosts(outcome(() => engine.paths(p, { where: { dimension: 'industry', value: 'Law' } }, { asOf, k: 2, maxHops: 3 }), present));
    }
    for (const g of groups) {
      at(`group ${g} ${asOf}`, () => engine.groupMetrics(g, asOf));
      at(`chapter ${g} ${asOf}`, () => engine.chapterReport(g, { asOf }));
      at(`group gap ${g} ${asOf}`, () => engine.diversityGap({ group: g }, 'industry', { asOf }));
      at(`group gap by company ${g} ${asOf}`, () => engine.diversityGap({ group: g }, 'company', { asOf }));
    }
  }
  return out;
}
