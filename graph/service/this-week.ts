/**
 * "This week" for one person: who to call and why, in six sections (docs/ANALYTICS.md, "This
 * week"). Pure over the analytics engine and the records: no HTTP, no writes.
 *
 * - follow-ups: people met at an event in the last `followUpDays` days, with no interaction
 *   between the two dated on or after that event, a calendar date counting its whole day (one row
 *   per person, their latest such event);
 * - dormant: the re-networking queue (renetworking.ts), reason in words;
 * - owed: people who gave this person referrals and got none back (reciprocity.ts, "givers gain");
 * - introductions: introductions.ts (left out, with a note, when its dimension is sensitive);
 * - slips: referrals given or received still passed/contacted, with their age in days;
 * - funnel: VCP stages of the person's ties now and `funnelDays` (90) days earlier.
 * Rows the person dismissed by asOf (snoozed until a later date, or not relevant) are left out and
 * listed under `hidden` so they can be brought back. Every row has a stable `key` (rowKey below). Each
 * section is cut to `limit` rows after the rows about people the viewer does not see (`sees`) are
 * left out, so they never take the place of a row the viewer could have.
 */
import type { AnalyticsContext, Sees } from '../analytics/context.js';
import { neighbourIndexes, personIndex, tieAt } from '../analytics/context.js';
import type { Analytics } from '../analytics/engine.js';
import { inArcs } from '../analytics/referral-arcs.js';
import { personReciprocity } from '../analytics/reciprocity.js';
import { DAY_MS, endOf, onOrAfter, toMs } from '../analytics/time.js';
import { STAGES, vcp, type Stage } from '../analytics/vcp.js';
import type { RecordSet } from '../record-set.js';
import { count, daysAgo } from '../support/words.js';
import type { DismissalKind, ReferralStatus } from '../schema.js';
import type { ContactCard } from './contact-card.js';
import { ValidationError } from './errors.js';
import { referralAsOf } from './referral-status.js';
import { compareIds } from '../support/id-order.js';

export const THIS_WEEK_DEFAULTS = { limit: 10, funnelDays: 90 };

export type SectionName = 'followUp' | 'dormant' | 'owed' | 'intro' | 'slip';

/**
 * A row's stable key: its section and the ids it is about, each percent-encoded so no id can
 * forge a separator (':' is encoded). The same situation gives the same key week after week.
 */
export function rowKey(section: SectionName, ...ids: string[]): string {
  return [section, ...ids.map(encodeURIComponent)].join(':');
}

/** The section and ids of a row key; undefined for a key rowKey cannot make. */
export function parseRowKey(key: string): { section: SectionName; ids: string[] } | undefined {
  const [section, ...parts] = key.split(':');
  if (!SECTIONS.includes(section as SectionName) || parts.length !== ARITY[section as SectionName] || parts.includes('')) return undefined;
  try {
    return { section: section as SectionName, ids: parts.map(decodeURIComponent) };
  } catch {
    return undefined;
  }
}
const SECTIONS: readonly SectionName[] = ['followUp', 'dormant', 'owed', 'intro', 'slip'];
/** The ids in each section's row key (rowKey's callers below): a person and an event, a person, a pair, a referral. */
const ARITY: Readonly<Record<SectionName, number>> = { followUp: 2, dormant: 1, owed: 1, intro: 2, slip: 1 };

/**
 * The key of an introduction's row: the pair in id order, whichever way round it is given, so
 * one pair has one key (introductions.ts gives `a` before `b` already).
 */
export function introRowKey(a: string, b: string): string {
  return compareIds(a, b) <= 0 ? rowKey('intro', a, b) : rowKey('intro', b, a);
}

/** Where each section's row key names people (a follow-up's second id is an event, a slip's a referral). */
const PERSON_PLACES: Readonly<Record<SectionName, readonly number[]>> = { followUp: [0], dormant: [0], owed: [0], intro: [0, 1], slip: [] };

/**
 * The key of the row `key` is about once person `from` is person `to` (a merge): rebuilt by the
 * builders above, so it is spelt as rowKey spells it and an introduction's pair is in id order
 * (introRowKey). The key as it is when it names no `from` as a person, or is no row key at all.
 * Whether the rebuilt row is one of a given person's week is rowKeyProblem's to say.
 */
export function rowKeyNaming(key: string, from: string, to: string): string {
  const parsed = parseRowKey(key);
  if (parsed === undefined) return key;
  const places = PERSON_PLACES[parsed.section];
  if (!places.some((i) => parsed.ids[i] === from)) return key;
  const ids = parsed.ids.map((id, i) => (places.includes(i) && id === from ? to : id));
  return parsed.section === 'intro' ? introRowKey(ids[0]!, ids[1]!) : rowKey(parsed.section, ...ids);
}

/** The two ends of a referral, or undefined for one the caller does not know. */
export type ReferralEnds = (referral: string) => { from: string; to: string } | undefined;

/** How a message names each section's rows. */
const SECTION_WORDS: Readonly<Record<SectionName, string>> = { followUp: 'follow-up', dormant: 'dormant', owed: 'owed', intro: 'introduction', slip: 'slip' };

/**
 * Why `person`'s week never shows a row under `key`, or undefined when it may: what a row of each
 * section can be for that person, as the builders below make them — the key spelt as rowKey spells
 * it; a follow-up, dormant or owed row about someone else; an introduction between two people,
 * neither of them the person, the pair in id order (introRowKey); the slip of a referral the
 * person gave or received (`endsOf`; a referral it does not know is left to the reference checks).
 * These never change for a row; whether it is in a week (a tie gone quiet, an event both attended,
 * a slip still open) changes with the records, so a row may be hidden before it first shows.
 * Undefined for a key parseRowKey refuses: that is refused as no row key at all.
 */
export function rowKeyProblem(person: string, key: string, endsOf: ReferralEnds): string | undefined {
  const parsed = parseRowKey(key);
  if (parsed === undefined) return undefined;
  const { section, ids } = parsed;
  const spelt = rowKey(section, ...ids);
  if (spelt !== key) return `is not spelt as the week spells its keys: "${spelt}" (each id percent-encoded as encodeURIComponent does)`;
  const words = SECTION_WORDS[section];
  switch (section) {
    case 'followUp':
    case 'dormant':
    case 'owed':
      return ids[0] === person ? `is about "${person}", whose week it is: a ${words} row of a person's week is about someone else` : undefined;
    case 'intro': {
      const [a, b] = ids as [string, string];
      if (a === person || b === person) return `names "${person}", whose week it is: an introduction of a person's week is between two of their contacts`;
      if (a === b) return `names "${a}" twice: an introduction is between two different people`;
      const canonical = introRowKey(a, b);
      return canonical === key ? undefined : `names the pair in reverse order: the week writes this introduction as "${canonical}", the two ids in id order`;
    }
    case 'slip': {
      const ends = endsOf(ids[0]!);
      if (ends === undefined || ends.from === person || ends.to === person) return undefined;
      return `is the ${words} of referral "${ids[0]!}", which "${person}" neither gave nor received: a person's week shows the slips they gave or received`;
    }
  }
}

interface Row {
  key: string;
  person: ContactCard;
  reason: string;
}
export interface FollowUpRow extends Row {
  event: { id: string; name: string; at: string };
  daysSince: number;
}
export interface DormantRow extends Row {
  stage: Stage;
  daysSinceContact: number;
  cadenceDays: number;
  score: number;
}
export interface OwedRow extends Row {
  referralsReceived: number;
  valueReceived: number;
}
export interface IntroductionRow extends Row {
  /** the second person of the pair (`person` is the first) */
  other: ContactCard;
  referralTraffic: number;
  /** a drafted introduction to copy */
  message: string;
}
export interface SlipRow extends Row {
  referral: string;
  direction: 'given' | 'received';
  status: ReferralStatus;
  ageDays: number;
  prospect?: string;
  value?: number;
}
export interface HiddenRow {
  key: string;
  kind: DismissalKind;
  until?: string;
  /** the people the row was about, by name */
  about: string[];
}
export type StageCounts = Record<Stage, number>;

export interface ThisWeek {
  person: ContactCard;
  asOf: string;
  followUps: FollowUpRow[];
  dormant: DormantRow[];
  owed: OwedRow[];
  introductions: IntroductionRow[];
  /** why introductions are empty when they could not be computed (a sensitive dimension) */
  introductionsNote?: string;
  slips: SlipRow[];
  funnel: { now: StageCounts; before: StageCounts; change: StageCounts; since: string };
  hidden: HiddenRow[];
}

/** What this use-case reads of the engine (the privacy-wrapped engine in the server). */
export type WeekEngine = Pick<Analytics, 'context' | 'renetworking' | 'introductions' | 'contactCard'>;

export interface ThisWeekOptions {
  asOf?: number;
  limit?: number;
  funnelDays?: number;
  /** the people the viewer sees (undefined: everyone); the funnel still counts every tie */
  sees?: Sees;
}

/** The "this week" page of a person; UnknownIdError (404) for an unknown person. */
export function thisWeek(engine: WeekEngine, person: string, options: ThisWeekOptions = {}): ThisWeek {
  const o = { ...THIS_WEEK_DEFAULTS, ...options };
  const { sees } = options;
  const ctx = engine.context(options.asOf);
  const { records, asOf } = ctx;
  personIndex(ctx, person);
  const dismissed = activeDismissals(records, person, asOf);
  // The engine's cards: behind the privacy policy, they leave sensitive fields out (as every card does).
  const card: Card = (id) => engine.contactCard(records, id);
  const seen = (r: Row & { other?: ContactCard }) => !sees || (sees(r.person.id) && (r.other === undefined || sees(r.other.id)));
  const visible = <R extends Row & { other?: ContactCard }>(rows: R[]) => rows.filter((r) => !dismissed.has(r.key) && seen(r)).slice(0, o.limit);

  const dormant = engine.renetworking(person, { asOf, limit: o.limit + dismissed.size, sees }).queue.map(
    (item): DormantRow => ({
      key: rowKey('dormant', item.person),
      person: card(item.person),
      reason: item.reason,
      stage: item.stage,
      daysSinceContact: Math.floor(item.daysSinceContact),
      cadenceDays: item.cadenceDays,
      score: item.score,
    }),
  );

  let introductionsNote: string | undefined;
  let introductions: IntroductionRow[] = [];
  try {
    introductions = engine.introductions(person, { asOf, limit: o.limit + dismissed.size, sees }).introductions.map((i) => ({
      key: introRowKey(i.a, i.b),
      person: card(i.a),
      other: card(i.b),
      referralTraffic: i.referralTraffic,
      reason: i.reason,
      message: i.message,
    }));
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    introductionsNote = err.issues.map((i) => i.message).join('; ');
  }

  return {
    person: card(person),
    asOf: new Date(asOf).toISOString(),
    followUps: visible(followUps(ctx, person, card)),
    dormant: visible(dormant),
    owed: visible(owed(ctx, person, card)),
    introductions: visible(introductions),
    ...(introductionsNote ? { introductionsNote } : {}),
    slips: visible(openSlips(records, person, asOf, card)),
    funnel: funnel(engine, person, asOf, o.funnelDays),
    hidden: hiddenRows(records, person, asOf, sees),
  };
}

/** Row keys the person hides as of asOf: dismissed by then, and not relevant or snoozed until a later instant. */
function activeDismissals(records: RecordSet, person: string, asOf: number): Set<string> {
  const out = new Set<string>();
  for (const key of records.dismissalsOf.get(person)) {
    const d = records.get('dismissal', key);
    if (d && isActive(d, asOf)) out.add(d.row);
  }
  return out;
}

/**
 * A dismissal hides its row from its own instant (`at`) on: asked as of an earlier date, the week
 * is as it was then, the row in its section. A snooze ends at `until`.
 */
function isActive(d: { kind: DismissalKind; until?: string; at: string }, asOf: number): boolean {
  if (Date.parse(d.at) > asOf) return false;
  return d.kind === 'not_relevant' || Date.parse(d.until!) > asOf;
}

/** The people a row is about: a slip's is the other end of its referral, other rows name theirs (an event's id is no one). */
function peopleOfRow(records: RecordSet, person: string, row: { section: SectionName; ids: string[] }): string[] {
  if (row.section !== 'slip') return row.ids.filter((id) => records.has('person', id));
  const r = records.get('referral', row.ids[0]!);
  return r ? [r.from, r.to].filter((id) => id !== person) : [];
}

/**
 * The private contacts whose id a key that does not parse spells out, raw or as rowKey encodes it.
 * Only an old import can have stored such a key; it names no one for sure, so it is listed only to
 * a viewer who sees every private contact it might name.
 */
function privateIdsIn(records: RecordSet, key: string): string[] {
  return [...records.privatePeople].filter((id) => key.includes(id) || key.includes(encodeURIComponent(id)));
}

/** The person's hidden rows, but those about someone the viewer does not see (the row names them). */
function hiddenRows(records: RecordSet, person: string, asOf: number, sees: Sees = () => true): HiddenRow[] {
  const out: HiddenRow[] = [];
  for (const key of records.dismissalsOf.get(person)) {
    const d = records.get('dismissal', key);
    if (!d || !isActive(d, asOf)) continue;
    const parsed = parseRowKey(d.row);
    const people = parsed ? peopleOfRow(records, person, parsed) : [];
    if (!people.every(sees)) continue;
    if (!parsed && !privateIdsIn(records, d.row).every(sees)) continue;
    const about = people.filter((id) => records.has('person', id)).map((id) => records.get('person', id)!.name);
    out.push({ key: d.row, kind: d.kind, ...(d.until ? { until: d.until } : {}), about });
  }
  return out.sort((a, b) => compareIds(a.key, b.key));
}

/** A person's contact card, as the answer may show it. */
type Card = (id: string) => ContactCard;

function followUps(ctx: AnalyticsContext, person: string, card: Card): FollowUpRow[] {
  const { records, asOf } = ctx;
  const windowStart = asOf - ctx.config.followUpDays * DAY_MS;
  /** per other person: the latest recent event attended with them */
  const latest = new Map<string, { id: string; name: string; at: string; ms: number }>();
  for (const key of records.attendanceOf.get(person)) {
    const eventId = records.get('attendance', key)?.event;
    const event = eventId === undefined ? undefined : records.get('event', eventId);
    if (!event) continue;
    const ms = Date.parse(event.at);
    if (!(ms > windowStart && ms <= asOf)) continue;
    for (const otherKey of records.attendeesOf.get(event.id)) {
      const other = records.get('attendance', otherKey)?.person;
      if (other === undefined || other === person || !records.has('person', other)) continue;
      const seen = latest.get(other);
      if (!seen || ms > seen.ms || (ms === seen.ms && event.id < seen.id)) latest.set(other, { id: event.id, name: event.name, at: event.at, ms });
    }
  }
  /** per other person: the date of their last interaction by asOf (the latest end, a calendar date its whole day) */
  const lastInteraction = new Map<string, string>();
  for (const key of records.interactionsOf.get(person)) {
    const i = records.get('interaction', key);
    if (!i || !(toMs(i.at) <= asOf)) continue;
    const other = i.a === person ? i.b : i.a;
    const seen = lastInteraction.get(other);
    if (seen === undefined || endOf(i.at) > endOf(seen)) lastInteraction.set(other, i.at);
  }
  const rows: FollowUpRow[] = [];
  for (const [other, event] of latest) {
    const last = lastInteraction.get(other);
    if (last !== undefined && onOrAfter(last, event.at)) continue;
    const daysSince = Math.floor((asOf - event.ms) / DAY_MS);
    rows.push({
      key: rowKey('followUp', other, event.id),
      person: card(other),
      event: { id: event.id, name: event.name, at: event.at },
      daysSince,
      reason: `you both attended ${event.name} ${daysAgo(daysSince)} and have not been in touch since`,
    });
  }
  return rows.sort((a, b) => b.daysSince - a.daysSince || compareIds(a.person.id, b.person.id));
}

function owed(ctx: AnalyticsContext, person: string, card: Card): OwedRow[] {
  const received = inArcs(ctx, person);
  return personReciprocity(ctx, person)
    .owed.filter((other) => ctx.records.has('person', other))
    .map((other) => {
      const t = received.get(other)!;
      return {
        key: rowKey('owed', other),
        person: card(other),
        referralsReceived: t.count,
        valueReceived: t.value,
        reason: `gave you ${count(t.count, 'referral')} and has had none back from you yet`,
      };
    })
    .sort((a, b) => b.referralsReceived - a.referralsReceived || b.valueReceived - a.valueReceived || compareIds(a.person.id, b.person.id));
}

function openSlips(records: RecordSet, person: string, asOf: number, card: Card): SlipRow[] {
  const rows: SlipRow[] = [];
  for (const key of records.referralsOf.get(person)) {
    const r = records.get('referral', key);
    // Open as of asOf: a slip closed since was still open then, and shows as it stood.
    const then = r && referralAsOf(r, asOf);
    if (!r || !then || (then.status !== 'passed' && then.status !== 'contacted')) continue;
    const ms = Date.parse(r.at);
    const direction = r.from === person ? 'given' : 'received';
    const other = direction === 'given' ? r.to : r.from;
    const ageDays = Math.floor((asOf - ms) / DAY_MS);
    const what = r.prospect ? ` for ${r.prospect}` : '';
    rows.push({
      key: rowKey('slip', r.id),
      person: card(other),
      referral: r.id,
      direction,
      status: then.status,
      ageDays,
      ...(r.prospect ? { prospect: r.prospect } : {}),
      ...(then.value !== undefined ? { value: then.value } : {}),
      reason:
        direction === 'given'
          ? `you passed a referral${what} ${daysAgo(ageDays)}; still ${then.status}`
          : `referral${what} you received ${daysAgo(ageDays)}; still ${then.status}: close it won or lost`,
    });
  }
  return rows.sort((a, b) => b.ageDays - a.ageDays || compareIds(a.referral, b.referral));
}

/** VCP stages of the person's ties as of asOf and funnelDays earlier (ties that existed then). */
/**
 * The funnel then is read from the same context as now: every tie of `funnelDays` ago is still
 * one of the person's ties now, its facts cut at then. A context of then would build a snapshot
 * of the whole network as of that date after every write (1.3 s of the first week asked after a
 * meeting was logged, on the 100,000-person benchmark network).
 */
function funnel(engine: WeekEngine, person: string, asOf: number, funnelDays: number): ThisWeek['funnel'] {
  const thenMs = asOf - funnelDays * DAY_MS;
  const ctx = engine.context(asOf);
  const now = stageCounts(ctx, person, asOf);
  const before = stageCounts(ctx, person, thenMs);
  const change = Object.fromEntries(STAGES.map((s) => [s, now[s] - before[s]])) as StageCounts;
  return { now, before, change, since: new Date(thenMs).toISOString() };
}

/** The VCP stages of a person's ties as of `at` (≤ ctx.asOf). */
function stageCounts(ctx: AnalyticsContext, person: string, at: number): StageCounts {
  const counts: StageCounts = { visibility: 0, credibility: 0, profitability: 0 };
  const u = ctx.csr.index.get(person);
  if (u === undefined) return counts;
  for (const v of neighbourIndexes(ctx, u)) {
    const f = tieAt(ctx, person, ctx.csr.ids[v]!, at);
    if (f) counts[vcp(f, at, ctx.config).stage]++;
  }
  return counts;
}
