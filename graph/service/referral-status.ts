/**
 * The referral lifecycle passed → contacted → won | lost. A status may move forward or stay; a
 * closed referral (won or lost) is final, so a PATCH cannot quietly reopen or flip it.
 */
import type { ReferralStatus } from '../schema.js';

const RANK: Record<ReferralStatus, number> = { passed: 0, contacted: 1, won: 2, lost: 2 };

/** Why the move is not allowed, or undefined when it is. */
export function statusMoveProblem(from: ReferralStatus, to: ReferralStatus): string | undefined {
  if (from === to) return undefined;
  if (RANK[from] === 2) return `the referral is already ${from}; a closed referral cannot change status`;
  if (RANK[to] < RANK[from]) return `status cannot go back from ${from} to ${to}`;
  return undefined;
}
