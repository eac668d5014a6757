/**
 * The sign-in page: a plain form posting {email, password} to /api/session. The session cookie is
 * HttpOnly (this script never sees it); on success the browser goes back to the page that asked
 * (same-origin paths only, never another site) or to the home page.
 */
import '../styles.css';
import { describeError, postBody } from '../api.js';

const form = document.getElementById('signin-form') as HTMLFormElement;
const email = document.getElementById('signin-email') as HTMLInputElement;
const password = document.getElementById('signin-password') as HTMLInputElement;
const error = document.getElementById('signin-error') as HTMLParagraphElement;
const submit = document.getElementById('signin-submit') as HTMLButtonElement;

/**
 * Where to go after signing in: a same-origin path from ?next= (but the bare `/`, the map, which
 * only sends a person home again), else the home page — every account is a person of the network
 * (GET /api/me), and its week is what it came for.
 */
export function destination(search: string): string {
  const next = new URLSearchParams(search).get('next') ?? '';
  return /^\/(?![/\\])/.test(next) && !next.startsWith('/signin.html') && next !== '/' ? next : '/home.html';
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  error.textContent = '';
  if (!email.value.trim() || !password.value) {
    error.textContent = 'Enter your email and your password.';
    (email.value.trim() ? password : email).focus();
    return;
  }
  submit.disabled = true;
  postBody('/api/session', { email: email.value.trim(), password: password.value })
    .then(() => location.assign(destination(location.search)))
    .catch((err: unknown) => {
      password.value = '';
      error.textContent = describeError(err);
      password.focus();
    })
    .finally(() => {
      submit.disabled = false;
    });
});
