/**
 * The signed-in person's account page: who is signed in, and the "Change password" form (PUT
 * /api/me/password). The new password is checked with the same rule the server applies
 * (api/security/password-rules.ts) before anything is sent; the server's 400 `errors[]` (a wrong
 * current password, a rule broken) are shown next to their fields, a 429 or anything else in the
 * form's result line. Local mode and API keys have no password: the page says so instead.
 */
import '../styles.css';
import { newPasswordSchema, PASSWORD_HINT } from '../../../api/security/password-rules.js';
import { ApiError, describeError, getMe, sendJson, type Me } from '../api.js';
import { clearErrors, clearOnEdit, field, result, showErrors, type Issue } from '../form-errors.js';

const who = document.getElementById('account-who') as HTMLParagraphElement;
const form = document.getElementById('password-form') as HTMLFormElement;
const value = (name: string) => field(form, name)?.value ?? '';

declare global {
  interface Window {
    /** For the browser tests: how many password changes the server accepted. */
    __refnetAccount?: { changes: number };
  }
}
window.__refnetAccount = { changes: 0 };

(document.getElementById('password-rule') as HTMLParagraphElement).textContent = PASSWORD_HINT;

/** What the form itself can tell before asking the server. */
function problems(current: string, password: string, repeat: string): Issue[] {
  const issues: Issue[] = [];
  if (current === '') issues.push({ path: '/current', message: 'enter the password you sign in with now' });
  const rule = newPasswordSchema.safeParse(password);
  if (!rule.success) issues.push({ path: '/password', message: rule.error.issues[0]?.message ?? 'not a usable password' });
  else if (repeat !== password) issues.push({ path: '/repeat', message: 'this is not the same as the new password' });
  return issues;
}

function describeMe(me: Me): void {
  if (me.email) {
    who.textContent = `Signed in as ${me.name ?? me.person ?? me.email} (${me.email}), ${me.role ?? 'member'}.`;
    // The default value, so that form.reset() after a change keeps it.
    (document.getElementById('password-username') as HTMLInputElement).defaultValue = me.email;
    form.hidden = false;
    return;
  }
  who.textContent = me.key
    ? `You are using the API key "${me.key.name}": a key has no password to change. An admin replaces a key by creating a new one and revoking the old.`
    : 'This server runs in local mode, for this machine only: there are no accounts, so there is no password to change. An admin creates accounts with `refnet users create`.';
}

getMe().then(describeMe, (err: unknown) => {
  who.textContent = describeError(err);
});

clearOnEdit(form);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearErrors(form);
  const [current, password, repeat] = [value('current'), value('password'), value('repeat')];
  const issues = problems(current, password, repeat);
  if (issues.length) {
    showErrors(form, issues);
    field(form, issues[0]!.path.slice(1))?.focus();
    return;
  }
  const submit = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
  submit.disabled = true;
  sendJson('PUT', '/api/me/password', { current, password })
    .then(() => {
      form.reset();
      result(form, 'Password changed. Your other sessions are signed out; this one stays signed in.');
      window.__refnetAccount!.changes++;
    })
    .catch((err: unknown) => {
      const errors = err instanceof ApiError && err.status === 400 ? err.problem?.errors : undefined;
      if (Array.isArray(errors) && errors.length) {
        showErrors(form, errors as Issue[]);
        const first = (errors as Issue[])[0]!.path.slice(1);
        field(form, first)?.focus();
      } else result(form, describeError(err), true);
    })
    .finally(() => {
      submit.disabled = false;
    });
});
