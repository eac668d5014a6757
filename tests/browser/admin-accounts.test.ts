/**
 * The admins' accounts page in real headless Chromium: a signed-in admin finds the Admin link,
 * sees every account with its person's name, creates an account (problems shown next to their
 * fields first, nothing sent), sees it in the table by name, disables it, and is told in words,
 * next to the role select, that the only admin cannot be demoted. A member sees no Admin link, and
 * the page tells them it is for admins only. Screenshots at 1366×768 and 390×844 go to
 * docs/screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD_MIN } from '../../api/security/password-rules.js';
import { addAccount } from '../security/accounts-support.js';
import { describeWithChromium, docsScreenshot as shot } from './browser-support.js';
import { type MapHarness, startMapHarness } from './map-harness.js';

const ADMIN_PASSWORD = 'the admins long passphrase';
const MEMBER_PASSWORD = 'the members long passphrase';
const network = {
  people: [
    { id: 'ann', name: 'Ann Admin' },
    { id: 'mia', name: 'Mia Member' },
    { id: 'zoe', name: 'Zoë Newcomer' },
    { id: 'sam1', name: 'Sam Same', company: 'North Ltd' },
    { id: 'sam2', name: 'Sam Same', company: 'South Ltd' },
  ],
};

/** How far the page reaches past the right edge of the screen (0: it fits). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describeWithChromium('the admin accounts page', () => {
  let h: MapHarness;
  let page: Page;
  let errors: string[];
  const form = '#create-form';
  // By name: a field's error is shown inside its label, so the label's text grows with it.
  const input = (name: string) => page.locator(`${form} [name=${name}]`);
  const errorOf = (name: string) => page.locator(`${form} label:has([name=${name}]) .field-error`);
  const row = (email: string) => page.locator('#accounts tbody tr', { has: page.locator('.admin-email', { hasText: email }) });
  /** The row's cells as read: text, and the role select's chosen option. */
  const cells = (email: string) => row(email).locator('td').evaluateAll((tds) => tds.map((td) => td.querySelector('select')?.selectedOptions[0]?.text ?? (td as HTMLElement).innerText));

  async function signIn(email: string, password: string, next: string): Promise<void> {
    await page.goto(`${h.api.url}/signin.html?next=${next}`, { waitUntil: 'domcontentloaded' });
    await page.fill('#signin-email', email);
    await page.fill('#signin-password', password);
    await page.click('#signin-submit');
    await page.waitForURL((url) => url.pathname === next, { timeout: 30_000 });
  }

  beforeAll(async () => {
    h = await startMapHarness();
    expect((await h.api.call('POST', '/api/import', network)).status).toBe(200);
    await addAccount(h.api.dir, { email: 'ann@example.org', person: 'ann', role: 'admin', password: ADMIN_PASSWORD });
    await addAccount(h.api.dir, { email: 'mia@example.org', person: 'mia', role: 'member', password: MEMBER_PASSWORD });
    ({ page, errors } = await h.browser.newPage());
    await page.setViewportSize({ width: 1366, height: 768 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('when an admin signs in, then the nav has an Admin link to the accounts, each shown with its person\'s name', async () => {
    await signIn('ann@example.org', ADMIN_PASSWORD, '/account.html');
    const link = page.getByRole('link', { name: 'Admin' });
    await link.waitFor({ state: 'visible' });
    await link.click();
    await page.waitForURL(/\/admin\.html$/);
    await page.waitForFunction(() => (window.__refnetAdmin?.loads ?? 0) >= 1);
    expect(await cells('ann@example.org')).toEqual([expect.stringMatching(/^ann@example\.org\s*\(you\)$/), 'Ann Admin', 'Admin', expect.stringMatching(/^Enabled\s*Disable$/), expect.stringMatching(/Change person\s*Set password/)]);
    expect((await cells('mia@example.org')).slice(0, 2)).toEqual(['mia@example.org', 'Mia Member']);
    expect(await page.locator(`${form} #create-password-rule`).textContent()).toBe(`At least ${PASSWORD_MIN} visible characters (at most 1024), not one to three characters repeated. A few unrelated words make a good one.`);
  });

  it('when the new account\'s fields are empty or wrong, then each problem shows next to its field and nothing is sent', async () => {
    let sent = 0;
    const count = (r: { url(): string; method(): string }) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/admin/accounts')) sent++;
    };
    page.on('request', count);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => errorOf('email').textContent()).toBe('Enter the email the person signs in with');
    expect(await errorOf('person').textContent()).toBe('Type a name or an id.');
    expect(await errorOf('password').textContent()).toBe(`A password needs at least ${PASSWORD_MIN} characters`);
    // A name two people share is not settled by a guess: the refusal lists them.
    await input('person').fill('sam same');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => errorOf('person').textContent()).toMatch(/^"sam same" is ambiguous: 2 people have that name: Sam Same \(North Ltd, id sam1\); Sam Same \(South Ltd, id sam2\)/);
    page.off('request', count);
    expect(sent).toBe(0);
  });

  it('when the admin creates an account for a person named by name, then it is in the table with that name and the form is empty again', async () => {
    await input('email').fill('Zoe@Example.org');
    // Case and accents aside, as every person field reads a name.
    await input('person').fill('zoe newcomer');
    await input('role').selectOption('organiser');
    await input('password').fill('a long enough passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.textContent(`${form} .result`), { timeout: 30_000 }).toBe('Account created for Zoë Newcomer (zoe@example.org), organiser.');
    expect(await cells('zoe@example.org')).toEqual(['zoe@example.org', 'Zoë Newcomer', 'Organiser', expect.stringMatching(/^Enabled\s*Disable$/), expect.stringContaining('New account.')]);
    for (const name of ['email', 'person', 'password']) expect(await page.inputValue(`${form} [name=${name}]`)).toBe('');
    expect(await page.inputValue(`${form} [name=role]`)).toBe('member');
    expect(await page.locator(`${form} .field-error`).count()).toBe(0);

    // The same email again (in other letter case) is refused next to the email field.
    await input('email').fill('ZOE@example.org');
    await input('person').fill('Zoë Newcomer');
    await input('password').fill('a long enough passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => errorOf('email').textContent(), { timeout: 30_000 }).toBe('An account with email zoe@example.org exists already');
    expect(await page.textContent(`${form} .result`)).toBe('');
  });

  it('when the admin disables the new account, then its row says so and it cannot sign in', async () => {
    await row('zoe@example.org').getByRole('button', { name: 'Disable zoe@example.org' }).click();
    await expect.poll(() => row('zoe@example.org').locator('.row-result').textContent()).toBe('zoe@example.org is disabled: its sessions have ended and it cannot sign in.');
    expect((await cells('zoe@example.org'))[3]).toMatch(/^Disabled since \d{4}-\d{2}-\d{2}\s*Enable$/);
    const signIn = await h.api.call('POST', '/api/session', { email: 'zoe@example.org', password: 'a long enough passphrase' });
    expect(signIn.status).toBe(401);
  });

  it('when a row\'s new password breaks the rule, then the rule\'s words show next to that field', async () => {
    const mia = row('mia@example.org');
    await mia.getByText('Set password').click();
    await mia.getByLabel('New password for mia@example.org').fill('aaaaaaaaaaaa');
    await mia.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => mia.locator('label:has([name=password]) .field-error').textContent()).toBe('A password cannot be one character repeated');
  });

  it('when the admin links a row to a person by a name two people share, then the refusal lists them next to the field; by id, the row shows the name with its id', async () => {
    const mia = row('mia@example.org');
    await mia.getByText('Change person').click();
    const person = mia.locator('[name=person]');
    expect(await person.inputValue()).toBe('Mia Member');
    await person.fill('Sam Same');
    await mia.getByRole('button', { name: 'Save' }).first().click();
    await expect.poll(() => mia.locator('label:has([name=person]) .field-error').textContent()).toMatch(/^"Sam Same" is ambiguous: 2 people have that name/);
    await person.fill('sam2');
    await mia.getByRole('button', { name: 'Save' }).first().click();
    await expect.poll(() => cells('mia@example.org')).toEqual(['mia@example.org', 'Sam Same [sam2]', 'Member', expect.stringMatching(/^Enabled\s*Disable$/), expect.stringContaining('mia@example.org is now Sam Same [sam2].')]);
  });

  it('when the admin tries to demote the only admin, then the refusal shows once, in words, next to the role, which stays admin (screenshots, wide and phone)', async () => {
    const ann = row('ann@example.org');
    await ann.getByLabel('Role of ann@example.org').selectOption('member');
    const refusal = ann.locator('.field-error');
    await expect.poll(() => refusal.allTextContents()).toEqual([
      'ann@example.org is the only enabled admin account: make another account admin first, so that someone can still manage accounts (nothing was changed)',
    ]);
    expect(await ann.getByLabel('Role of ann@example.org').inputValue()).toBe('admin');
    expect(await ann.getByLabel('Role of ann@example.org').getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'admin-accounts', true);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflow(page)).toBe(0);
    await shot(page, 'admin-accounts-phone', true);
    await page.setViewportSize({ width: 1366, height: 768 });
    // Disabling the only admin is refused the same way, next to its button.
    await ann.getByRole('button', { name: 'Disable ann@example.org' }).click();
    await expect.poll(() => ann.locator('td:nth-child(4) .field-error').textContent()).toMatch(/is the only enabled admin account/);
    expect(errors.filter((e) => !/status of (400|409)/.test(e))).toEqual([]);
  });

  it('when a member signs in, then no Admin link shows, and the page says it is for admins only', async () => {
    await h.browser.context.clearCookies();
    await signIn('mia@example.org', MEMBER_PASSWORD, '/account.html');
    await page.getByRole('link', { name: 'Account' }).waitFor({ state: 'visible' });
    // session/main.ts has settled both links on the same answer of GET /api/me.
    expect(await page.locator('[data-admin-link]').isHidden()).toBe(true);
    await page.goto(`${h.api.url}/admin.html`, { waitUntil: 'domcontentloaded' });
    // (The admin linked this account to Sam Same above: the member is that person now.)
    await expect.poll(() => page.textContent('#admin-who')).toBe('Admins only: this page manages who can sign in. Signed in as Sam Same (mia@example.org), member. An admin of this server can change your role.');
    expect(await page.locator('#admin-body').isHidden()).toBe(true);
    expect(await page.locator('[data-admin-link]').isHidden()).toBe(true);
    const listed = await page.evaluate(async () => (await fetch('/api/admin/accounts')).status);
    expect(listed).toBe(403);
  });
});
