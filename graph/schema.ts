/**
 * The refnet domain as zod schemas: the single source of truth for the import/export document,
 * API bodies and store records. Types are inferred from these schemas, never written by hand.
 *
 * Objects are strict: an unknown field is an error rather than something silently dropped, so a
 * document that imports also exports exactly as it came in.
 */
import { z } from 'zod';
import { referralHistoryIssues } from './service/referral-status.js';

/**
 * Any text is an id (names are data), but for "." and "..": every URL parser resolves such a path
 * segment away (/api/people/. is /api/people/, and %2E is read as a dot), so a record with that id
 * could be created but never read, changed or deleted by id. Nor text with half of a surrogate
 * pair (JSON's "\ud800" alone): it has no UTF-8 form, so no URL names it either.
 */
/** Half of a surrogate pair alone (a whole pair is one code point under the u flag). */
const LONE_SURROGATE = /\p{Cs}/u;

export const idSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(256, 'at most 256 characters')
  .refine((id) => id !== '.' && id !== '..', { message: '"." and ".." cannot be ids: a URL path cannot address them', abort: true })
  .refine((id) => !LONE_SURROGATE.test(id), { message: 'holds half of a surrogate pair (not Unicode text): a URL path cannot address it', abort: true });

export const DATE_FORMATS = 'must be an ISO 8601 date (YYYY-MM-DD) or date-time with offset';
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Why a date refused by dateSchema is refused: a date written in the right form whose day does not
 * exist (2026-02-30, month 13) says so, in every place a date is read (API bodies and queries, the
 * CLI's options), rather than calling a right format wrong.
 */
export function dateProblem(input: unknown): string {
  const m = typeof input === 'string' ? /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(input) : null;
  if (!m) return DATE_FORMATS;
  const [day, year, month, date] = [`${m[1]}-${m[2]}-${m[3]}`, Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `${day} does not exist: a month is 01 to 12`;
  if (date < 1 || date > 31) return `${day} does not exist: a day is 01 to 31`;
  const last = new Date(0);
  last.setUTCFullYear(year, month, 0); // day 0 of the next month: the month's last day (years under 100 too)
  const days = last.getUTCDate();
  if (date > days) return `${day} does not exist: ${MONTH_NAMES[month - 1]} ${m[1]} has ${days} days`;
  return DATE_FORMATS;
}

/**
 * The years a record or an instant may name. A date outside them is a typo (0202 for 2022, 20222
 * cut to 2022's neighbour 2202) far more often than a record: stored, it would stretch the map's
 * time slider across centuries and put a slip millennia from the rest of its history.
 */
export const DATE_YEARS = { first: 1900, last: 2199 } as const;

const FIRST_INSTANT = Date.UTC(DATE_YEARS.first, 0, 1);
const AFTER_LAST_INSTANT = Date.UTC(DATE_YEARS.last + 1, 0, 1);

/**
 * Why a well-formed date is outside DATE_YEARS, or undefined when it is inside. The instant
 * decides (UTC, as every comparison reads dates): 2199-12-31T23:59:59-12:00 is in 2200.
 */
export function dateYearProblem(date: string): string | undefined {
  const year = Number(date.slice(0, 4));
  const years = `the years ${DATE_YEARS.first}–${DATE_YEARS.last}`;
  if (year < DATE_YEARS.first || year > DATE_YEARS.last) return `${date.slice(0, 10)} is outside ${years}: is the year ${date.slice(0, 4)} a typo?`;
  const at = Date.parse(date);
  if (at >= FIRST_INSTANT && at < AFTER_LAST_INSTANT) return undefined;
  return `${date} is ${new Date(at).toISOString()} in UTC, outside ${years}`;
}

/** A calendar date (2024-03-01) or an ISO 8601 date-time with offset (2024-03-01T09:30:00Z), in DATE_YEARS. */
export const dateSchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: (issue) => dateProblem(issue.input),
  })
  .superRefine((date, ctx) => {
    const problem = dateYearProblem(date);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: date });
  });

const text = (max = 500) => z.string().max(max, `at most ${max} characters`);
/**
 * zod strips a `__proto__` key from records instead of reporting it; an attribute must never
 * vanish silently, so such keys are rejected by name, on the raw input.
 */
export const RESERVED_ATTRIBUTE_KEYS: readonly string[] = ['__proto__'];
const attributesSchema = z.preprocess(
  (raw, ctx) => {
    if (raw && typeof raw === 'object') {
      for (const key of RESERVED_ATTRIBUTE_KEYS) {
        if (Object.hasOwn(raw, key)) {
          ctx.addIssue({ code: 'custom', message: `${key} is a reserved name and cannot be an attribute key`, path: [key], input: raw });
        }
      }
    }
    return raw;
  },
  z.record(z.string().min(1).max(100), z.string().max(1000, 'at most 1000 characters')),
);

const name = z.string().trim().min(1, 'must not be empty').max(300, 'at most 300 characters');

/**
 * An email address as RFC 6531 allows it: the local part may be any letters, not only ASCII
 * ("josé@example.es", "用户@例子.广告"), and the domain an internationalised one. Still an address:
 * no spaces, quotes or brackets, no leading, trailing or double dot, a dotted domain whose labels
 * are letters, digits and hyphens, at most 254 characters.
 */
export const emailSchema = z.email({
  pattern: /^(?!\.)(?!.*\.\.)[^\s@"(),:;<>[\]\\]{1,64}(?<!\.)@(?=.{1,253}$)(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}\p{N}][\p{L}\p{N}-]{0,61}[\p{L}\p{N}]$/u,
  error: 'not a valid email address',
}).meta({ format: 'idn-email' }); // JSON Schema's name for an RFC 6531 address (plain "email" is ASCII only)

export const personSchema = z.strictObject({
  id: idSchema,
  name,
  email: emailSchema.optional(),
  company: text(300).optional(),
  title: text(300).optional(),
  industry: text(200).optional(),
  profession: text(200).optional(),
  location: text(300).optional(),
  tags: z.array(z.string().min(1).max(100)).max(100).optional(),
  /** User-defined dimensions (department, club, …): string keys to string values. */
  attributes: attributesSchema.optional(),
  /**
   * The person (a member) whose private contact this is, imported from their own export: withheld
   * from everyone else until shared (graph/service/contact-visibility.ts). Absent: shared.
   */
  privateTo: idSchema.optional(),
});

export const companySchema = z.strictObject({
  id: idSchema,
  name,
  industry: text(200).optional(),
  size: z.union([z.number().int().nonnegative(), text(50)]).optional(),
  location: text(300).optional(),
});

export const groupSchema = z.strictObject({
  id: idSchema,
  name,
  kind: text(100).optional(),
  location: text(300).optional(),
});

export const membershipSchema = z
  .strictObject({
    person: idSchema,
    group: idSchema,
    since: dateSchema.optional(),
    until: dateSchema.optional(),
  })
  .refine((m) => !m.since || !m.until || Date.parse(m.until) >= Date.parse(m.since), {
    message: 'until must not be before since',
    path: ['until'],
  });

export const eventSchema = z.strictObject({
  id: idSchema,
  name,
  at: dateSchema,
  group: idSchema.optional(),
  location: text(300).optional(),
});

export const attendanceSchema = z.strictObject({ person: idSchema, event: idSchema });

export const INTERACTION_KINDS = ['met', 'one_to_one', 'follow_up', 'call', 'message', 'introduction'] as const;
export const interactionKindSchema = z.enum(INTERACTION_KINDS);

export const interactionSchema = z
  .strictObject({
    id: idSchema.optional(),
    a: idSchema,
    b: idSchema,
    kind: interactionKindSchema,
    at: dateSchema,
    note: text(2000).optional(),
  })
  .refine((i) => i.a !== i.b, { message: 'an interaction needs two different people', path: ['b'] });

/** passed → contacted → won | lost */
export const REFERRAL_STATUSES = ['passed', 'contacted', 'won', 'lost'] as const;
export const referralStatusSchema = z.enum(REFERRAL_STATUSES);

/**
 * The most a money amount (a referral's value) may be: far above any real referral, and low enough
 * that sums over any realistic number of them stay exact to the cent and finite (a value of
 * 1.7e308 is finite, but two of them add up to Infinity, which JSON writes as null).
 */
export const MAX_MONEY = 1e12;
export const moneySchema = z
  .number()
  .finite()
  .nonnegative()
  .max(MAX_MONEY, `at most ${MAX_MONEY.toLocaleString('en-US')}: a referral's value is an amount in the network's currency`);

const referralValueSchema = moneySchema;

/**
 * One entry of a referral's dated status history: the status (and closed value) the slip had from
 * `at` on; `note` is the word of whoever made that move.
 */
export const referralChangeSchema = z.strictObject({ status: referralStatusSchema, at: dateSchema, value: referralValueSchema.optional(), note: text(2000).optional() });

/**
 * A referral (a slip). `changes` is its dated status history (graph/service/referral-status.ts):
 * the first entry the slip as passed, at its own `at`; each later one a move the lifecycle allows,
 * in date order; the last one its current status and value. Written by the service when a write
 * moves the slip, or given whole by a client (to backdate a close), keeping the changes already
 * recorded (referral-status.ts recordedHistoryIssues: checked where a write comes in, with the
 * stored slip and the clock, which this schema has not). Absent or empty: the slip has
 * only its status and value, which count from `at`. Optional, not defaulted, so a document or a
 * store written without histories reads, exports and derives its ids exactly as before.
 */
export const referralSchema = z
  .strictObject({
    id: idSchema.optional(),
    from: idSchema,
    to: idSchema,
    at: dateSchema,
    status: referralStatusSchema,
    value: referralValueSchema.optional(),
    prospect: text(300).optional(),
    note: text(2000).optional(),
    changes: z.array(referralChangeSchema).max(100, 'at most 100 changes').optional(),
  })
  .refine((r) => r.from !== r.to, { message: 'a referral cannot go from a person to themselves', path: ['to'] })
  .superRefine((r, ctx) => {
    for (const issue of referralHistoryIssues(r)) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, input: r.changes });
  });

/**
 * A row of someone's "this week" list that they hid: snoozed until a date, or marked not relevant
 * (for good, until they take it back). Kept as data so it survives restarts and travels in exports.
 * `row` is the row's stable key (graph/service/this-week.ts); one dismissal per person and row, its
 * id derived from the two (dismissalId). The schema reads stored data too, so the row key and id
 * rules are checked where a dismissal comes in (graph/service/dismissals.ts), not here.
 */
export const DISMISSAL_KINDS = ['snoozed', 'not_relevant'] as const;
export const dismissalKindSchema = z.enum(DISMISSAL_KINDS);

export const dismissalSchema = z
  .strictObject({
    id: idSchema,
    person: idSchema,
    row: z.string().min(1, 'must not be empty').max(1000, 'at most 1000 characters'),
    kind: dismissalKindSchema,
    until: dateSchema.optional(),
    at: dateSchema,
  })
  .refine((d) => (d.kind === 'snoozed') === (d.until !== undefined), {
    message: 'a snoozed row needs until (and only a snoozed one has it)',
    path: ['until'],
  })
  .superRefine((d, ctx) => {
    if (d.until !== undefined && !snoozeEndsAfter(d.until, d.at)) ctx.addIssue({ code: 'custom', message: SNOOZE_IN_THE_PAST(d.at), path: ['until'] });
  });

/**
 * True when a snooze ending at `until` ends after the dismissal's own instant `at`: a dismissal
 * hides its row from `at` until `until` (graph/service/this-week.ts), so one ending at or before
 * `at` would hide it at no instant — a date in the past, refused rather than stored.
 */
export function snoozeEndsAfter(until: string, at: string): boolean {
  return Date.parse(until) > Date.parse(at);
}
export const SNOOZE_IN_THE_PAST = (at: string) => `must be after the dismissal's own date (${at}): a snooze ends later than it starts`;

/**
 * A member's request to a connector for an introduction to a target (from a warm path): the
 * connector accepts, declines or marks it made; the requester records the outcome. `changes` is
 * its dated status history (the first entry is the asking), which connectors' reliability reads.
 * `note` is the requester's, given when asking; a note given with a later move is that move's own
 * (`changes[i].note`), so no one's words replace another's.
 */
export const INTRO_REQUEST_STATUSES = ['asked', 'accepted', 'declined', 'made', 'outcome'] as const;
export const introRequestStatusSchema = z.enum(INTRO_REQUEST_STATUSES);
export const INTRO_OUTCOMES = ['met', 'referral', 'nothing'] as const;
export const introOutcomeSchema = z.enum(INTRO_OUTCOMES);

export const introRequestChangeSchema = z.strictObject({ status: introRequestStatusSchema, at: dateSchema, note: text(2000).optional() });

export const introRequestSchema = z
  .strictObject({
    id: idSchema,
    requester: idSchema,
    connector: idSchema,
    target: idSchema,
    at: dateSchema,
    status: introRequestStatusSchema,
    outcome: introOutcomeSchema.optional(),
    note: text(2000).optional(),
    changes: z.array(introRequestChangeSchema).max(100, 'at most 100 changes').default([]),
  })
  .refine((r) => r.requester !== r.connector && r.requester !== r.target && r.connector !== r.target, {
    message: 'requester, connector and target must be three different people',
    path: ['target'],
  })
  .refine((r) => (r.status === 'outcome') === (r.outcome !== undefined), {
    message: 'an outcome (met, referral, nothing) goes with status "outcome", and only with it',
    path: ['outcome'],
  });

/** The network document of docs/DOMAIN.md: import, export and the embedded snapshot all use it. */
export const networkDocumentSchema = z.strictObject({
  people: z.array(personSchema).default([]),
  companies: z.array(companySchema).default([]),
  groups: z.array(groupSchema).default([]),
  memberships: z.array(membershipSchema).default([]),
  events: z.array(eventSchema).default([]),
  attendance: z.array(attendanceSchema).default([]),
  interactions: z.array(interactionSchema).default([]),
  referrals: z.array(referralSchema).default([]),
  dismissals: z.array(dismissalSchema).default([]),
  introRequests: z.array(introRequestSchema).default([]),
});

export type Person = z.infer<typeof personSchema>;
export type Company = z.infer<typeof companySchema>;
export type Group = z.infer<typeof groupSchema>;
export type Membership = z.infer<typeof membershipSchema>;
export type NetworkEvent = z.infer<typeof eventSchema>;
export type Attendance = z.infer<typeof attendanceSchema>;
export type InteractionKind = z.infer<typeof interactionKindSchema>;
export type Interaction = z.infer<typeof interactionSchema>;
export type ReferralStatus = z.infer<typeof referralStatusSchema>;
export type Referral = z.infer<typeof referralSchema>;
export type ReferralChange = z.infer<typeof referralChangeSchema>;
export type DismissalKind = z.infer<typeof dismissalKindSchema>;
export type Dismissal = z.infer<typeof dismissalSchema>;
export type IntroRequestStatus = z.infer<typeof introRequestStatusSchema>;
export type IntroOutcome = z.infer<typeof introOutcomeSchema>;
export type IntroRequest = z.infer<typeof introRequestSchema>;
/** A document after parsing: every collection present. */
export type NetworkDocument = z.infer<typeof networkDocumentSchema>;
export { collectionLabel, recordCount } from './collection-labels.js';

/** A document as written by a user: collections may be left out. */
export type NetworkDocumentInput = z.input<typeof networkDocumentSchema>;

/**
 * A document as exported: collections added after the format was first published (dismissals,
 * intro requests) are left out when empty, so a network that never used them exports exactly as
 * it always did.
 */
const ADDED_LATER = ['dismissals', 'introRequests'] as const;
type AddedLater = (typeof ADDED_LATER)[number];
export type ExportedDocument = Omit<NetworkDocument, AddedLater> & Partial<Pick<NetworkDocument, AddedLater>>;

export function exportedDocument(doc: NetworkDocument): ExportedDocument {
  if (ADDED_LATER.every((c) => doc[c].length > 0)) return doc;
  const out: ExportedDocument = { ...doc };
  for (const c of ADDED_LATER) if (doc[c].length === 0) delete out[c];
  return out;
}

/** Interactions and referrals as stored: the id is always assigned. */
export type StoredInteraction = Interaction & { id: string };
export type StoredReferral = Referral & { id: string };

/** An empty, fully-populated document. */
export function emptyDocument(): NetworkDocument {
  return {
    people: [],
    companies: [],
    groups: [],
    memberships: [],
    events: [],
    attendance: [],
    interactions: [],
    referrals: [],
    dismissals: [],
    introRequests: [],
  };
}
