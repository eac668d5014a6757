/**
 * The domain use-cases of refnet over a LiveNetwork: import/export, CRUD with reference checks
 * and cascading deletes, links between records, and paginated list queries.
 *
 * Every write runs alone (a per-process queue): it syncs the view, validates against it, and
 * writes all its changes in one atomic `network.write`, so a check can never be invalidated by a
 * concurrent write before it lands. Reads sync first and are served from memory.
 */
import type { LiveNetwork } from '../live-network.js';
import type { RecordSet } from '../record-set.js';
import { COLLECTION_OF, keyOf, pairKey, RECORD_KINDS, type AnyRecord, type Change, type RecordKind, type RecordTypes } from '../records.js';
import { exportedDocument, personSchema, type Dismissal, type ExportedDocument, type IntroRequest, type NetworkDocument } from '../schema.js';
import { canonicalDismissals, dismissalRecord, dismissalsOfRow, dismissRequestSchema, rowProblems, storedReferents } from './dismissals.js';
import { askIntroSchema, introRequestsOf, introRequestView, moveIntroSchema, planAsk, planMove } from './intro-requests.js';
import { mergeRequestSchema, planMerge, type MergePreview } from './merge-two-people.js';
import { sameContent } from './canonical.js';
import { ConflictError, NotFoundError, ValidationError, type Issue } from './errors.js';
import { randomId } from './ids.js';
import { personLabel, recordLabel } from './record-label.js';
import { planDocumentImportSteps, type DocumentShape, type DocumentImportReport } from './import-document.js';
import { authorizeWrites, authorizeWritesSteps } from './authorize-writes.js';
import { accountWords, joinedRecordProblems, maySeeRecord, mayShare, ownPrivateContactProblem, SEES_ALL, TRUSTED_WRITER, visibilityChangeProblems, withheldPeople, type ContactViewer, type Writer } from './contact-visibility.js';
import { NO_ACCOUNT_HOLDERS, type AccountHolders } from './account-holders.js';
import { ForbiddenError } from './errors.js';
import { runInSlices } from '../support/time-slices.js';
import { issuesFromZod, jsonPointer, parseInput } from './issues.js';
import { listRecords, type ListQuery } from './list-queries.js';
import { mergePatch } from './merge-patch.js';
import type { Page } from './pagination.js';
import { CREATE_SCHEMAS, GENERATED_ID_PREFIX, RECORD_SCHEMAS, type IdKind } from './record-schemas.js';
import { checkRecordReferences } from './references.js';
import { referralReplacing } from './referral-status.js';
import { futureEntries } from './history-dates.js';
import { systemClock, type Clock } from '../support/clock.js';
import { SortedKeys } from './sorted-keys.js';
import { count } from '../support/words.js';
import { isObject } from '../support/is-object.js';

export { ConflictError, NotFoundError, ValidationError, type Issue } from './errors.js';
export type { DocumentShape, DocumentImportReport } from './import-document.js';
export type { Page } from './pagination.js';

/** A write that may have created the record or replaced an existing one. */
export interface Upserted<T> {
  record: T;
  created: boolean;
}

type PairKind = 'membership' | 'attendance';
const PAIR_FIELDS = { membership: ['person', 'group'], attendance: ['person', 'event'] } as const;

export class NetworkService {
  private readonly sorted = new SortedKeys();
  private writes: Promise<unknown> = Promise.resolve();
  /** The server's now (graph/support/clock.ts); a file import plans its rows against it (graph/importers/run-import.ts). */
  readonly clock: Clock;
  private readonly accounts: AccountHolders;

  /**
   * `clock`: the server's now, for every date a write records or checks against (graph/support/clock.ts);
   * `accounts`: who signs in as which person (api/compose.ts gives the accounts file's).
   */
  constructor(
    readonly network: LiveNetwork,
    { clock = systemClock, accounts = NO_ACCOUNT_HOLDERS }: { clock?: Clock; accounts?: AccountHolders } = {},
  ) {
    this.clock = clock;
    this.accounts = accounts;
    network.subscribe(this.sorted);
  }

  // ---- import / export -------------------------------------------------------------------

  /**
   * Validates and upserts a whole network document atomically; throws ValidationError listing
   * every problem. `shape` is the schema's verdict when the caller checked it already (off-thread).
   * A dry run makes every check the write would (validation, the writer's permissions) and writes nothing.
   */
  importDocument(input: unknown, shape?: DocumentShape, writer: Writer = TRUSTED_WRITER, options: { dryRun?: boolean } = {}): Promise<DocumentImportReport> {
    return this.exclusive(async (records) => {
      // Planned in time slices: the write queue is held, so no other write of this process lands meanwhile.
      // People withheld from the importing member (or key) are unknown to their document, as everywhere else.
      const withheld = withheldPeople(records, writer.viewer);
      const { changes, report } = await runInSlices(planDocumentImportSteps(input, records, shape, withheld, this.clock()));
      requireVisibleReplaced(changes, records, withheld);
      // A document restating records as the store holds them asks for no write of them: only its changes are checked.
      await runInSlices(authorizeWritesSteps(writer.actor, changes, records));
      this.requireNoOneLosesSight(records, changes, (person) => documentPersonPath(input, person));
      const version = changes.length > 0 && !options.dryRun ? await this.network.write(changes) : this.network.version;
      return { ...report, version };
    });
  }

  /** The network as a document, each collection in first-insertion order, as the viewer may see it. */
  async exportDocument(viewer: ContactViewer = SEES_ALL): Promise<ExportedDocument> {
    const records = await this.read();
    const doc = storedDocument(records);
    if (viewer.seesAll) return exportedDocument(doc);
    const withheld = withheldPeople(records, viewer);
    const visible = { ...doc };
    // Every collection, so a kind added later cannot slip past the rule (PERSON_FIELDS names its people).
    if (withheld.size > 0) {
      for (const kind of RECORD_KINDS) {
        const collection = COLLECTION_OF[kind];
        (visible[collection] as AnyRecord[]) = (doc[collection] as AnyRecord[]).filter((r) => maySeeRecord(kind, r, withheld, records));
      }
    }
    // Only the requests the viewer reads whole (introRequestView): an export is a document they can
    // import back as it is, so a target's view without notes is read in GET /api/intro-requests.
    visible.introRequests = visible.introRequests.filter((q) => introRequestView(viewer, q) === 'whole');
    return exportedDocument(visible);
  }

  /**
   * The whole network at one version: every write acknowledged before the call, nothing
   * half-applied (the view changes only between ticks, a batch at a time). For backups.
   */
  async snapshot(): Promise<{ version: number; document: ExportedDocument }> {
    await this.network.sync();
    return { version: this.network.version, document: exportedDocument(storedDocument(this.network.records)) };
  }

  // ---- lists and reads -------------------------------------------------------------------

  /**
   * One page of records of a kind; `query` parsed by listQuerySchemas[kind] (the route's parseQuery).
   * A filter naming an id the viewer does not know is NotFoundError, a category value no one they
   * see holds a DimensionInputError (list-queries.ts).
   */
  async list<K extends RecordKind>(kind: K, query: ListQuery<K>, viewer: ContactViewer = SEES_ALL): Promise<Page<RecordTypes[K]>> {
    const records = await this.read();
    return listRecords(kind, query, records, this.sorted, withheldPeople(records, viewer));
  }

  /** One record by id; NotFoundError when missing or withheld from the viewer (the same answer, so existence does not leak). */
  async get<K extends IdKind>(kind: K, id: string, viewer: ContactViewer = SEES_ALL): Promise<RecordTypes[K]> {
    const records = await this.read();
    return found(kind, id, visibleTo(kind, records.get(kind, id), records, viewer));
  }

  /**
   * Makes a private contact part of the shared network (removes `privateTo`): only its owner or an
   * admin. A person withheld from the viewer is NotFoundError, like an unknown id. Permission never
   * hangs on whether the write changes anything: anyone else is refused (ForbiddenError) a person
   * already shared as much as a private one; for an owner or an admin, sharing a person already
   * shared changes nothing.
   */
  share(id: string, viewer: ContactViewer): Promise<RecordTypes['person']> {
    return this.exclusive(async (records) => {
      const person = found('person', id, visibleTo('person', records.get('person', id), records, viewer));
      if (!mayShare(viewer, person)) {
        // Only a shared person gets here: a private contact this viewer sees is their own (maySeePerson).
        throw new ForbiddenError(`only the owner of a private contact or an admin shares it: ${personLabel(records, id)} is in the shared network already, not a private contact of yours`);
      }
      if (person.privateTo === undefined) return person;
      const { privateTo: _owner, ...shared } = person;
      await this.network.write([{ op: 'put', kind: 'person', record: shared }]);
      return shared;
    });
  }

  // ---- records with ids ------------------------------------------------------------------

  /** Creates a record; its id is generated when left out. ConflictError when the id is taken. */
  create<K extends IdKind>(kind: K, body: unknown, writer: Writer = TRUSTED_WRITER): Promise<RecordTypes[K]> {
    return this.exclusive(async (records) => {
      const { id: given, ...fields } = parseInput(CREATE_SCHEMAS[kind], body) as { id?: string };
      const id = given ?? randomId(GENERATED_ID_PREFIX[kind]);
      const record = { id, ...fields } as RecordTypes[K];
      if (kind === 'referral') refuseFutureHistory(record, this.clock());
      if (records.has(kind, id)) throw new ConflictError(`${kind} "${id}" already exists`);
      checkReferences(kind, record, records, writer);
      await this.commit(writer, records, [{ op: 'put', kind, record } as Change]);
      return record;
    });
  }

  /**
   * Creates or replaces the record with this id (the body's id, if given, must match). A record
   * the writer may not see is not theirs to replace (ForbiddenError, as a member's permissions
   * answer; its content is never read back).
   */
  put<K extends IdKind>(kind: K, id: string, body: unknown, writer: Writer = TRUSTED_WRITER, now = this.clock()): Promise<Upserted<RecordTypes[K]>> {
    return this.exclusive(async (records) => {
      const withId = isObject(body) && body.id === undefined ? { ...body, id } : body;
      let record = parseInput(RECORD_SCHEMAS[kind], withId) as RecordTypes[K];
      idMustMatch(record, id);
      if (kind === 'referral' && givesHistory(body)) refuseFutureHistory(record, now);
      checkReferences(kind, record, records, writer);
      const previous = records.get(kind, id);
      if (previous !== undefined && visibleTo(kind, previous, records, writer.viewer) === undefined) {
        throw new ForbiddenError(`${kind} "${id}" cannot be replaced by this request`);
      }
      if (kind === 'referral' && previous) record = replacedReferral(previous as RecordTypes['referral'], record as RecordTypes['referral'], givesHistory(body), now) as RecordTypes[K];
      await this.commitPut(writer, records, kind, record, previous);
      return { record, created: previous === undefined };
    });
  }

  /** Changes some fields (JSON Merge Patch: null removes a field) and validates the result. */
  patch<K extends IdKind>(kind: K, id: string, patchBody: unknown, writer: Writer = TRUSTED_WRITER, now = this.clock()): Promise<RecordTypes[K]> {
    return this.exclusive(async (records) => {
      const previous = found(kind, id, visibleTo(kind, records.get(kind, id), records, writer.viewer));
      if (!isObject(patchBody)) throw new ValidationError([{ path: '', message: 'a patch must be a JSON object' }]);
      const merged = mergePatch(previous, patchBody) as Record<string, unknown>;
      // A patch that gives no history of its own gets the stored one with its move (below), checked then:
      // checked now, the stored history would contradict the very status the patch moves to.
      const recorded = kind === 'referral' && !givesHistory(patchBody);
      if (recorded) delete merged.changes;
      let record = parseInput(RECORD_SCHEMAS[kind], merged) as RecordTypes[K];
      idMustMatch(record, id);
      if (kind === 'referral' && !recorded) refuseFutureHistory(record, now);
      checkReferences(kind, record, records, writer);
      if (kind === 'referral') record = replacedReferral(previous as RecordTypes['referral'], record as RecordTypes['referral'], !recorded, now) as RecordTypes[K];
      await this.commitPut(writer, records, kind, record, previous);
      return record;
    });
  }

  /**
   * Deletes a record and, in the same atomic write, every record that names it: a person's
   * memberships, attendance, interactions and referrals; a group's memberships (its events stay,
   * no longer hosted: whoever may delete the group may un-host them with it, permissions.ts); an
   * event's attendance. Returns how many records went, per collection.
   *
   * A writer never destroys or alters a record they cannot see: when the cascade would reach one
   * (a record naming another member's private contact), the whole delete is refused
   * (ForbiddenError, as import and PUT refuse replacing one), saying how many, never which.
   * Leaving those records in place is no way out: a membership or attendance must name a group or
   * event that exists (docs/DOMAIN.md), so they would name nothing. Admins see, and delete, all.
   */
  remove(kind: IdKind, id: string, writer: Writer = TRUSTED_WRITER): Promise<Partial<Record<keyof NetworkDocument, number>>> {
    return this.exclusive(async (records) => {
      found(kind, id, visibleTo(kind, records.get(kind, id), records, writer.viewer));
      const changes: Change[] = [];
      if (kind === 'person' || kind === 'group' || kind === 'event') changes.push(...records.dependents(kind, id));
      if (kind === 'group') {
        for (const key of records.eventsOf.get(id)) {
          const { group: _hostedBy, ...event } = records.get('event', key)!;
          changes.push({ op: 'put', kind: 'event', record: event });
        }
      }
      const own: Change = { op: 'delete', kind, key: id };
      changes.push(own);
      // Permissions first: a write the role may not make at all is refused for that, telling nothing
      // of hidden records; the record asked for is checked before its cascade, so a refusal names it.
      authorizeWrites(writer.actor, [own, ...changes.slice(0, -1)], records);
      const hidden = unseenChanged(changes, records, withheldPeople(records, writer.viewer));
      if (hidden > 0) {
        throw new ForbiddenError(
          `${kind} ${kind === 'person' || kind === 'group' || kind === 'event' ? recordLabel(records, kind, id) : `"${id}"`} cannot be deleted by this request: ${count(hidden, 'record')} naming it ${hidden === 1 ? 'is' : 'are'} not visible to you (another member's private contacts) and would go with it; nothing was deleted. Their owner or an admin can remove them first, or an admin can delete it`,
        );
      }
      if (kind === 'person') this.requireNothingHolds(records, id, writer.viewer);
      await this.network.write(changes);
      if (kind === 'person') await this.accounts.released(id);
      const removed: Partial<Record<keyof NetworkDocument, number>> = {};
      for (const c of changes) if (c.op === 'delete') removed[COLLECTION_OF[c.kind]] = (removed[COLLECTION_OF[c.kind]] ?? 0) + 1;
      return removed;
    });
  }

  // ---- memberships and attendance (keyed by their two ends) -------------------------------

  /** Adds or replaces a membership / attendance; reports whether it was new. */
  putPair<K extends PairKind>(kind: K, body: unknown, writer: Writer = TRUSTED_WRITER): Promise<Upserted<RecordTypes[K]>> {
    return this.exclusive(async (records) => {
      const record = parseInput(RECORD_SCHEMAS[kind], body) as RecordTypes[K];
      checkReferences(kind, record, records, writer);
      const key = keyOf(kind, record);
      const previous = records.get(kind, key);
      await this.commitPut(writer, records, kind, record, previous);
      return { record, created: previous === undefined };
    });
  }

  /** Removes a membership (person, group) or attendance (person, event); NotFoundError when absent. */
  removePair(kind: PairKind, left: string, right: string, writer: Writer = TRUSTED_WRITER): Promise<void> {
    return this.exclusive(async (records) => {
      const key = pairKey(left, right);
      if (visibleTo(kind, records.get(kind, key), records, writer.viewer) === undefined) {
        const [l, r] = PAIR_FIELDS[kind];
        throw new NotFoundError(`no ${kind} of ${l} "${left}" and ${r} "${right}"`);
      }
      await this.commit(writer, records, [{ op: 'delete', kind, key }]);
    });
  }

  // ---- people: merging duplicates ------------------------------------------------------------

  /**
   * What merging `remove` into `keep` would change; writes nothing. It makes every check the merge
   * makes, with the same refusals (mergePlan), so a preview never counts what its caller may not
   * see nor answers for a merge they may not make.
   */
  async previewMerge(body: unknown, writer: Writer = TRUSTED_WRITER): Promise<MergePreview> {
    return this.mergePlan(await this.read(), body, writer).preview;
  }

  /** Merges `remove` into `keep` in one atomic write (all of it or nothing); returns what moved. */
  mergePeople(body: unknown, writer: Writer = TRUSTED_WRITER): Promise<MergePreview> {
    return this.exclusive(async (records) => {
      const { preview, changes } = this.mergePlan(records, body, writer);
      // The accounts first: should the network write then fail, an account is the kept person's
      // (who exists) rather than the account of a person merged away (no one).
      await this.accounts.relink(preview.remove.id, preview.keep.id);
      await this.network.write(changes);
      return preview;
    });
  }

  // ---- "this week" rows a person hid -----------------------------------------------------------

  /** Snoozes a row until a date or marks it not relevant (replacing an earlier choice). */
  dismiss(person: string, body: unknown, writer: Writer = TRUSTED_WRITER, now = this.clock()): Promise<Dismissal> {
    return this.exclusive(async (records) => {
      found('person', person, records.get('person', person));
      const record = dismissalRecord(person, parseInput(dismissRequestSchema, body), now);
      // Before the permissions: a row naming someone withheld from the writer is a row naming no
      // one, refused in the words an unknown id gets, whoever's week it is; the refusal of a write
      // reaching what the writer does not see would say otherwise (docs/SECURITY.md).
      const problems = rowProblems(person, record.row, storedReferents(records, withheldPeople(records, writer.viewer)));
      if (problems.length > 0) throw new ValidationError(problems.map((message) => ({ path: '/row', message })));
      // Replacing every earlier choice for the row (one under another id came from an older import).
      const earlier = dismissalsOfRow(records, person, record.row).filter((key) => key !== record.id);
      const changes: Change[] = [...earlier.map((key): Change => ({ op: 'delete', kind: 'dismissal', key })), { op: 'put', kind: 'dismissal', record }];
      authorizeWrites(writer.actor, changes, records);
      await this.network.write(changes);
      return record;
    });
  }

  /**
   * Brings a hidden row back (every dismissal of it by the person); NotFoundError when it was not
   * hidden, or when the row names someone withheld from the writer: such a row is one they never
   * see hidden (GET …/week leaves it out), so it gets the answer a row never hidden gets, before
   * whether the writer may take it back is asked (that refusal would say it is there).
   */
  undismiss(person: string, row: string, writer: Writer = TRUSTED_WRITER): Promise<void> {
    return this.exclusive(async (records) => {
      found('person', person, records.get('person', person));
      const withheld = withheldPeople(records, writer.viewer);
      const keys = dismissalsOfRow(records, person, row).filter((key) => maySeeRecord('dismissal', records.get('dismissal', key)!, withheld, records));
      if (keys.length === 0) throw new NotFoundError(`${personLabel(records, person)} has not hidden row "${row}"`);
      const changes = keys.map((key): Change => ({ op: 'delete', kind: 'dismissal', key }));
      authorizeWrites(writer.actor, changes, records);
      await this.network.write(changes);
    });
  }

  // ---- intro requests (graph/service/intro-requests.ts) ------------------------------------------

  /**
   * `requester` asks a connector for an introduction to a target; 400 naming a missing tie. People
   * withheld from the viewer (the requester's eyes) are unknown people here, as in every write.
   */
  askIntro(requester: string, body: unknown, viewer: ContactViewer = SEES_ALL, now = this.clock()): Promise<IntroRequest> {
    return this.exclusive(async (records) => {
      const record = planAsk(records, requester, parseInput(askIntroSchema, body), now, withheldPeople(records, viewer));
      await this.network.write([{ op: 'put', kind: 'introRequest', record }]);
      return record;
    });
  }

  /** `person` moves a request (connector: accepted, declined, made; requester: outcome); "made" logs the introduction in the same write. */
  moveIntro(person: string, id: string, body: unknown, viewer: ContactViewer = SEES_ALL, now = this.clock()): Promise<IntroRequest> {
    return this.exclusive(async (records) => {
      const { request, changes } = planMove(records, person, id, parseInput(moveIntroSchema, body), now, withheldPeople(records, viewer));
      await this.network.write(changes);
      return request;
    });
  }

  /** A person's intro requests: asked by them, asked of them, and those naming them as target (as the viewer may see them). */
  async introRequests(person: string, viewer: ContactViewer = SEES_ALL): Promise<ReturnType<typeof introRequestsOf>> {
    const records = await this.read();
    found('person', person, records.get('person', person));
    return introRequestsOf(records, person, withheldPeople(records, viewer));
  }

  // ---- plumbing ----------------------------------------------------------------------------

  /** Writes changes the writer may make (graph/service/permissions.ts); no actor: an API key or the local user. */
  private commit(writer: Writer, records: RecordSet, changes: Change[]): Promise<number> {
    authorizeWrites(writer.actor, changes, records);
    this.requireNoOneLosesSight(records, changes, () => '/privateTo', (_kind, _key, field) => `/${field}`);
    return this.network.write(changes);
  }

  /**
   * Puts one record over `previous` (undefined: a create). The writer's permission is checked
   * whether or not the record changes: re-sending someone else's record as it is is refused like
   * editing it (a 200 would say "replaced" and confirm the record); an allowed no-op writes nothing.
   */
  private async commitPut<K extends RecordKind>(writer: Writer, records: RecordSet, kind: K, record: RecordTypes[K], previous: RecordTypes[K] | undefined): Promise<void> {
    const change = { op: 'put', kind, record } as Change;
    authorizeWrites(writer.actor, [change], records);
    this.requireNoOneLosesSight(records, [change], () => '/privateTo', (_kind, _key, field) => `/${field}`);
    if (previous === undefined || !sameContent(previous, record)) await this.network.write([change]);
  }

  /**
   * A merge as `writer` may make it, checked as the merge is: both people visible (404 like an
   * unknown id), the merged person valid, every change one the actor may write, and none altering a
   * record the writer cannot see (403 with a count, never which). The preview and the merge both
   * come here, so the preview answers what the merge would do, or the merge's own refusal.
   */
  private mergePlan(records: RecordSet, body: unknown, writer: Writer): ReturnType<typeof planMerge> {
    const { keep, remove } = parseInput(mergeRequestSchema, body);
    for (const id of [keep, remove]) found('person', id, visibleTo('person', records.get('person', id), records, writer.viewer));
    const plan = planMerge(records, keep, remove);
    const merged = personSchema.safeParse(plan.preview.merged);
    if (!merged.success) throw new ValidationError(issuesFromZod(merged.error, ['merged']), 'the merged person would not be valid');
    const own = ownPrivateContactProblem(merged.data);
    if (own !== undefined) throw new ValidationError([{ path: '/merged/privateTo', message: own }], 'the merged person would not be valid');
    // The person merged away is gone after the merge: the merged person may not be private to them either.
    const after = merged.data.privateTo === remove ? new Set([...withheldPeople(records, writer.viewer), remove]) : withheldPeople(records, writer.viewer);
    const dangling = checkRecordReferences('person', merged.data, records, after);
    if (dangling.length > 0) throw new ValidationError(dangling.map((i) => ({ ...i, path: `/merged${i.path}` })), 'the merged person would not be valid');
    // A merge edits both people and moves the records of the one removed: the actor must be allowed every one of those writes.
    authorizeWrites(writer.actor, plan.changes, records);
    const hidden = unseenChanged(plan.changes, records, withheldPeople(records, writer.viewer));
    if (hidden > 0) throw new ForbiddenError(`this merge would change ${count(hidden, 'record')} not visible to you (another member's private contacts); nothing was merged`);
    // The removed person's accounts become the kept person's: kept private, the merged person would be hidden from them.
    const moving = this.accounts.of(remove);
    if (merged.data.privateTo !== undefined && moving.length > 0) {
      throw new ValidationError([{ path: '/merged/privateTo', message: `the merged person would be private to "${merged.data.privateTo}", and ${accountWords(moving)} of ${personLabel(records, remove)} would become theirs and no longer see their own record; share the kept person first` }]);
    }
    this.requireNoOneLosesSight(records, plan.changes, (person) => (person === keep ? '/merged/privateTo' : ''));
    return plan;
  }

  /**
   * Refuses a write making private (or handing to another owner) a person others have records
   * with, or who holds an account, and a write of a record that one taking part in it would not
   * see (contact-visibility.ts `visibilityChangeProblems`, `joinedRecordProblems`), whoever
   * writes: 400 on each such person's `privateTo` (`personPath`) or record field (`recordPath`).
   * Checked after the writer's permissions, so a write they may not make at all is refused for
   * that, counting nothing.
   */
  private requireNoOneLosesSight(records: RecordSet, changes: readonly Change[], personPath: (person: string) => string, recordPath?: (kind: RecordKind, key: string, field: string) => string): void {
    const issues: Issue[] = visibilityChangeProblems(records, changes, (id) => this.accounts.of(id)).map((p) => ({ path: personPath(p.person), message: p.message }));
    if (recordPath) for (const p of joinedRecordProblems(records, changes, (id) => personLabel(records, id))) issues.push({ path: recordPath(p.kind, p.key, p.field), message: p.message });
    if (issues.length > 0) throw new ValidationError(issues);
  }

  /**
   * Refuses (409) deleting a person something outside their own records still holds: an account
   * (it would sign in as no one, and as whoever later gets the id) or private contacts (they would
   * be private to no one, and an export would not import). A writer who does not see those
   * contacts is told they exist, never how many.
   */
  private requireNothingHolds(records: RecordSet, id: string, viewer: ContactViewer): void {
    const who = personLabel(records, id);
    const reasons: string[] = [];
    const emails = this.accounts.of(id);
    if (emails.length > 0) reasons.push(`${accountWords(emails)} ${emails.length === 1 ? 'belongs' : 'belong'} to ${who}: disable ${emails.length === 1 ? 'it' : 'them'} or link ${emails.length === 1 ? 'it' : 'them'} to another person first`);
    let contacts = 0;
    for (const key of records.privatePeople) if (records.get('person', key)?.privateTo === id) contacts++;
    if (contacts > 0) {
      reasons.push(viewer.seesAll || viewer.person === id
        ? `${who} has ${count(contacts, 'private contact')}: share them or hand them over (privateTo) to another member first, or merge ${who} into the person who takes them over`
        : `${who} has private contacts not visible to you: their owner can share them, or an admin hand them over`);
    }
    if (reasons.length > 0) throw new ConflictError(`person ${who} cannot be deleted: ${reasons.join('; ')}; nothing was deleted`);
  }

  private async read(): Promise<RecordSet> {
    await this.network.sync();
    return this.network.records;
  }

  /** Runs a write alone, on a view synced with the store. */
  /**
   * Runs `write`, a write outside the network that depends on its records (an account naming a
   * person), with the network's writes held until it is done: a delete of that person cannot slip
   * between the check and the write, and then finds the account (requireNothingHolds).
   */
  withWritesHeld<T>(write: (records: RecordSet) => Promise<T>): Promise<T> {
    return this.exclusive(write);
  }

  private exclusive<T>(fn: (records: RecordSet) => Promise<T>): Promise<T> {
    const run = this.writes.then(async () => {
      await this.network.sync();
      return fn(this.network.records);
    });
    this.writes = run.catch(() => undefined);
    return run;
  }
}

/**
 * The records as a document, for export and backups: dismissals under their derived ids only,
 * since an older store's others would make an export the import refuses (canonicalDismissals).
 */
function storedDocument(records: RecordSet): NetworkDocument {
  const doc = records.toDocument();
  return { ...doc, dismissals: canonicalDismissals(doc.dismissals, records) };
}

/** The record, or undefined when it names a person withheld from the viewer. */
function visibleTo<K extends RecordKind>(kind: K, record: RecordTypes[K] | undefined, records: RecordSet, viewer: ContactViewer): RecordTypes[K] | undefined {
  if (record === undefined || viewer.seesAll) return record;
  return maySeeRecord(kind, record, withheldPeople(records, viewer), records) ? record : undefined;
}

/**
 * A record the writer may not see is not theirs to replace, by an import as by PUT (another
 * member's private contact, or a record naming one): the same ForbiddenError, first such record.
 */
function requireVisibleReplaced(changes: readonly Change[], records: RecordSet, withheld: ReadonlySet<string>): void {
  if (withheld.size === 0) return;
  for (const c of changes) {
    if (c.op !== 'put') continue;
    const key = keyOf(c.kind, c.record as never);
    const previous = records.get(c.kind, key);
    if (previous !== undefined && !maySeeRecord(c.kind, previous, withheld, records)) throw new ForbiddenError(`${c.kind} "${key}" cannot be replaced by this request`);
  }
}

/**
 * How many records the changes would delete or replace that the writer may not see (naming a
 * withheld person, as they are now): a write never destroys or alters what its writer cannot see.
 */
function unseenChanged(changes: readonly Change[], records: RecordSet, withheld: ReadonlySet<string>): number {
  if (withheld.size === 0) return 0;
  let n = 0;
  for (const c of changes) {
    const key = c.op === 'delete' ? c.key : keyOf(c.kind, c.record as never);
    const previous = records.get(c.kind, key);
    if (previous !== undefined && !maySeeRecord(c.kind, previous, withheld, records)) n++;
  }
  return n;
}

/** The 404 of a person id no one has (and of one withheld from the caller, in the same words). */
export const noPersonWithId = (id: string): string => `no person with id "${id}"`;

function found<T>(kind: RecordKind, id: string, record: T | undefined): T {
  if (record === undefined) throw new NotFoundError(kind === 'person' ? noPersonWithId(id) : `no ${kind} with id "${id}"`);
  return record;
}

function idMustMatch(record: unknown, id: string): void {
  if ((record as { id: string }).id !== id) {
    throw new ValidationError([{ path: '/id', message: `must match the id in the URL ("${id}")` }]);
  }
}

/**
 * Unknown references, a person withheld from the writer counting as unknown (existence does not
 * leak), and a person who would be their own private contact.
 */
function checkReferences(kind: RecordKind, record: object, records: RecordSet, writer: Writer): void {
  const issues: Issue[] = checkRecordReferences(kind, record, records, withheldPeople(records, writer.viewer));
  const own = kind === 'person' ? ownPrivateContactProblem(record as RecordTypes['person']) : undefined;
  if (own !== undefined) issues.push({ path: '/privateTo', message: own });
  if (issues.length > 0) throw new ValidationError(issues);
}

/** Where a person's privateTo is in an imported document: /people/N/privateTo (the first with that id). */
function documentPersonPath(input: unknown, person: string): string {
  const people = isObject(input) && Array.isArray(input.people) ? input.people : [];
  const i = people.findIndex((p) => isObject(p) && p.id === person);
  return i < 0 ? '' : jsonPointer(['people', i, 'privateTo']);
}


/**
 * A history the client gave with a referral (POST, PUT or PATCH with `changes`) has no entry after
 * the server's now (history-dates.ts): 400 naming each, /changes/N/at.
 */
function refuseFutureHistory(record: unknown, now: Date): void {
  const future = futureEntries((record as { changes?: unknown }).changes, now);
  if (future.length > 0) throw new ValidationError(future.map((f) => ({ path: jsonPointer(['changes', f.index, 'at']), message: f.message })));
}

/** True when a referral write gives its own history (`changes`, null included: a patch removing it): it is checked whole and against the recorded one, never added to. */
function givesHistory(body: unknown): boolean {
  return isObject(body) && Object.hasOwn(body, 'changes');
}

/**
 * The referral a PUT or PATCH writes over `previous` (referral-status.ts referralReplacing, the
 * rule an import follows too): a move the lifecycle forbids is a conflict (409); a write that gave
 * a history (`changes`, null or empty included) keeps it only when it keeps the recorded changes
 * (400 naming /changes… otherwise); a write that gave none gets the stored one with its move
 * recorded, so answers as of any earlier date stay as they were, refused (400) when that history
 * does not fit (the write moved `at` past a recorded move).
 */
function replacedReferral(previous: RecordTypes['referral'], next: RecordTypes['referral'], givesHistory: boolean, now: Date): RecordTypes['referral'] {
  const { record, refused, issues } = referralReplacing(previous, next, givesHistory, now);
  if (refused !== undefined) throw new ConflictError(refused);
  // A history the write gave is refused for what it does to the recorded one (each issue says so).
  if (issues.length > 0 && givesHistory) throw new ValidationError(issues.map((i) => ({ path: jsonPointer(i.path), message: i.message })));
  if (issues.length > 0) {
    throw new ValidationError(
      issues.map((i) => ({ path: jsonPointer(i.path), message: i.message })),
      `the referral's recorded history does not fit this write (${issues[0]!.message}); send its history (changes) with the write`,
    );
  }
  return record;
}
