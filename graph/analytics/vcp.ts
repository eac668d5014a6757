/**
 * VCP stage of a tie — Ivan Misner's Visibility → Credibility → Profitability referral process
 * (Misner & Morgan, "Masters of Networking", 2000; Misner, "The VCP Process", BNI). People first
 * know *of* each other, then trust each other's competence, then pass business both ways.
 *
 * DEFAULTS (config.ts, all configurable):
 * - visibility: any evidence of a tie;
 * - credibility: ≥ 1 one_to_one, or ≥ 1 referral either way, or ≥ 3 interactions;
 * - profitability: referrals in both directions and ≥ 1 of them won;
 * - dormant (a flag): asOf − last contact > the stage's cadence (30 / 60 / 90 days). A tie at
 *   exactly its cadence is not yet dormant.
 */
import type { AnalyticsConfig } from './config.js';
import { DAY_MS } from './time.js';
import type { TieFacts } from './tie-facts.js';
import { count, num } from '../support/words.js';

export const STAGES = ['visibility', 'credibility', 'profitability'] as const;
export type Stage = (typeof STAGES)[number];

export interface VcpEvidence {
  interactions: number;
  oneToOnes: number;
  byKind: TieFacts['byKind'];
  referralsGiven: number;
  referralsReceived: number;
  referralsWon: number;
  referralValueGiven: number;
  referralValueReceived: number;
  coAttendedEvents: number;
  firstContact: string;
  lastContact: string;
}

export interface VcpResult {
  stage: Stage;
  dormant: boolean;
  /** days since the last contact, as of asOf */
  daysSinceContact: number;
  cadenceDays: number;
  /** which rule placed the tie at its stage, in words */
  reason: string;
  /** seen from `a` (given = a → b) */
  evidence: VcpEvidence;
}

/** The counts the stage rules read (from TieFacts or the lighter TieSummary). */
export interface StageInputs {
  interactions: number;
  oneToOnes: number;
  given: number;
  received: number;
  won: number;
}

/** Stage inputs of full tie facts. */
export function stageInputs(f: TieFacts): StageInputs {
  return { interactions: f.interactions, oneToOnes: f.oneToOnes, given: f.aToB.count, received: f.bToA.count, won: f.aToB.won + f.bToA.won };
}

/** Which VCP rule places a tie: its stage is STAGE_OF_RULE[rule], its reason reasonOf(rule). */
const enum Rule {
  Profitability,
  OneToOnes,
  Referrals,
  Interactions,
  Visibility,
}

const STAGE_INDEX_OF_RULE = [2, 1, 1, 1, 0] as const;

/** The first rule a tie's counts meet (the rules, in one place). */
function ruleOf(interactions: number, oneToOnes: number, given: number, received: number, won: number, config: AnalyticsConfig): Rule {
  if (given > 0 && received > 0 && won >= config.profitability.minWon) return Rule.Profitability;
  const c = config.credibility;
  if (oneToOnes >= c.minOneToOnes) return Rule.OneToOnes;
  if (given + received >= c.minReferrals) return Rule.Referrals;
  if (interactions >= c.minInteractions) return Rule.Interactions;
  return Rule.Visibility;
}

/**
 * Index in STAGES of the stage a tie's counts reach, without the reason's words: the CSR build
 * asks it of every tie.
 */
export function stageIndexOf(interactions: number, oneToOnes: number, given: number, received: number, won: number, config: AnalyticsConfig): number {
  return STAGE_INDEX_OF_RULE[ruleOf(interactions, oneToOnes, given, received, won, config)];
}

/** The stage reached by a tie's facts (no dormancy). */
export function vcpStage(facts: TieFacts | StageInputs, config: AnalyticsConfig): { stage: Stage; reason: string } {
  const f = 'aToB' in facts ? stageInputs(facts) : facts;
  const rule = ruleOf(f.interactions, f.oneToOnes, f.given, f.received, f.won, config);
  const stage = STAGES[STAGE_INDEX_OF_RULE[rule]];
  switch (rule) {
    case Rule.Profitability:
      return { stage, reason: `referrals in both directions, ${num(f.won)} won` };
    case Rule.OneToOnes:
      return { stage, reason: count(f.oneToOnes, 'one-to-one meeting') };
    case Rule.Referrals:
      return { stage, reason: `${count(f.given + f.received, 'referral')} exchanged` };
    case Rule.Interactions:
      return { stage, reason: count(f.interactions, 'interaction') };
    case Rule.Visibility:
      return { stage, reason: 'known to each other, no credibility evidence yet' };
  }
}

/** Stage, dormant flag and evidence of a tie as of `asOf` (ms). */
export function vcp(f: TieFacts, asOf: number, config: AnalyticsConfig): VcpResult {
  const { stage, reason } = vcpStage(f, config);
  const cadenceDays = config.cadenceDays[stage];
  const ageMs = asOf - f.last;
  return {
    stage,
    dormant: ageMs > cadenceDays * DAY_MS,
    daysSinceContact: ageMs / DAY_MS,
    cadenceDays,
    reason,
    evidence: {
      interactions: f.interactions,
      oneToOnes: f.oneToOnes,
      byKind: f.byKind,
      referralsGiven: f.aToB.count,
      referralsReceived: f.bToA.count,
      referralsWon: f.aToB.won + f.bToA.won,
      referralValueGiven: f.aToB.value,
      referralValueReceived: f.bToA.value,
      coAttendedEvents: f.events.length,
      firstContact: new Date(f.first).toISOString(),
      lastContact: new Date(f.last).toISOString(),
    },
  };
}
