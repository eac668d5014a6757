/**
 * How the chapter report's parts read, on the page (viz/src/chapter/main.ts) and in the CLI
 * (`refnet report chapter`): one place for their titles, for what an empty part says, and for
 * why a part is left out, so both tell an organiser the same thing. An empty part is a finding
 * ("No visitors in the period."); a part left out for this reader says so instead.
 */

/** The report's parts after the member table, in the order both show them. */
export const CHAPTER_PARTS = [
  ['visitors', 'Visitors', 'No visitors in the period.'],
  ['oneToOnesThatWouldPay', 'One-to-ones that would pay', 'Every pair of members whose professions trade referrals has already met.'],
  ['openSeats', 'Open seats', 'No profession missing from the chapter trades referrals with its members.'],
  ['giversAndTakers', 'Givers and takers', 'Every member gave as many referrals as they received.'],
  ['powerTeams', 'Power teams', 'No ties among the members yet.'],
] as const;

export type ChapterPart = (typeof CHAPTER_PARTS)[number][0];

/** What a part of the report says when it has nothing to list. */
export const chapterEmpty = Object.fromEntries(CHAPTER_PARTS.map(([key, , empty]) => [key, empty])) as Record<ChapterPart, string>;

/** A member's own row of givers and takers, when the rest is left out for them and they have none. */
export const NO_OWN_BALANCE = 'No row of yours in the period.';

/**
 * Why a part is left out for this reader: `members` withheld means the reader does not organise
 * the chapter; otherwise what is left out is drawn from professions, a sensitive attribute.
 */
export function withheldReason(withheld: ReadonlySet<string>): string {
  return withheld.has('members') ? 'Shown to the chapter’s organisers and admins only.' : 'Left out: professions are a sensitive attribute in this network.';
}

/** One giver's or taker's line: "Ann Lee: gave 3, received 1 (giver)". */
export function balanceLine(name: string, g: { given: number; received: number; kind: string }): string {
  return `${name}: gave ${g.given}, received ${g.received} (${g.kind})`;
}
