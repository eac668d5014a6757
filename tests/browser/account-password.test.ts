/**
 * The "Change password" form in real headless Chromium: a signed-in member finds the Account link
 * in the nav, the form's labelled fields refuse a mismatched repeat and a too-short password
 * before anything is sent and show the server's "not your current password" next to its field,
 * then change the password: the page stays signed in, another session of the account has ended,
 * and only the new password signs in (checked through the API). Screenshots at 1366×768 and
 * 390×844 go to docs/screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD_MIN } from '../../api/security/password-rules.js';
import { addAccount, Browser } from '../security/accounts-support.js';
import { describeWithChromium, docsScreenshot as shot } from './browser-support.js';
import { type MapHarness, startMapHarness, waitForHomeLoads } from './map-harness.js';

const OLD = 'the first long passphrase';
const NEW = 'a brand new long passphrase';
const network = { people: [{ id: 'mia', name: 'Mia Member' }, { id: 'dan', name: 'Dan Dormant' }], interactions: [{ id: 'i1', a: 'mia', b: 'dan', kind: 'met', at: '2026-01-10' }] };

describeWithChromium('the Change password form', () => {
  let h: MapHarness;
  let page: Page;
  let errors: string[];
  let elsewhere: Browser;
  const form = '#password-form';
  const errorOf = (name: string) => page.locator(`${form} label:has([name=${name}]) .field-error`);
  // By name: a field's error is shown inside its label, so the label's text grows with it.
  const input = (name: string) => page.locator(`${form} [name=${name}]`);

  beforeAll(async () => {
    h = await startMapHarness();
    expect((await h.api.call('POST', '/api/import', network)).status).toBe(200);
    await addAccount(h.api.dir, { email: 'mia@example.org', person: 'mia', role: 'member', password: OLD });
    elsewhere = new Browser(h.api.url);
    expect((await elsewhere.signIn('mia@example.org', OLD)).status).toBe(200);
    ({ page, errors } = await h.browser.newPage());
    await page.setViewportSize({ width: 1366, height: 768 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('when a member signs in, then the nav has an Account link to their account page with the form\'s labelled fields', async () => {
    await page.goto(`${h.api.url}/signin.html?next=/home.html`, { waitUntil: 'domcontentloaded' });
    await page.fill('#signin-email', 'mia@example.org');
    await page.fill('#signin-password', OLD);
    await page.click('#signin-submit');
    await page.waitForURL(/\/home\.html$/, { timeout: 30_000 });
    await waitForHomeLoads(page, 1);
    const link = page.getByRole('link', { name: 'Account' });
    await link.waitFor({ state: 'visible' });
    await link.click();
    await page.waitForURL(/\/account\.html$/);
    await expect.poll(() => page.textContent('#account-who')).toBe('Signed in as Mia Member (mia@example.org), member.');
    for (const label of ['Current password', 'New password', 'Repeat the new password']) expect(await page.getByLabel(label, { exact: true }).getAttribute('type')).toBe('password');
    expect(await page.getByRole('button', { name: 'Change password' }).isVisible()).toBe(true);
  });

  it('when the new password is too short or the repeat differs, then the error shows next to that field and nothing is sent', async () => {
    let sent = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/me/password')) sent++;
    });
    await input('current').fill(OLD);
    await input('password').fill('short');
    await input('repeat').fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => errorOf('password').textContent()).toBe(`A password needs at least ${PASSWORD_MIN} characters`);
    expect(await page.getAttribute(`${form} [name=password]`, 'aria-invalid')).toBe('true');

    await input('password').fill(NEW);
    await input('repeat').fill(`${NEW}!`);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => errorOf('repeat').textContent()).toBe('This is not the same as the new password');
    expect(sent).toBe(0);
  });

  it('when the current password is wrong, then the server\'s answer shows next to the current password (screenshots, wide and phone)', async () => {
    await input('current').fill('not my password');
    await input('password').fill(NEW);
    await input('repeat').fill(NEW);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => errorOf('current').textContent(), { timeout: 30_000 }).toBe('This is not your current password');
    expect(await errorOf('password').count()).toBe(0);
    await shot(page, 'account-password-error');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'account-password-error-phone', true);
    // Nothing scrolls sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1366, height: 768 });
    expect((await elsewhere.call('GET', '/api/me')).status).toBe(200);
  });

  it('when the current password is right, then the password is changed: this page stays signed in, the other session has ended, and only the new password signs in', async () => {
    await input('current').fill(OLD);
    await page.getByRole('button', { name: 'Change password' }).click();
    // The server hashes the new password at the default scrypt cost: about a second on a loaded machine.
    await expect.poll(() => page.textContent(`${form} .result`), { timeout: 30_000 }).toBe('Password changed. Your other sessions are signed out; this one stays signed in.');
    expect(await page.inputValue(`${form} [name=current]`)).toBe('');
    await shot(page, 'account-password-changed');
    // This page keeps working, writes included (its CSRF token was kept across the new session id).
    await page.reload({ waitUntil: 'domcontentloaded' });
    await expect.poll(() => page.textContent('#account-who')).toBe('Signed in as Mia Member (mia@example.org), member.');
    expect(new URL(page.url()).pathname).toBe('/account.html');
    const write = await page.evaluate(async () => {
      const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
      const r = await fetch('/api/me/week/dismissals', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ row: 'dormant:dan', kind: 'not_relevant' }) });
      return r.status;
    });
    expect(write).toBe(201);
    expect((await elsewhere.call('GET', '/api/me')).status).toBe(401);
    expect((await new Browser(h.api.url).signIn('mia@example.org', OLD)).status).toBe(401);
    expect((await new Browser(h.api.url).signIn('mia@example.org', NEW)).status).toBe(200);
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
});
