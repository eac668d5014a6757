/**
 * Intro requests (graph/schema.ts `introRequests`): a member asks a connector for an introduction
 * to a target, usually the first step of a warm path. The connector must have a tie to both ends
 * (the tie rule of graph/projection/network-projection.ts: an interaction, a referral either way
 * or a co-attended event); then the connector accepts, declines or marks it made, and the
 * requester reports the outcome (met, referral, nothing). Who may make which move is decided in
 * permissions.ts (introRequestMoveRefusal); which moves exist, here (MOVES).
 * Marking it made also logs an `introduction` interaction between requester and target, in the
 * same write as the status change (both or neither). While a request is open (asked, accepted)
 * its requester may not ask the same connector for the same target again (409).
 */
import { z } from 'zod';
import type { RecordSet } from '../record-set.js';
import type { Change } from '../records.js';
import { idSchema, INTRO_REQUEST_STATUSES, introOutcomeSchema, type IntroRequest, type IntroRequestStatus, type StoredInteraction } from '../schema.js';
import { digest } from './canonical.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type Issue } from './errors.js';
import { randomId } from './ids.js';
import { toMs } from '../analytics/time.js';
import { keptPrefixIssues, recordedBy, removedHistoryIssue, type DatedChange, type HistoryIssue, type HistoryWording } from './recorded-history.js';
import { hiddenFromConnector, maySeeRecord, type ContactViewer } from './contact-visibility.js';
import { introRequestMoveRefusal } from './permissions.js';
import { personLabel } from './record-label.js';
import { jsonPointer } from './issues.js';
import { STEP_EVERY, type Steps } from '../support/time-slices.js';
import { isObject } from '../support/is-object.js';

export const INTRO_REQUEST_ID_PREFIX = 'iq-';

const note = z.string().max(2000, 'at most 2000 characters').optional();

/** Body of POST /api/intro-requests: the requester is the caller. */
export const askIntroSchema = z.strictObject({ connector: idSchema, target: idSchema, note });
export type AskIntro = z.infer<typeof askIntroSchema>;

/** Body of POST /api/intro-requests/:id/status. */
export const moveIntroSchema = z
  .strictObject({ status: z.enum(['accepted', 'declined', 'made', 'outcome']), outcome: introOutcomeSchema.optional(), note })
  .refine((m) => (m.status === 'outcome') === (m.outcome !== undefined), {
    message: 'give outcome (met, referral, nothing) with status "outcome", and only with it',
    path: ['outcome'],
  });
export type MoveIntro = z.infer<typeof moveIntroSchema>;

/** The statuses a request may move to from each status. */
export const MOVES: Readonly<Record<IntroRequestStatus, readonly IntroRequestStatus[]>> = {
  asked: ['accepted', 'declined', 'made'],
  accepted: ['declined', 'made'],
  made: ['outcome'],
  declined: [],
  outcome: [],
};

/**
 * True when a and b have a tie in the records by the instant `at` (ms; see the header for the
 * rule): a meeting logged for next week is no tie yet, as the analytics count it.
 */
export function tieInRecords(records: RecordSet, a: string, b: string, at: number): boolean {
  const by = (date: string) => toMs(date) <= at;
  for (const key of records.interactionsOf.get(a)) {
    const i = records.get('interaction', key);
    if (i && (i.a === b || i.b === b) && by(i.at)) return true;
  }
  for (const key of records.referralsOf.get(a)) {
    const r = records.get('referral', key);
    if (r && (r.from === b || r.to === b) && by(r.at)) return true;
  }
  for (const key of records.attendanceOf.get(a)) {
    const event = records.get('attendance', key)?.event;
    if (event === undefined) continue;
    const held = records.get('event', event)?.at;
    if (held === undefined || !by(held)) continue;
    for (const other of records.attendeesOf.get(event)) if (records.get('attendance', other)?.person === b) return true;
  }
  return false;
}

const nameOf = (records: RecordSet, id: string) => records.get('person', id)?.name ?? id;

/** Statuses in which a request still waits for the connector (asked, accepted): the same one may not be asked twice meanwhile. */
export const OPEN_INTRO_STATUSES: readonly IntroRequestStatus[] = ['asked', 'accepted'];

/** The requester's open request to this connector for this target, if any. */
function openRequest(records: RecordSet, requester: string, connector: string, target: string): IntroRequest | undefined {
  for (const key of records.introRequestsOf.get(requester)) {
    const q = records.get('introRequest', key);
    if (q && q.requester === requester && q.connector === connector && q.target === target && OPEN_INTRO_STATUSES.includes(q.status)) return q;
  }
  return undefined;
}

/**
 * The new request, or ValidationError naming what is missing (an unknown person, a missing tie).
 * A person `withheld` from the requester (another member's private contact) is unknown here, in
 * the same words as an id nobody holds, so the answer neither confirms nor names them.
 */
export function planAsk(records: RecordSet, requester: string, ask: AskIntro, now: Date, withheld: ReadonlySet<string> = new Set()): IntroRequest {
  const issues: Issue[] = [];
  const people = { requester, connector: ask.connector, target: ask.target };
  for (const [field, id] of Object.entries(people)) {
    if (!records.has('person', id) || withheld.has(id)) issues.push({ path: field === 'requester' ? '' : `/${field}`, message: `no person with id "${id}"` });
  }
  if (new Set(Object.values(people)).size < 3) issues.push({ path: '/target', message: 'requester, connector and target must be three different people' });
  if (issues.length) throw new ValidationError(issues);
  // Each person named here is one the requester sees (withheld ones are unknown above), so the
  // refusal may name them; the connector is never shown a private contact that is not theirs.
  for (const id of hiddenFromConnector(records, people)) {
    const owner = records.get('person', id)!.privateTo!;
    const subject = id === requester ? 'your own person record' : personLabel(records, id);
    const whose = owner !== requester ? `is ${personLabel(records, owner)}'s private contact` : id === requester ? 'is private to you' : 'is your private contact';
    const them = id === ask.connector ? 'their own record' : id === requester ? 'you' : 'them';
    issues.push({
      path: id === requester ? '' : id === ask.connector ? '/connector' : '/target',
      message: `${subject} ${whose}: ${personLabel(records, ask.connector)} cannot see ${them}, so could never see or answer this request (share it first, or ask a connector who may see everyone named)`,
    });
  }
  if (issues.length) throw new ValidationError(issues, issues.map((i) => i.message).join('; '));
  const open = openRequest(records, requester, ask.connector, ask.target);
  if (open) {
    throw new ConflictError(
      `you already asked ${personLabel(records, ask.connector)} for an introduction to ${personLabel(records, ask.target)} on ${open.at.slice(0, 10)} and that request is still ${open.status} (intro request ${open.id}): wait for ${personLabel(records, ask.connector)}'s answer; once it is declined or made you may ask again`,
    );
  }
  for (const [end, field] of [
    [requester, 'connector'],
    [ask.target, 'target'],
  ] as const) {
    if (!tieInRecords(records, ask.connector, end, now.getTime())) {
      issues.push({ path: `/${field}`, message: `${personLabel(records, ask.connector)} has no tie to ${personLabel(records, end)}: a connector must know both ends` });
    }
  }
  if (issues.length) throw new ValidationError(issues, issues.map((i) => i.message).join('; '));
  const at = now.toISOString();
  return {
    id: randomId(INTRO_REQUEST_ID_PREFIX),
    requester,
    connector: ask.connector,
    target: ask.target,
    at,
    status: 'asked',
    ...(ask.note !== undefined ? { note: ask.note } : {}),
    changes: [{ status: 'asked', at }],
  };
}

/**
 * The changes of one move by `person` (the request, and for "made" the introduction interaction).
 * A request naming someone `withheld` from the mover is unknown to them, like an id nobody holds.
 */
export function planMove(records: RecordSet, person: string, id: string, move: MoveIntro, now: Date, withheld: ReadonlySet<string> = new Set()): { request: IntroRequest; changes: Change[] } {
  const request = records.get('introRequest', id);
  if (!request || !maySeeRecord('introRequest', request, withheld)) throw new NotFoundError(`no intro request with id "${id}"`);
  const refusal = introRequestMoveRefusal(person, request, move.status, (id) => personLabel(records, id));
  if (refusal) throw new ForbiddenError(refusal);
  if (!MOVES[request.status].includes(move.status)) {
    const next = MOVES[request.status];
    throw new ConflictError(`intro request "${id}" is ${request.status}: it ${next.length ? `can move only to ${next.join(' or ')}` : 'is final'}, not to ${move.status}`);
  }
  const at = now.toISOString();
  const next: IntroRequest = {
    ...request,
    status: move.status,
    ...(move.outcome !== undefined ? { outcome: move.outcome } : {}),
    // The note of a move is the mover's, kept with the move: the requester's asking note stays.
    changes: [...request.changes, { status: move.status, at, ...(move.note !== undefined ? { note: move.note } : {}) }],
  };
  const changes: Change[] = [{ op: 'put', kind: 'introRequest', record: next }];
  if (move.status === 'made') {
    const interaction: StoredInteraction = {
      id: `ix-intro-${digest(id)}`,
      a: request.requester,
      b: request.target,
      kind: 'introduction',
      at,
      note: `introduced by ${nameOf(records, request.connector)} (intro request ${id})`.slice(0, 2000),
    };
    changes.push({ op: 'put', kind: 'interaction', record: interaction });
  }
  return { request: next, changes };
}

/**
 * How much of an intro request a viewer reads — the one rule of who reads one: its requester and
 * its connector all of it (the asking note is written for the connector, each move's note for
 * the other of the two); its target who asked whom, when, and how it stands, without a word of
 * anyone's notes (`target`); anyone else nothing — another member, an organiser, a key without
 * the admin scope — nor in an export; admins, admin keys and local mode all of it. Records naming
 * a person withheld from the viewer are left out before this (contact-visibility.ts).
 */
export function introRequestView(viewer: ContactViewer, request: Pick<IntroRequest, 'requester' | 'connector' | 'target'>): 'whole' | 'target' | 'none' {
  if (viewer.seesAll || viewer.person === request.requester || viewer.person === request.connector) return 'whole';
  return viewer.person === request.target ? 'target' : 'none';
}

/** A request as its target reads it (introRequestView): every note left out. */
export function introRequestForTarget(request: IntroRequest): IntroRequest {
  const { note: _asking, ...rest } = request;
  return { ...rest, changes: request.changes.map(({ note: _said, ...change }) => change) };
}

/**
 * A person's requests: asked by them, asked of them, and naming them as target (as the target
 * reads them: introRequestView), newest first; those naming someone `withheld` from them left out.
 */
export function introRequestsOf(records: RecordSet, person: string, withheld: ReadonlySet<string> = new Set()): { byMe: IntroRequest[]; ofMe: IntroRequest[]; aboutMe: IntroRequest[] } {
  const all = [...records.introRequestsOf.get(person)].map((k) => records.get('introRequest', k)!).filter((q) => maySeeRecord('introRequest', q, withheld)).sort((x, y) => Date.parse(y.at) - Date.parse(x.at) || (x.id < y.id ? -1 : 1));
  const as: ContactViewer = { seesAll: false, person };
  return {
    byMe: all.filter((q) => q.requester === person),
    ofMe: all.filter((q) => q.connector === person),
    aboutMe: all.filter((q) => introRequestView(as, q) === 'target').map(introRequestForTarget),
  };
}

/**
 * The problems of a document's intro requests that their schema cannot see, each named by its
 * path: a request's history (`changes`) must be one its moves could have written — first the
 * asking, then each change a move MOVES allows, in date order and none before the asking — and its
 * `status` must be where that history ends. Reliability reads a request's status as of a date from
 * `changes` (graph/analytics/connector-reliability.ts), so a status its history contradicts would
 * count for nothing, or from the wrong date, without a word. A request with no changes at all has
 * only its status, from `at`. Reads the raw input, so its problems are listed beside the schema's.
 */
export function* checkDocumentIntroRequestsSteps(input: unknown): Steps<Issue[]> {
  const list = isObject(input) && Array.isArray(input.introRequests) ? (input.introRequests as unknown[]) : [];
  const issues: Issue[] = [];
  for (let i = 0; i < list.length; i++) {
    if (i % STEP_EVERY === STEP_EVERY - 1) yield;
    const q = list[i];
    if (!isObject(q) || !Array.isArray(q.changes) || q.changes.length === 0) continue;
    const changes = q.changes as unknown[];
    const at = typeof q.at === 'string' ? Date.parse(q.at) : NaN;
    const path = (...rest: (string | number)[]) => jsonPointer(['introRequests', i, 'changes', ...rest]);
    let prev: { status: IntroRequestStatus; at: number } | undefined;
    for (let k = 0; k < changes.length; k++) {
      const c = changes[k];
      if (!isObject(c) || !isStatus(c.status)) {
        prev = undefined; // the schema names it; what follows cannot be judged against it
        continue;
      }
      const when = typeof c.at === 'string' ? Date.parse(c.at) : NaN;
      if (k === 0 && c.status !== 'asked') issues.push({ path: path(0, 'status'), message: `must be "asked", not "${c.status}": the first change is the asking` });
      if (k > 0 && prev !== undefined && !MOVES[prev.status].includes(c.status)) {
        const next = MOVES[prev.status];
        issues.push({ path: path(k, 'status'), message: `"${c.status}" cannot follow "${prev.status}": a request that is ${prev.status} ${next.length ? `moves only to ${next.join(' or ')}` : 'is final'}` });
      }
      if (!Number.isNaN(when) && !Number.isNaN(at) && when < at) {
        issues.push({ path: path(k, 'at'), message: `${String(c.at)} is before the request was asked (at ${String(q.at)}): no change comes before the asking` });
      } else if (!Number.isNaN(when) && prev !== undefined && !Number.isNaN(prev.at) && when < prev.at) {
        issues.push({ path: path(k, 'at'), message: `${String(c.at)} is before the change above it: changes are listed in date order` });
      }
      prev = { status: c.status, at: when };
    }
    const last = changes.at(-1);
    if (isObject(last) && isStatus(last.status) && isStatus(q.status) && last.status !== q.status) {
      issues.push({ path: path(), message: `end at "${last.status}" but status is "${q.status}": the status is where the history ends (add the missing change, or correct the status)` });
    }
  }
  return issues;
}

/**
 * The problems of an imported request that replaces a stored one (graph/service/import-document.ts):
 * its history must begin with the changes recorded by `now` — each with its status and instant (a
 * note may be edited: reliability reads none) — and may add later moves after them; with no history
 * it must keep the status it was recorded in. Connector reliability reads a request's status as of
 * a date from its history, so removing or rewriting a recorded move would change answers already
 * given about earlier dates, as the same rule keeps a referral slip's (referral-status.ts
 * recordedHistoryIssues). Paths are relative to the request.
 */
export function recordedIntroHistoryIssues(previous: IntroRequest, next: IntroRequest, now: Date): HistoryIssue[] {
  const recorded = recordedBy(previous.changes.length > 0 ? previous.changes : [{ status: previous.status, at: previous.at }], now);
  if (next.changes.length === 0) {
    const was = recorded.at(-1);
    if (was === undefined || (recorded.length === 1 && was.status === next.status)) return [];
    return [removedHistoryIssue(recorded, REQUEST_HISTORY)];
  }
  return keptPrefixIssues(recorded, next.changes, REQUEST_HISTORY);
}

/** How a request's history is compared (status and date; never the note) and worded. */
const REQUEST_HISTORY: HistoryWording<DatedChange> = {
  owner: 'the request',
  keep: 'give changes starting with the recorded ones (a later move may follow them), or move the request with POST /api/intro-requests/{id}/status',
  words: (c) => `${c.status} on ${c.at}`,
  differs: (was, gave) => (was.status !== gave.status ? 'status' : toMs(was.at) !== toMs(gave.at) ? 'at' : undefined),
};

const isStatus = (v: unknown): v is IntroRequestStatus => typeof v === 'string' && (INTRO_REQUEST_STATUSES as readonly string[]).includes(v);
