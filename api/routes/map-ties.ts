/**
 * The relationship graph as the map draws it: every person, and every tie with the little the
 * map needs to colour and filter it (VCP stage, dormant flag, last contact), as of a date.
 *
 * Stage and dormancy follow DOMAIN.md's default rules; the side panel asks the analytics API for
 * the authoritative answer with its evidence. This module only has to be cheap and consistent.
 */
import { pairKey } from '../../graph/records.js';
import type { RecordSet } from '../../graph/record-set.js';

export const STAGES = ['visibility', 'credibility', 'profitability'] as const;
export type Stage = (typeof STAGES)[number];

/** Keep-in-touch cadence of each stage, in days (DOMAIN.md defaults). */
const CADENCE_DAYS: Record<Stage, number> = { visibility: 90, credibility: 60, profitability: 30 };
const DAY_MS = 86_400_000;

export interface MapTie {
  a: string;
  b: string;
  stage: Stage;
  dormant: boolean;
  /** Epoch ms of the last contact. */
  last: number;
}

interface Evidence {
  a: string;
  b: string;
  interactions: number;
  oneToOnes: number;
  aToB: number;
  bToA: number;
  won: number;
  last: number;
}

/** Builds every tie of the relationship graph, ignoring records dated after `asOf` (epoch ms). */
export function buildTies(records: RecordSet, asOf: number): MapTie[] {
  const byPair = new Map<string, Evidence>();
  const evidence = (x: string, y: string): Evidence => {
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = pairKey(a, b);
    let e = byPair.get(key);
    if (!e) byPair.set(key, (e = { a, b, interactions: 0, oneToOnes: 0, aToB: 0, bToA: 0, won: 0, last: -Infinity }));
    return e;
  };
  const people = records.maps.person;

  for (const i of records.maps.interaction.values()) {
    const at = Date.parse(i.at);
    if (at > asOf || !people.has(i.a) || !people.has(i.b)) continue;
    const e = evidence(i.a, i.b);
    e.interactions += 1;
    if (i.kind === 'one_to_one') e.oneToOnes += 1;
    e.last = Math.max(e.last, at);
  }
  for (const r of records.maps.referral.values()) {
    const at = Date.parse(r.at);
    if (at > asOf || !people.has(r.from) || !people.has(r.to)) continue;
    const e = evidence(r.from, r.to);
    if (r.from === e.a) e.aToB += 1;
    else e.bToA += 1;
    if (r.status === 'won') e.won += 1;
    e.last = Math.max(e.last, at);
  }
  for (const ev of records.maps.event.values()) {
    const at = Date.parse(ev.at);
    if (at > asOf) continue;
    const attendees: string[] = [];
    for (const key of records.attendeesOf.get(ev.id)) {
      const person = records.maps.attendance.get(key)?.person;
      if (person !== undefined && people.has(person)) attendees.push(person);
    }
    for (let x = 0; x < attendees.length; x++) {
      for (let y = x + 1; y < attendees.length; y++) {
        const e = evidence(attendees[x]!, attendees[y]!);
        e.last = Math.max(e.last, at);
      }
    }
  }

  const ties: MapTie[] = [];
  for (const e of byPair.values()) {
    const stage = stageOf(e);
    const dormant = asOf - e.last > CADENCE_DAYS[stage] * DAY_MS;
    ties.push({ a: e.a, b: e.b, stage, dormant, last: e.last });
  }
  return ties;
}

function stageOf(e: Evidence): Stage {
  if (e.aToB > 0 && e.bToA > 0 && e.won > 0) return 'profitability';
  if (e.oneToOnes > 0 || e.aToB + e.bToA > 0 || e.interactions >= 3) return 'credibility';
  return 'visibility';
}
