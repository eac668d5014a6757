/**
 * The nav's Account and Admin links and Sign out button, loaded by every page with a nav beside
 * its own script. They show only for a signed-in account (GET /api/me has an email): local mode and
 * API keys have no session to end and no password to change. The Admin link (the accounts page)
 * shows only for an admin account; the page itself says "admins only" to anyone else. Their
 * titles say who is signed in, since most pages show no name.
 */
import { describeError, getMe, signOut } from '../api.js';

const account = document.querySelector<HTMLAnchorElement>('[data-account-link]');
if (account) {
  getMe().then(
    (me) => {
      if (!me.email) return;
      account.title = `Your account and password (${me.email})`;
      account.hidden = false;
    },
    () => undefined,
  );
}

const admin = document.querySelector<HTMLAnchorElement>('[data-admin-link]');
if (admin) {
  getMe().then(
    (me) => {
      if (!me.email || me.role !== 'admin') return;
      admin.title = 'Accounts: who can sign in, their roles and passwords';
      admin.hidden = false;
    },
    () => undefined,
  );
}

const button = document.querySelector<HTMLButtonElement>('[data-sign-out]');
if (button) {
  getMe().then(
    (me) => {
      if (!me.email) return;
      button.title = `Signed in as ${me.name ?? me.email} (${me.email})`;
      button.hidden = false;
    },
    () => undefined, // no answer: nobody to sign out (the page's own requests say why)
  );
  button.addEventListener('click', () => {
    button.disabled = true;
    signOut().catch((err: unknown) => {
      button.disabled = false;
      button.textContent = 'Sign out failed: try again';
      button.title = describeError(err);
    });
  });
}
