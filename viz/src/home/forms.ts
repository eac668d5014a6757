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
import { recordCount } from '../../../graph/collection-labels.js';

export interface FormContext {
  me: () => string;
  /** a person id from what was typed (an id, or a name from the list) */
  personId: (text: string) => string;
  /** reloads the week after a write */
  changed: () => Promise<void>;
}

const form = (name: string) => document.getElementById(`form-${name}`) as HTMLFormElement;
const value = (f: HTMLFormElement, name: string) => field(f, name)?.value.trim() ?? '';
const today = () => new Date().toISOString().slice(0, 10);

/** Body fields that a form shows under another name (attributes are edited as plain fields). */
const FIELD_OF: Record<string, string> = { a: 'b', person: 'event', id: 'edit', 'attributes/phone': 'phone', 'attributes/linkedin': 'linkedin' };
const showErrors = (f: HTMLFormElement, issues: Issue[]) => showFieldErrors(f, issues, FIELD_OF);

/** Validates with `schema`, sends, and turns a 400's errors[] into field errors. */
async function submit<T>(f: HTMLFormElement, schema: z.ZodType | undefined, body: unknown, send: () => Promise<T>, done: (r: T) => string): Promise<boolean> {
  clearErrors(f);
  if (schema) {
    const checked = schema.safeParse(body);
    if (!checked.success) {
      showErrors(f, zodIssues(checked.error));
      return false;
    }
  }
  try {
    const r = await send();
    result(f, done(r));
    return true;
  } catch (err) {
    const errors = err instanceof ApiError ? err.problem?.errors : undefined;
    if (Array.isArray(errors) && errors.length) showErrors(f, errors as Issue[]);
    else result(f, describeError(err), true);
    return false;
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

  const log = form('interaction');
  (field(log, 'at') as HTMLInputElement).value = today();
  log.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { a: ctx.me(), b: ctx.personId(value(log, 'b')), kind: value(log, 'kind'), at: value(log, 'at'), note: opt(value(log, 'note')) };
    void submit(log, interactionSchema, body, () => sendJson<{ id: string }>('POST', '/api/interactions', body), () => 'Logged.').then(refresh(ctx));
  });

  const pass = form('referral');
  pass.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { from: ctx.me(), to: ctx.personId(value(pass, 'to')), at: today(), status: 'passed', prospect: opt(value(pass, 'prospect')), note: opt(value(pass, 'note')), value: optNumber(value(pass, 'value')) };
    void submit(pass, referralSchema, body, () => sendJson('POST', '/api/referrals', body), () => 'Slip passed.').then(refresh(ctx));
  });

  const close = form('close');
  close.addEventListener('submit', (e) => {
    e.preventDefault();
    const id = value(close, 'referral');
    const patch = { status: value(close, 'status'), value: optNumber(value(close, 'value')) };
    // No slip is chosen until the user picks one: Save never moves the first slip of the list by accident.
    const issues: Issue[] = id ? [] : [{ path: '/referral', message: 'Choose the slip to move on.' }];
    const check = referralSchema.safeParse({ id: id || 'x', from: 'x', to: 'y', at: today(), ...patch });
    if (!check.success) issues.push(...zodIssues(check.error).filter((i) => i.path === '/status' || i.path === '/value'));
    if (issues.length) {
      clearErrors(close);
      showErrors(close, issues);
      return;
    }
    void submit(close, undefined, patch, () => sendJson<{ value?: number; status: string }>('PATCH', `/api/referrals/${encodeURIComponent(id)}`, patch), (r) =>
      `Slip ${r.status}${r.value !== undefined ? `, ${money(r.value)}` : ''}.`,
    ).then(refresh(ctx));
  });

  const checkin = form('checkin');
  checkin.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { person: ctx.me(), event: value(checkin, 'event') };
    void submit(checkin, attendanceSchema, body, () => sendJson('POST', '/api/attendance', body), () => 'Checked in.').then(refresh(ctx));
  });

  setUpPersonForm(ctx);
  setUpMergeForm(ctx);
}

function setUpPersonForm(ctx: FormContext): void {
  const f = form('person');
  field(f, 'edit')!.addEventListener('change', () => {
    const id = value(f, 'edit') && ctx.personId(value(f, 'edit'));
    if (!id) return;
    getJson<{ name: string; email?: string; company?: string; title?: string; attributes?: Record<string, string> }>(`/api/people/${encodeURIComponent(id)}`).then((p) => {
      for (const [name, v] of Object.entries({ name: p.name, email: p.email, company: p.company, title: p.title, phone: p.attributes?.phone, linkedin: p.attributes?.linkedin })) field(f, name)!.value = v ?? '';
    }, (err: unknown) => result(f, describeError(err), true));
  });
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    const editing = value(f, 'edit') && ctx.personId(value(f, 'edit'));
    const fields = { name: value(f, 'name'), email: opt(value(f, 'email')), company: opt(value(f, 'company')), title: opt(value(f, 'title')) };
    const attributes = Object.fromEntries(Object.entries({ phone: value(f, 'phone'), linkedin: value(f, 'linkedin') }).filter(([, v]) => v !== ''));
    if (editing) {
      // A merge patch: empty fields are removed (null), attributes other than these two are kept.
      const patch = { ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v ?? null])), attributes: { phone: attributes.phone ?? null, linkedin: attributes.linkedin ?? null } };
      const check = personSchema.safeParse({ id: editing, ...fields, attributes });
      void submit(f, undefined, patch, async () => {
        if (!check.success) throw new ApiError(400, 'invalid', { errors: zodIssues(check.error) });
        return sendJson('PATCH', `/api/people/${encodeURIComponent(editing)}`, patch);
      }, () => 'Saved.').then(refresh(ctx));
    } else {
      const body = { ...fields, ...(Object.keys(attributes).length ? { attributes } : {}) };
      void submit(f, personSchema.omit({ id: true }), body, () => sendJson<{ id: string; name: string }>('POST', '/api/people', body), (r) => `Added ${r.name}.`).then(refresh(ctx));
    }
  });
}

interface MergePreview {
  keep: { id: string; name: string };
  remove: { id: string; name: string };
  conflicts: { field: string; kept: string; dropped: string }[];
  moved: Record<string, number>;
  dropped: Record<string, number>;
}

function setUpMergeForm(ctx: FormContext): void {
  const f = form('merge');
  const apply = f.querySelector<HTMLButtonElement>('[name=apply]')!;
  const preview = f.querySelector<HTMLElement>('.preview')!;
  const body = () => ({ keep: ctx.personId(value(f, 'keep')), remove: ctx.personId(value(f, 'remove')) });
  // The records a merge moves or drops (MergeCounts, keyed by collection), each as its noun: "1 interaction".
  const counts = (c: Record<string, number>) => Object.entries(c).filter(([, n]) => n > 0).map(([k, n]) => recordCount(n, k)).join(', ') || 'nothing';
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    apply.hidden = true;
    preview.replaceChildren();
    void submit(f, undefined, body(), () => sendJson<MergePreview>('POST', '/api/people/merge/preview', body()), (p) => {
      preview.replaceChildren(
        h('p', { text: `${p.remove.name} (${p.remove.id}) will be merged into ${p.keep.name} (${p.keep.id}).` }),
        h('p', { text: `Moves: ${counts(p.moved)}. Dropped (between the two, or already held): ${counts(p.dropped)}.` }),
        ...p.conflicts.map((c) => h('p', { class: 'muted', text: `${c.field}: keeps "${c.kept}", drops "${c.dropped}"` })),
      );
      apply.hidden = false;
      return 'Nothing written yet: check the preview, then merge.';
    });
  });
  apply.addEventListener('click', () => {
    void submit(f, undefined, body(), () => sendJson<MergePreview>('POST', '/api/people/merge', body()), (p) => `Merged ${p.remove.name} (${p.remove.id}) into ${p.keep.name} (${p.keep.id}).`).then((ok) => {
      if (!ok) return;
      apply.hidden = true;
      preview.replaceChildren();
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
  (field(f, 'at') as HTMLInputElement).value = today();
  field(f, 'note')!.value = note;
  field(f, 'note')!.focus();
}

/** Fills the slip and event pickers. */
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
  field(form('checkin'), 'event')!.replaceChildren(...events.map((e) => h('option', { value: e.id, text: `${e.name} · ${e.at.slice(0, 10)}` })));
}
