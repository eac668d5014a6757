/**
 * The data-entry forms of the home page. Each form checks its body with the same zod schema the
 * API validates with (graph/schema.ts) before sending, and shows every problem — its own or the
 * 400 problem's `errors[]` — next to the field it names.
 */
import type { z } from 'zod';
import { attendanceSchema, interactionSchema, personSchema, referralSchema } from '../../../graph/schema.js';
import { ApiError, describeError, getJson, sendJson } from '../api.js';
import { h } from '../dom.js';
import { clearErrors, clearOnEdit, field, result, showErrors as showFieldErrors, zodIssues, type Issue } from '../form-errors.js';
import { money } from '../money.js';
import { isAfterToday, localDate, longDate } from '../dates.js';
import { PersonRefError } from '../people.js';
import { recordCount } from '../../../graph/collection-labels.js';

export interface FormContext {
  me: () => string;
  /** the person id a field's text names (an id, or a name: people.ts); throws PersonRefError when it names nobody or several */
  personId: (text: string) => Promise<string>;
  /** a person's name as the page shows it (with the id beside a name two people share) */
  nameOf: (id: string) => string;
  /** reloads the week after a write */
  changed: () => Promise<void>;
}

const form = (name: string) => document.getElementById(`form-${name}`) as HTMLFormElement;
const value = (f: HTMLFormElement, name: string) => field(f, name)?.value.trim() ?? '';

/** Body fields that a form shows under another name (attributes are edited as plain fields). */
const FIELD_OF: Record<string, string> = { a: 'b', id: 'edit', 'attributes/phone': 'phone', 'attributes/linkedin': 'linkedin' };
const showErrors = (f: HTMLFormElement, issues: Issue[]) => showFieldErrors(f, issues, FIELD_OF);

/**
 * A meeting or a slip dated after today is almost always a typo (2027 for 2026): refused next to
 * the field, since it would count nowhere until that day and move the map's "now" forward.
 */
export function notInTheFuture(path: string, date: string): Issue[] {
  return isAfterToday(date) ? [{ path, message: `This date is after today (${longDate(localDate())}): log a meeting once it has happened.` }] : [];
}

/**
 * The person fields of a form, each resolved to an id; a field naming nobody or several people
 * gets its issue (followed by `unknownHint` when it names nobody).
 */
async function personFields(f: HTMLFormElement, ctx: FormContext, names: string[], unknownHint?: string): Promise<{ ids: Record<string, string>; issues: Issue[] }> {
  const ids: Record<string, string> = {};
  const issues: Issue[] = [];
  for (const name of names) {
    const text = value(f, name);
    // An empty field is the schema's to report ("required"), like any other missing value.
    if (text === '') ids[name] = '';
    else {
      try {
        ids[name] = await ctx.personId(text);
      } catch (err) {
        if (!(err instanceof PersonRefError)) throw err;
        issues.push({ path: `/${name}`, message: unknownHint && err.candidates.length === 0 ? `${err.message} ${unknownHint}` : err.message });
      }
    }
  }
  return { ids, issues };
}

interface Submission<T> {
  /** fields holding a person (a name or an id), resolved before the body is built */
  people?: string[];
  /** what a person field naming nobody adds to its refusal (how to bring them in) */
  unknownPerson?: string;
  body: (ids: Record<string, string>) => unknown;
  schema?: z.ZodType;
  /** checks beyond the schema (dates after today) */
  check?: (body: never) => Issue[];
  send: (body: never) => Promise<T>;
  done: (r: T) => string;
  /** after a write: the form is emptied (then `defaults` refilled) so a second click cannot write it twice */
  keep?: boolean;
  defaults?: () => void;
}

/**
 * Resolves the person fields, validates with `schema` (and `check`), sends, and turns a 400's
 * errors[] into field errors. After a write the form is cleared, its confirmation kept.
 */
async function submit<T>(f: HTMLFormElement, ctx: FormContext, s: Submission<T>): Promise<boolean> {
  clearErrors(f);
  const button = f.querySelector<HTMLButtonElement>('button[type=submit]');
  if (button?.disabled) return false;
  if (button) button.disabled = true;
  try {
    const { ids, issues } = await personFields(f, ctx, s.people ?? [], s.unknownPerson);
    const body = s.body(ids);
    if (s.schema) {
      const checked = s.schema.safeParse(body);
      if (!checked.success) issues.push(...zodIssues(checked.error).filter((i) => !issues.some((j) => j.path === i.path)));
    }
    if (s.check) issues.push(...s.check(body as never));
    if (issues.length) {
      showErrors(f, issues);
      return false;
    }
    const r = await s.send(body as never);
    if (!s.keep) {
      f.reset();
      s.defaults?.();
    }
    result(f, s.done(r));
    return true;
  } catch (err) {
    const errors = err instanceof ApiError ? err.problem?.errors : undefined;
    if (Array.isArray(errors) && errors.length) showErrors(f, errors as Issue[]);
    else result(f, describeError(err), true);
    return false;
  } finally {
    if (button) button.disabled = false;
  }
}

/** After a submit: reload the week when the write went through. */
const refresh = (ctx: FormContext) => (ok: boolean): Promise<void> | undefined => (ok ? ctx.changed() : undefined);

/** Optional text: left out when empty (the schemas reject "" where a value is expected). */
const opt = (v: string) => (v === '' ? undefined : v);
const optNumber = (v: string) => (v === '' ? undefined : Number(v));

export function setUpForms(ctx: FormContext): void {
  // A field's error goes as soon as the field is edited.
  document.querySelectorAll<HTMLFormElement>('form[data-form]').forEach(clearOnEdit);
  document.querySelectorAll<HTMLButtonElement>('.tabs [data-form]').forEach((tab) => tab.addEventListener('click', () => showForm(tab.dataset.form!)));
  // The quick buttons near the top (narrow screens): open the form, bring it into view, start at its first field.
  document.querySelectorAll<HTMLButtonElement>('[data-open-form]').forEach((button) =>
    button.addEventListener('click', () => {
      const f = showForm(button.dataset.openForm!);
      f.closest('.forms')?.scrollIntoView({ block: 'start' });
      f.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea')?.focus({ preventScroll: true });
    }),
  );

  const log = form('interaction');
  const logDefaults = () => ((field(log, 'at') as HTMLInputElement).value = localDate());
  logDefaults();
  log.addEventListener('submit', (e) => {
    e.preventDefault();
    void submit(log, ctx, {
      people: ['b'],
      body: (ids) => ({ a: ctx.me(), b: ids.b, kind: value(log, 'kind'), at: value(log, 'at'), note: opt(value(log, 'note')) }),
      schema: interactionSchema,
      check: (body: { at: string }) => notInTheFuture('/at', body.at),
      send: (body) => sendJson<{ id: string }>('POST', '/api/interactions', body),
      done: () => 'Logged.',
      defaults: logDefaults,
    }).then(refresh(ctx));
  });

  const pass = form('referral');
  pass.addEventListener('submit', (e) => {
    e.preventDefault();
    void submit(pass, ctx, {
      people: ['to'],
      body: (ids) => ({ from: ctx.me(), to: ids.to, at: localDate(), status: 'passed', prospect: opt(value(pass, 'prospect')), note: opt(value(pass, 'note')), value: optNumber(value(pass, 'value')) }),
      schema: referralSchema,
      send: (body) => sendJson('POST', '/api/referrals', body),
      done: () => 'Slip passed.',
    }).then(refresh(ctx));
  });

  const close = form('close');
  close.addEventListener('submit', (e) => {
    e.preventDefault();
    const id = value(close, 'referral');
    void submit(close, ctx, {
      body: () => ({ status: value(close, 'status'), value: optNumber(value(close, 'value')) }),
      // No slip is chosen until the user picks one: Save never moves the first slip of the list by accident.
      check: (patch: { status: string; value?: number }) => {
        const issues: Issue[] = id ? [] : [{ path: '/referral', message: 'Choose the slip to move on.' }];
        const checked = referralSchema.safeParse({ id: id || 'x', from: 'x', to: 'y', at: localDate(), ...patch });
        if (!checked.success) issues.push(...zodIssues(checked.error).filter((i) => i.path === '/status' || i.path === '/value'));
        return issues;
      },
      send: (patch) => sendJson<{ value?: number; status: string }>('PATCH', `/api/referrals/${encodeURIComponent(id)}`, patch),
      done: (r) => `Slip ${r.status}${r.value !== undefined ? `, ${money(r.value)}` : ''}.`,
    }).then(refresh(ctx));
  });

  setUpCheckIn(ctx);

  setUpPersonForm(ctx);
  setUpMergeForm(ctx);
}

/** The events the check-in form offers, by id (fillPickers): their names and dates for its words and checks. */
let checkInEvents = new Map<string, { id: string; name: string; at: string }>();

/** An event as the picker and the confirmation name it: "Weekly breakfast · 2026-12-01". */
const eventWords = (e: { name: string; at: string }) => `${e.name} · ${e.at.slice(0, 10)}`;

/**
 * Why an attendance cannot be recorded for this event from the page: none chosen (no event is
 * chosen for the user), or one after today — a check-in records who attended, and one for an
 * event still ahead would count nowhere until that day and move the map's "now" forward, as a
 * meeting dated after today would.
 */
export function checkInProblems(eventId: string, event: { at: string } | undefined): Issue[] {
  if (eventId === '') return [{ path: '/event', message: 'Choose the event.' }];
  if (event && isAfterToday(event.at)) return [{ path: '/event', message: `This event is on ${longDate(event.at)}, after today (${longDate(localDate())}): check people in once it has happened.` }];
  return [];
}

/**
 * Check in: who attended an event — you (Who left empty), or, for an organiser of the hosting
 * group, anyone (a name or an id; the API decides who may record whose attendance). The event
 * stays chosen and Who is emptied after each one, so a meeting's attendees are recorded one after
 * another; someone already recorded is said so, and nothing is written twice.
 */
function setUpCheckIn(ctx: FormContext): void {
  const checkin = form('checkin');
  checkin.addEventListener('submit', (e) => {
    e.preventDefault();
    let already = false;
    let who = '';
    void submit(checkin, ctx, {
      people: ['person'],
      unknownPerson: 'A first-time visitor: add them under Person (a name is enough), then check them in here.',
      body: (ids) => ({ person: ids.person || ctx.me(), event: value(checkin, 'event') }),
      check: (body: { person: string; event: string }) => {
        const issues = checkInProblems(body.event, checkInEvents.get(body.event));
        if (issues.length) return issues;
        const checked = attendanceSchema.safeParse(body);
        return checked.success ? [] : zodIssues(checked.error);
      },
      send: async (body: { person: string; event: string }) => {
        // Named as stored (someone added since the page loaded its people too), never as typed.
        who = body.person === ctx.me() ? '' : ctx.nameOf(body.person) !== body.person ? ctx.nameOf(body.person) : (await getJson<{ name: string }>(`/api/people/${encodeURIComponent(body.person)}`)).name;
        already = (await getJson<{ items: unknown[] }>('/api/attendance', { person: body.person, event: body.event, limit: 1 })).items.length > 0;
        return already ? body : sendJson<{ person: string; event: string }>('POST', '/api/attendance', body);
      },
      done: (r) => {
        field(checkin, 'person')!.value = '';
        const event = checkInEvents.get(r.event);
        const at = event ? eventWords(event) : r.event;
        if (already) return `${who || 'You'} ${who ? 'was' : 'were'} already checked in at ${at}: nothing written.`;
        return `Checked in: ${who || 'you'} at ${at}.`;
      },
      keep: true,
    }).then(refresh(ctx));
  });
}

function setUpPersonForm(ctx: FormContext): void {
  const f = form('person');
  field(f, 'edit')!.addEventListener('change', () => {
    const text = value(f, 'edit');
    if (!text) return;
    clearErrors(f);
    ctx
      .personId(text)
      .then((id) => getJson<{ name: string; email?: string; company?: string; title?: string; attributes?: Record<string, string> }>(`/api/people/${encodeURIComponent(id)}`))
      .then(
        (p) => {
          for (const [name, v] of Object.entries({ name: p.name, email: p.email, company: p.company, title: p.title, phone: p.attributes?.phone, linkedin: p.attributes?.linkedin })) field(f, name)!.value = v ?? '';
        },
        (err: unknown) => (err instanceof PersonRefError ? showErrors(f, [{ path: '/edit', message: err.message }]) : result(f, describeError(err), true)),
      );
  });
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    const fields = () => ({ name: value(f, 'name'), email: opt(value(f, 'email')), company: opt(value(f, 'company')), title: opt(value(f, 'title')) });
    const attributes = () => Object.fromEntries(Object.entries({ phone: value(f, 'phone'), linkedin: value(f, 'linkedin') }).filter(([, v]) => v !== ''));
    if (value(f, 'edit')) {
      let editing = '';
      void submit(f, ctx, {
        people: ['edit'],
        // A merge patch: empty fields are removed (null), attributes other than these two are kept.
        body: (ids) => {
          editing = ids.edit!;
          const a = attributes();
          return { ...Object.fromEntries(Object.entries(fields()).map(([k, v]) => [k, v ?? null])), attributes: { phone: a.phone ?? null, linkedin: a.linkedin ?? null } };
        },
        check: () => {
          const checked = personSchema.safeParse({ id: editing, ...fields(), attributes: attributes() });
          return checked.success ? [] : zodIssues(checked.error);
        },
        send: (patch) => sendJson('PATCH', `/api/people/${encodeURIComponent(editing)}`, patch),
        done: () => 'Saved.',
      }).then(refresh(ctx));
    } else {
      const name = value(f, 'name');
      void submit(f, ctx, {
        body: () => {
          const a = attributes();
          return { ...fields(), ...(Object.keys(a).length ? { attributes: a } : {}) };
        },
        schema: personSchema.omit({ id: true }),
        send: (body) => sendJson<{ id: string }>('POST', '/api/people', body),
        done: () => `Added ${name}.`,
      }).then(refresh(ctx));
    }
  });
}

interface MergePreview {
  keep: PersonShape;
  remove: PersonShape;
  merged: PersonShape;
  conflicts: { field: string; kept: string; dropped: string; note?: string }[];
  moved: Record<string, number>;
  dropped: Record<string, number>;
}

/** A person as a merge answers it (the API's person record). */
interface PersonShape {
  id: string;
  name: string;
  email?: string;
  company?: string;
  title?: string;
  tags?: string[];
  attributes?: Record<string, string>;
}

/** A field the two people differ on, in words: what stays and what goes, and why when the rule is not "the kept one wins". */
function conflictWords(c: MergePreview['conflicts'][number]): string {
  const kept = c.kept === '' ? 'none' : `"${c.kept}"`;
  return `${c.field}: keeps ${kept}, drops "${c.dropped}"${c.note ? ` (${c.note})` : ''}`;
}

/** What the merged person gains from the one merged away: the fields it fills, the tags and attributes it adds. */
function gainedWords(p: MergePreview): string {
  const gained: string[] = [];
  const kept = p.keep as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(p.merged as unknown as Record<string, unknown>)) {
    if (field === 'id' || field === 'privateTo' || field === 'tags' || field === 'attributes') continue;
    if (kept[field] === undefined && typeof value === 'string') gained.push(`${field} "${value}"`);
  }
  const tags = (p.merged.tags ?? []).filter((t) => !(p.keep.tags ?? []).includes(t));
  if (tags.length) gained.push(`tags ${tags.join(', ')}`);
  for (const [key, value] of Object.entries(p.merged.attributes ?? {})) if (p.keep.attributes?.[key] === undefined) gained.push(`${key} "${value}"`);
  return gained.length ? `${p.keep.name} gains from ${p.remove.name}: ${gained.join(', ')}.` : `${p.keep.name} gains no field from ${p.remove.name}.`;
}

function setUpMergeForm(ctx: FormContext): void {
  const f = form('merge');
  const apply = f.querySelector<HTMLButtonElement>('[name=apply]')!;
  const preview = f.querySelector<HTMLElement>('.preview')!;
  // The records a merge moves or drops (MergeCounts, keyed by collection), each as its noun: "1 interaction".
  const counts = (c: Record<string, number>) => Object.entries(c).filter(([, n]) => n > 0).map(([k, n]) => recordCount(n, k)).join(', ') || 'nothing';
  /** The two people previewed: Merge merges them, whatever the fields say by then. */
  let previewed: { keep: string; remove: string } | undefined;
  const forget = () => {
    previewed = undefined;
    apply.hidden = true;
    preview.replaceChildren();
  };
  // A person typed anew asks for a new preview: Merge never writes a merge no one saw.
  for (const name of ['keep', 'remove']) field(f, name)!.addEventListener('input', forget);
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    forget();
    void submit(f, ctx, {
      people: ['keep', 'remove'],
      body: (ids) => ({ keep: ids.keep, remove: ids.remove }),
      send: (b) => sendJson<MergePreview>('POST', '/api/people/merge/preview', b),
      keep: true,
      done: (p) => {
        previewed = { keep: p.keep.id, remove: p.remove.id };
        preview.replaceChildren(
          h('p', { text: `${p.remove.name} (${p.remove.id}) will be merged into ${p.keep.name} (${p.keep.id}).` }),
          h('p', { text: gainedWords(p) }),
          h('p', { text: `Moves: ${counts(p.moved)}. Dropped (between the two, or already held): ${counts(p.dropped)}.` }),
          ...p.conflicts.map((c) => h('p', { class: 'muted', text: conflictWords(c) })),
        );
        apply.hidden = false;
        return 'Nothing written yet: check the preview, then merge.';
      },
    });
  });
  apply.addEventListener('click', () => {
    const chosen = previewed;
    if (!chosen || apply.disabled) return;
    // One click, one merge: a second click while it is sent would merge a person already gone.
    apply.disabled = true;
    void submit(f, ctx, {
      body: () => chosen,
      send: (b) => sendJson<MergePreview>('POST', '/api/people/merge', b),
      done: (p) => `Merged ${p.remove.name} (${p.remove.id}) into ${p.keep.name} (${p.keep.id}).`,
    }).then((ok) => {
      apply.disabled = false;
      if (!ok) return;
      forget();
      return ctx.changed();
    });
  });
}

/** Shows one form (and selects its tab). */
export function showForm(name: string): HTMLFormElement {
  document.querySelectorAll<HTMLButtonElement>('.tabs [data-form]').forEach((tab) => tab.setAttribute('aria-selected', String(tab.dataset.form === name)));
  document.querySelectorAll<HTMLFormElement>('form[data-form]').forEach((f) => (f.hidden = f.dataset.form !== name));
  return form(name);
}

/** Opens the interaction form prefilled for a person (the Log action of a row). */
export function prefillInteraction(personText: string, kind = 'one_to_one', note = ''): void {
  const f = showForm('interaction');
  clearErrors(f);
  field(f, 'b')!.value = personText;
  field(f, 'kind')!.value = kind;
  (field(f, 'at') as HTMLInputElement).value = localDate();
  field(f, 'note')!.value = note;
  field(f, 'note')!.focus();
}

/**
 * Fills the slip and event pickers. The check-in picker offers every event up to today, newest
 * first (an event still ahead has not been attended), with none chosen until the user picks one;
 * an event already chosen stays chosen.
 */
export function fillPickers(slips: { referral: string; person: { name: string }; direction: string; prospect?: string; status: string }[], events: { id: string; name: string; at: string }[]): void {
  const close = form('close');
  const picker = field(close, 'referral')!;
  // The placeholder comes first and is what a fresh list shows; a slip the user already chose stays chosen.
  const chosen = picker.value;
  picker.replaceChildren(
    h('option', { value: '', text: slips.length ? 'Choose a slip…' : 'No open slips' }),
    ...slips.map((s) => h('option', { value: s.referral, text: `${s.direction === 'given' ? 'to' : 'from'} ${s.person.name}${s.prospect ? ` · ${s.prospect}` : ''} (${s.status})` })),
  );
  picker.value = slips.some((s) => s.referral === chosen) ? chosen : '';
  const held = events.filter((e) => !isAfterToday(e.at));
  checkInEvents = new Map(held.map((e) => [e.id, e]));
  const eventPicker = field(form('checkin'), 'event')!;
  const chosenEvent = eventPicker.value;
  eventPicker.replaceChildren(
    h('option', { value: '', text: held.length ? 'Choose an event…' : 'No events up to today' }),
    ...held.map((e) => h('option', { value: e.id, text: eventWords(e) })),
  );
  eventPicker.value = checkInEvents.has(chosenEvent) ? chosenEvent : '';
}

/** Opens the slip form to pass one to a person (Done on a referral owed: only a slip clears it). */
export function prefillSlip(personText: string): void {
  const f = showForm('referral');
  clearErrors(f);
  field(f, 'to')!.value = personText;
  field(f, 'prospect')!.focus();
}

/** Opens the close form with a slip chosen (Done on an open slip: moving it on clears it). */
export function prefillClose(referral: string): void {
  const f = showForm('close');
  clearErrors(f);
  field(f, 'referral')!.value = referral;
  field(f, 'status')!.focus();
}
