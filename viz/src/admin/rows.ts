/**
 * One row of the accounts table and its changes: the role (a select that saves on change),
 * disable / enable, and two small forms — another person, a new password. Each change is one
 * request (PATCH /api/admin/accounts/{email}, PUT …/password); its answer replaces the row, and
 * the row says what changed. A refusal is shown once, in words, next to what was changed: the
 * select, the button or the form's field (a 400's errors[]), else in the row's result line.
 */
import { ROLES, type Role } from '../../../api/security/roles.js';
import { PASSWORD_HINT, newPasswordSchema } from '../../../api/security/password-rules.js';
import { ApiError, describeError, sendJson } from '../api.js';
import { day, h } from '../dom.js';
import { clearErrors, clearOnEdit, field, fieldError, showErrors, type Issue } from '../form-errors.js';
import { PersonRefError } from '../people.js';
import type { Directory } from './directory.js';

/** An account as GET /api/admin/accounts lists it (api/schemas/account-schemas.ts accountSummary). */
export interface Account {
  id: string;
  email: string;
  person: string;
  role: Role;
  createdAt: string;
  passwordChangedAt: string;
  disabledAt?: string;
}

export interface RowContext {
  people: Directory;
  /** The signed-in account's email (its row says "you"), if any. */
  me: string | undefined;
  /** After a change the server accepted: the account as it is now, and what to say about it. */
  saved: (account: Account, said: string) => void;
}

export const ROLE_NAMES: Record<Role, string> = { member: 'Member', organiser: 'Organiser', admin: 'Admin' };

/** The shared password rule in words, shown beside every new-password field. */
export const PASSWORD_RULE = PASSWORD_HINT;

/** What the form can tell of a new password before asking the server. */
export function passwordIssues(password: string): Issue[] {
  const rule = newPasswordSchema.safeParse(password);
  return rule.success ? [] : [{ path: '/password', message: rule.error.issues[0]?.message ?? 'not a usable password' }];
}

/** A 400's errors[], when the failure is one. */
export function fieldIssues(err: unknown): Issue[] | undefined {
  const errors = err instanceof ApiError && err.status === 400 ? err.problem?.errors : undefined;
  return Array.isArray(errors) && errors.length ? (errors as Issue[]) : undefined;
}

const accountPath = (a: Account) => `/api/admin/accounts/${encodeURIComponent(a.email)}`;

/** The row's state: enabled, or since when it is disabled. */
function stateText(a: Account): string {
  return a.disabledAt === undefined ? 'Enabled' : `Disabled since ${day(a.disabledAt)}`;
}

export function accountRow(a: Account, ctx: RowContext): HTMLTableRowElement {
  const label = ctx.people.label(a.person);
  const rowResult = h('p', { class: 'result row-result', role: 'status', 'aria-live': 'polite' });
  const say = (text: string, error = false) => {
    rowResult.textContent = text;
    rowResult.classList.toggle('error', error);
  };

  const role = h('select', { name: 'role', 'aria-label': `Role of ${a.email}` }, ...ROLES.map((r) => h('option', { value: r, text: ROLE_NAMES[r], selected: r === a.role })));
  role.addEventListener('change', () => {
    const wanted = role.value as Role;
    fieldError(role, undefined);
    say('');
    role.disabled = true;
    patch(a, { role: wanted }).then(
      (after) => ctx.saved(after, `${a.email} is now ${ROLE_NAMES[after.role].toLowerCase()}, from its next request.`),
      (err: unknown) => {
        role.disabled = false;
        role.value = a.role; // nothing was changed: the select says so
        fieldError(role, describeError(err));
      },
    );
  });

  const disabled = a.disabledAt !== undefined;
  const toggle = h('button', { type: 'button', class: 'row-action', text: disabled ? 'Enable' : 'Disable', 'aria-label': `${disabled ? 'Enable' : 'Disable'} ${a.email}` });
  toggle.addEventListener('click', () => {
    fieldError(toggle, undefined);
    say('');
    toggle.disabled = true;
    patch(a, { disabled: !disabled }).then(
      (after) => ctx.saved(after, after.disabledAt === undefined ? `${a.email} is enabled: it can sign in again.` : `${a.email} is disabled: its sessions have ended and it cannot sign in.`),
      (err: unknown) => {
        toggle.disabled = false;
        fieldError(toggle, describeError(err));
      },
    );
  });

  const personForm = rowForm(
    'Change person',
    `Person of ${a.email}`,
    h('input', { name: 'person', dir: 'auto', list: 'admin-people', autocomplete: 'off', required: true, value: ctx.people.fieldText(a.person) }),
    async (f) => {
      const text = field(f, 'person')!.value;
      let person: string;
      try {
        person = await ctx.people.personId(text);
      } catch (err) {
        if (err instanceof PersonRefError) return [{ path: '/person', message: err.message }];
        throw err;
      }
      const after = await patch(a, { person });
      ctx.saved(after, `${a.email} is now ${ctx.people.label(after.person) ?? after.person}.`);
      return [];
    },
    say,
  );

  const password = h('input', { name: 'password', type: 'password', autocomplete: 'new-password', required: true });
  const passwordForm = rowForm(
    'Set password',
    `New password for ${a.email}`,
    password,
    async (f) => {
      const typed = field(f, 'password')!.value;
      const issues = passwordIssues(typed);
      if (issues.length) return issues;
      const after = await sendJson<Account>('PUT', `${accountPath(a)}/password`, { password: typed });
      ctx.saved(after, `${a.email} has a new password: every session of it has ended.`);
      return [];
    },
    say,
    PASSWORD_RULE,
  );

  // Each cell's content in one box: on a phone the cell becomes a line "label | content" (styles.css).
  const cell = (heading: string, ...content: (Node | string | null)[]) => h('td', { 'data-label': heading }, h('div', { class: 'cell' }, ...content));
  const row = h(
    'tr',
    { 'data-account': a.id, class: disabled ? 'disabled' : undefined },
    cell('Email', h('span', { class: 'admin-email', text: a.email }), a.email === ctx.me ? h('small', { class: 'muted', text: ' (you)' }) : null),
    cell('Person', label === undefined ? h('span', { class: 'muted', text: `${a.person} (no longer in the network)` }) : h('span', { dir: 'auto', text: label })),
    cell('Role', role),
    cell('State', h('span', { class: 'admin-state', text: stateText(a) }), ' ', toggle),
    cell('Change', h('div', { class: 'row-forms' }, personForm, passwordForm), rowResult),
  );
  return row;
}

function patch(a: Account, body: { role?: Role; person?: string; disabled?: boolean }): Promise<Account> {
  return sendJson<Account>('PATCH', accountPath(a), body);
}

/**
 * A change of one row behind a disclosure ("Change person", "Set password"): one labelled field
 * and Save. `save` returns the problems found before sending; the server's 400 goes next to the
 * field, any other refusal to the row's result line.
 */
function rowForm(summary: string, fieldLabel: string, input: HTMLInputElement, save: (f: HTMLFormElement) => Promise<Issue[]>, say: (text: string, error?: boolean) => void, hint?: string): HTMLDetailsElement {
  const submit = h('button', { type: 'submit', text: 'Save' });
  const f = h('form', { class: 'row-form', novalidate: true }, h('label', {}, fieldLabel, input), hint ? h('p', { class: 'account-hint', text: hint }) : null, submit, h('p', { class: 'result', role: 'status' }));
  clearOnEdit(f);
  f.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(f);
    say('');
    submit.disabled = true;
    save(f)
      .then((issues) => {
        if (!issues.length) return;
        showErrors(f, issues);
        input.focus();
      })
      .catch((err: unknown) => {
        const issues = fieldIssues(err);
        if (issues) showErrors(f, issues);
        else say(describeError(err), true);
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  return h('details', { class: 'row-change' }, h('summary', { text: summary }), f);
}
