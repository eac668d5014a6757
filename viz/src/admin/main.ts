/**
 * The admins' accounts page (admin.html), over /api/admin/accounts: every account in a table — its
 * email, the person it is by name, its role and whether it is disabled — with each row's changes
 * (rows.ts), and the "New account" form. The form checks what it can before sending (a person
 * named by name or id, resolved as every person field is; the shared password rule) and shows each
 * problem of the server's answer next to its field; after a save it is emptied. Anyone who is not
 * an admin is told "admins only" and shown nothing else (the API refuses them with 403 as well).
 */
import '../styles.css';
import { DEFAULT_ROLE } from '../../../api/security/roles.js';
import { ApiError, describeError, getJson, getMe, sendJson, type Me } from '../api.js';
import { clearErrors, clearOnEdit, field, result, showErrors, type Issue } from '../form-errors.js';
import { PersonRefError } from '../people.js';
import { Directory } from './directory.js';
import { accountRow, fieldIssues, passwordIssues, PASSWORD_RULE, ROLE_NAMES, type Account, type RowContext } from './rows.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const who = $<HTMLParagraphElement>('admin-who');
const body = $<HTMLElement>('admin-body');
const tbody = $<HTMLTableElement>('accounts').tBodies[0]!;
const form = $<HTMLFormElement>('create-form');
const people = new Directory();

declare global {
  interface Window {
    /** For the browser tests: how often the table was drawn, and how many changes the server accepted. */
    __refnetAdmin?: { loads: number; saves: number };
  }
}
window.__refnetAdmin = { loads: 0, saves: 0 };

document.querySelectorAll('[data-password-rule]').forEach((p) => (p.textContent = PASSWORD_RULE));

/** Who may use the page: an admin account, an admin key, or local mode (GET /api/me). */
const isAdmin = (me: Me) => me.role === 'admin' || me.key?.scope === 'admin';

function whoText(me: Me): string {
  if (me.email) return `Signed in as ${me.name ?? me.person ?? me.email} (${me.email}), ${me.role ?? 'member'}.`;
  if (me.key) return `Using the API key "${me.key.name}" (${me.key.scope}).`;
  return 'Local mode: no accounts are required on this machine yet.';
}

function refuse(me: Me): void {
  who.textContent = `Admins only: this page manages who can sign in. ${whoText(me)} An admin of this server can change your role.`;
  who.classList.add('admin-refused');
}

const rowContext = (me: Me): RowContext => ({
  people,
  me: me.email,
  saved(account, said) {
    window.__refnetAdmin!.saves++;
    void people
      .include([account.person])
      .catch(() => undefined) // the row then shows the id: the change itself went through
      .then(() => {
        const row = accountRow(account, rowContext(me));
        const old = tbody.querySelector(`tr[data-account="${CSS.escape(account.id)}"]`);
        if (old) old.replaceWith(row);
        else tbody.append(row);
        const line = row.querySelector('.row-result')!;
        line.textContent = said;
      });
  },
});

async function drawAccounts(me: Me): Promise<void> {
  const { accounts } = await getJson<{ accounts: Account[] }>('/api/admin/accounts');
  await people.include(accounts.map((a) => a.person));
  tbody.replaceChildren(...accounts.map((a) => accountRow(a, rowContext(me))));
  $('accounts-empty').hidden = accounts.length > 0;
  $('accounts').hidden = accounts.length === 0;
  window.__refnetAdmin!.loads++;
}

async function start(): Promise<void> {
  const me = await getMe();
  if (!isAdmin(me)) return refuse(me);
  who.textContent = whoText(me);
  $('admin-local').hidden = !me.local;
  await people.load();
  $('admin-people').replaceChildren(...people.options());
  await drawAccounts(me);
  body.hidden = false;
  setUpCreateForm(me);
}

/** What the form can tell before asking the server; the person resolved to an id when it names one. */
async function checkCreate(): Promise<{ issues: Issue[]; person: string }> {
  const issues: Issue[] = [];
  if (field(form, 'email')!.value.trim() === '') issues.push({ path: '/email', message: 'enter the email the person signs in with' });
  let person = '';
  try {
    person = await people.personId(field(form, 'person')!.value);
  } catch (err) {
    if (!(err instanceof PersonRefError)) throw err;
    issues.push({ path: '/person', message: err.message });
  }
  issues.push(...passwordIssues(field(form, 'password')!.value));
  return { issues, person };
}

function setUpCreateForm(me: Me): void {
  clearOnEdit(form);
  const submit = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
  const focusFirst = (issues: Issue[]) => field(form, issues[0]!.path.slice(1))?.focus();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    clearErrors(form);
    submit.disabled = true;
    (async () => {
      const { issues, person } = await checkCreate();
      if (issues.length) {
        showErrors(form, issues);
        return focusFirst(issues);
      }
      const email = field(form, 'email')!.value.trim();
      const role = field(form, 'role')!.value;
      const account = await sendJson<Account>('POST', '/api/admin/accounts', { email, person, role, password: field(form, 'password')!.value });
      form.reset();
      result(form, `Account created for ${people.label(account.person) ?? account.person} (${account.email}), ${ROLE_NAMES[account.role].toLowerCase()}.`);
      rowContext(me).saved(account, 'New account.');
    })()
      .catch((err: unknown) => {
        const issues = fieldIssues(err);
        // An email taken already is a 409 without errors[]: it concerns the email field.
        if (!issues && err instanceof ApiError && err.status === 409) showErrors(form, [{ path: '/email', message: describeError(err) }]);
        else if (issues) {
          showErrors(form, issues);
          focusFirst(issues);
        } else result(form, describeError(err), true);
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  // The default role is preselected, and comes back when the form is emptied after a save.
  for (const option of Array.from((field(form, 'role') as HTMLSelectElement).options)) option.defaultSelected = option.value === DEFAULT_ROLE;
  form.reset();
}

start().catch((err: unknown) => {
  who.textContent = describeError(err);
});
