/**
 * Interaction and referral records, tie by tie. Each tie draws from its own stream
 * (seed, tie index), so the two passes need no shared state beyond the plans.
 */
import type { Interaction, InteractionKind, Referral, ReferralStatus } from '../../graph/schema.js';
import { INDUSTRIES } from './catalog.js';
import type { Calendar } from './dates.js';
import { personName } from './names.js';
import type { Population } from './population.js';
import { makeId } from './population.js';
import { Rng, WeightedPicker, streamSeed } from './prng.js';
import type { ReferralPlan, Ties } from './ties.js';

const LATER_KINDS: readonly InteractionKind[] = ['one_to_one', 'follow_up', 'message', 'call', 'met'];
const laterPicker = new WeightedPicker([25, 20, 30, 20, 5]);
const NOTES = ['Coffee, talked about ideal clients', 'Swapped contact lists', 'Discussed a joint offer', 'Caught up after the meeting', 'Planned a referral for next month'];

/** Sorted uniform days in [from, to]. */
function days(rng: Rng, n: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(from + rng.int(to - from + 1));
  return out.sort((x, y) => x - y);
}

/** Interaction records; `interactionCounts` says how many per tie. */
export function* interactionRecords(seed: number, ties: Ties, counts: Uint32Array, pop: Population, cal: Calendar): Generator<Interaction> {
  const total = counts.reduce((s, c) => s + c, 0);
  let n = 0;
  for (let t = 0; t < ties.count; t++) {
    const c = counts[t]!;
    if (c === 0) continue;
    const rng = new Rng(streamSeed(seed ^ 0x5bd1e995, t));
    const a = makeId('p', ties.a[t]!, pop.count);
    const b = makeId('p', ties.b[t]!, pop.count);
    const when = days(rng, c - 1, ties.first[t]!, ties.last[t]!);
    when.unshift(ties.first[t]!);
    for (let i = 0; i < c; i++) {
      // A tie starts with meeting (or being introduced); later contact is a mix of kinds.
      const kind: InteractionKind = i === 0 ? (rng.chance(0.15) ? 'introduction' : 'met') : LATER_KINDS[laterPicker.pick(rng)]!;
      const swap = i > 0 && rng.chance(0.4);
      const rec: Interaction = { id: makeId('i', n++, total), a: swap ? b : a, b: swap ? a : b, kind, at: cal.date(when[i]!) };
      if (kind === 'one_to_one' && rng.chance(0.2)) rec.note = rng.pick(NOTES);
      yield rec;
    }
  }
}

/** Status by age: fresh referrals are still open, old ones are mostly closed. */
function statusFor(rng: Rng, age: number): ReferralStatus {
  const r = rng.float();
  if (age < 14) return r < 0.6 ? 'passed' : 'contacted';
  if (age < 60) return r < 0.15 ? 'passed' : r < 0.5 ? 'contacted' : r < 0.75 ? 'won' : 'lost';
  return r < 0.03 ? 'passed' : r < 0.1 ? 'contacted' : r < 0.55 ? 'won' : 'lost';
}

/** Referral records; the first on a tie goes the planned way, reciprocation follows later. */
export function* referralRecords(seed: number, ties: Ties, plan: ReferralPlan, pop: Population, cal: Calendar): Generator<Referral> {
  let total = 0;
  for (let t = 0; t < ties.count; t++) total += plan.forward[t]! + plan.backward[t]!;
  let n = 0;
  for (let t = 0; t < ties.count; t++) {
    const f = plan.forward[t]!;
    const bw = plan.backward[t]!;
    if (f + bw === 0) continue;
    const rng = new Rng(streamSeed(seed ^ 0x27d4eb2f, t));
    // Business follows trust: referrals come a week or more after the first contact.
    const from = Math.min(ties.first[t]! + 7, ties.last[t]!);
    const when = days(rng, f + bw, from, ties.last[t]!);
    // The side with more referrals opened; the rest are interleaved at random.
    const dirs: boolean[] = [f >= bw];
    let left = f - (f >= bw ? 1 : 0);
    let right = bw - (f >= bw ? 0 : 1);
    while (left + right > 0) {
      const fwd = rng.float() * (left + right) < left;
      dirs.push(fwd);
      if (fwd) left--;
      else right--;
    }
    for (let i = 0; i < when.length; i++) {
      const giver = dirs[i] ? ties.a[t]! : ties.b[t]!;
      const receiver = dirs[i] ? ties.b[t]! : ties.a[t]!;
      const day = when[i]!;
      const status = statusFor(rng, cal.end - day);
      const rec: Referral = { id: makeId('r', n++, total), from: makeId('p', giver, pop.count), to: makeId('p', receiver, pop.count), at: cal.date(day), status };
      if (status === 'won') {
        const median = INDUSTRIES[pop.industry[receiver]!]!.dealMedian;
        rec.value = Math.max(50, Math.round(rng.logNormal(median, 0.9) / 10) * 10);
      }
      if (rng.chance(0.5)) rec.prospect = personName(rng);
      yield rec;
    }
  }
}
