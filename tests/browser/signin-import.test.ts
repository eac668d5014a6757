/**
 * Issue #13 in real headless Chromium against a refnet with accounts: the app sends a visitor to
 * the sign-in page, the member types email and password, lands on their home page and logs a
 * one-to-one from a re-networking row; then imports their LinkedIn export through the nav's import
 * dialog (dry run first) and the contacts are tied to them. Every outcome is checked through the
 * API with a session of the same account, not only on screen. Screenshots go to docs/screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addAccount, Browser } from '../security/accounts-support.js';
import { describeWithChromium, docsScreenshot as shot } from './browser-support.js';
import { type MapHarness, startMapHarness, waitForHomeLoads, waitForLoads } from './map-harness.js';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const network = {
  people: [
    { id: 'mia', name: 'Mia Member', email: 'mia@example.org' },
    { id: 'dan', name: 'Dan Dormant', email: 'dan@example.org', company: 'Dormant & Co', attributes: { phone: '+44 20 7946 0002' } },
    { id: 'eve', name: 'Eve Giver', attributes: { linkedin: 'https://www.linkedin.com/in/eve-giver' } },
    { id: 'ola', name: 'Ola Other' },
  ],
  interactions: [
    { id: 'i1', a: 'mia', b: 'dan', kind: 'one_to_one', at: daysAgo(200) },
    { id: 'i2', a: 'mia', b: 'dan', kind: 'one_to_one', at: daysAgo(230) },
    { id: 'i3', a: 'eve', b: 'ola', kind: 'met', at: daysAgo(10) },
  ],
  referrals: [{ id: 'r1', from: 'eve', to: 'mia', at: daysAgo(20), status: 'won', value: 2400 }],
};
const PASSWORD = 'a long member passphrase';

/**
 * LinkedIn's Connections.csv as exported: notes above the header, the same person twice (merged
 * within the file) and one row without a name (skipped).
 */
const LINKEDIN = [
  'Notes:',
  '"When exporting your connection data, you may notice that some of the email addresses are missing."',
  '',
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  'Priya,Patel,https://www.linkedin.com/in/priya-patel,priya@example.org,Patel Architects,Principal,12 Oct 2026',
  'Tom,Berg,https://www.linkedin.com/in/tom-berg,,Berg Plumbing,Owner,03 Sep 2026',
  'Priya,Patel,,priya@example.org,Patel Architects,,12 Oct 2026',
  ',,https://www.linkedin.com/in/nobody,,,,01 Aug 2026',
  '',
].join('\n');


describeWithChromium('signing in, logging from the home page and importing from the nav', () => {
  let h: MapHarness;
  let page: Page;
  let errors: string[];
  let session: Browser;

  beforeAll(async () => {
    h = await startMapHarness();
    // Local mode until the first account: the network goes in first, then the account ends local mode.
    expect((await h.api.call('POST', '/api/import', network)).status).toBe(200);
    await addAccount(h.api.dir, { email: 'mia@example.org', person: 'mia', role: 'member', password: PASSWORD });
    session = new Browser(h.api.url);
    expect((await session.signIn('mia@example.org', PASSWORD)).status).toBe(200);
    ({ page, errors } = await h.browser.newPage());
  });
  afterAll(async () => {
    await h?.close();
  });

  it('when the app is opened without a session, then it goes to the sign-in page, and signing in lands on the home page', async () => {
    await page.goto(`${h.api.url}/`, { waitUntil: 'domcontentloaded' });
    await page.waitForURL(/\/signin\.html/, { timeout: 30_000 });
    await page.fill('#signin-email', 'mia@example.org');
    await page.fill('#signin-password', 'not the password');
    await page.click('#signin-submit');
    await expect.poll(() => page.textContent('#signin-error')).not.toBe('');
    expect(new URL(page.url()).pathname).toBe('/signin.html');

    await page.fill('#signin-email', 'mia@example.org');
    await page.fill('#signin-password', PASSWORD);
    await page.click('#signin-submit');
    await page.waitForURL(/\/home\.html$/, { timeout: 30_000 });
    await waitForHomeLoads(page, 1);
    expect(await page.textContent('#me-name')).toBe('This week for Mia Member');
    const dan = page.locator('[data-section=dormant] li[data-person=dan]');
    expect(await dan.locator('a[href^="tel:"]').getAttribute('href')).toBe('tel:+442079460002');
    await shot(page, 'home-signed-in');
  });

  it('when Log is used on a re-networking row, then a one-to-one with that person is stored for the signed-in member', async () => {
    await page.click('[data-section=dormant] li[data-person=dan] [data-action=log]');
    expect(await page.inputValue('#form-interaction [name=b]')).toBe('Dan Dormant');
    expect(await page.inputValue('#form-interaction [name=kind]')).toBe('one_to_one');
    await page.fill('#form-interaction [name=note]', 'caught up over lunch');
    await page.click('#form-interaction button[type=submit]');
    await expect.poll(() => page.textContent('#form-interaction .result')).toBe('Logged.');
    const stored = (await session.call('GET', '/api/interactions?person=dan&limit=100')).body.items as { a: string; b: string; kind: string; at: string; note?: string }[];
    expect(stored.filter((i) => i.note === 'caught up over lunch').map((i) => [i.a, i.b, i.kind, i.at.slice(0, 10)])).toEqual([['mia', 'dan', 'one_to_one', daysAgo(0)]]);
    await expect.poll(() => page.locator('[data-section=dormant] li[data-person=dan]').count()).toBe(0);
  });

  it('when a slip form is filled, then it is shown with its fields (screenshot)', async () => {
    await page.click('.tabs [data-form=referral]');
    await page.fill('#form-referral [name=to]', 'Eve Giver');
    await page.fill('#form-referral [name=prospect]', 'Harbour Dental');
    await page.fill('#form-referral [name=value]', '1200');
    await page.fill('#form-referral [name=note]', 'needs a new surgery fit-out');
    await shot(page, 'form-referral');
    await page.click('#form-referral button[type=submit]');
    await expect.poll(() => page.textContent('#form-referral .result')).toBe('Slip passed.');
    const passed = (await session.call('GET', '/api/referrals?from=mia')).body.items as { to: string; value: number }[];
    expect(passed.map((r) => [r.to, r.value])).toEqual([['eve', 1200]]);
  });

  it('when a LinkedIn export is imported as "me" from the nav, then the dry run reports it without writing and the import ties every contact to me', async () => {
    await page.click('nav [data-import-open]');
    const dialog = page.locator('#import-dialog');
    await dialog.waitFor({ state: 'visible' });
    // The file is not called Connections.csv: the format comes from its header, as the CLI reads it.
    await page.setInputFiles('#import-dialog [name=file]', { name: 'my-network.csv', mimeType: 'text/csv', buffer: Buffer.from(LINKEDIN) });
    await expect.poll(() => page.inputValue('#import-dialog [name=format]')).toBe('linkedin');
    // "Me" by name; the id behind it is what goes to the server (checked below through the ties).
    await expect.poll(() => page.inputValue('#import-dialog [name=owner]')).toBe('Mia Member');

    await page.click('#import-dialog button[name=check]');
    await expect.poll(() => page.textContent('#import-dialog .result'), { timeout: 30_000 }).toBe('Nothing written yet: check the report, then import.');
    await page.waitForSelector('#import-dialog [data-dry-run=true]');
    expect(await page.textContent('#import-dialog [data-kind=people] td')).toBe('2');
    expect(await page.locator('#import-dialog [data-testid=skipped] li').count()).toBe(1);
    expect(await page.textContent('#import-dialog [data-testid=skipped] li')).toMatch(/^Row 8: /);
    expect(await page.textContent('#import-dialog [data-testid=merged]')).toContain('Priya Patel — rows 5, 7 as one new person');
    await shot(page, 'import-dry-run');
    expect((await session.call('GET', '/api/people?q=Priya')).body.items).toEqual([]);

    await page.click('#import-dialog button[name=apply]');
    await page.waitForSelector('#import-dialog [data-dry-run=false]');
    expect(await page.textContent('#import-dialog .result')).toBe('Imported.');
    await shot(page, 'import-done');

    for (const name of ['Priya Patel', 'Tom Berg']) {
      const found = (await session.call('GET', `/api/people?q=${encodeURIComponent(name)}`)).body.items as { id: string; name: string }[];
      expect(found.map((p) => p.name)).toEqual([name]);
      const tie = await session.call('GET', `/api/relationships/mia/${encodeURIComponent(found[0]!.id)}`);
      expect(tie.status).toBe(200);
      expect(tie.body.tie).toBe(true);
    }
    const met = (await session.call('GET', '/api/interactions?person=mia&kind=met&limit=100')).body.items as { a: string; b: string }[];
    expect(met).toHaveLength(2);
    expect(met.every((i) => i.a === 'mia' || i.b === 'mia')).toBe(true);
  });

  it('when a member imports a file they may not write, then the dry run already refuses it and nothing is written', async () => {
    await page.selectOption('#import-dialog [name=format]', 'interactions');
    await page.setInputFiles('#import-dialog [name=file]', { name: 'log.csv', mimeType: 'text/csv', buffer: Buffer.from(`a,b,kind,at\neve,ola,met,${daysAgo(1)}\n`) });
    await expect.poll(() => page.textContent('#import-dialog [data-testid=detected]')).toContain('say which');
    await page.click('#import-dialog button[name=check]');
    await page.waitForSelector('#import-dialog .field-error');
    expect(await page.locator('#import-dialog label:has([name=format]) .field-error').count()).toBe(1);
    await page.selectOption('#import-dialog [name=format]', 'interactions');
    await page.click('#import-dialog button[name=check]');
    // The refusal in words, capitalised as a sentence, without its HTTP status.
    await expect.poll(() => page.textContent('#import-dialog .result')).toMatch(/^A member writes only records they take part in/);
    expect(await page.textContent('#import-dialog .result')).not.toMatch(/\b403\b/);
    expect(await page.locator('#import-dialog button[name=apply]').isHidden()).toBe(true);
    const between = (await session.call('GET', '/api/interactions?person=ola&limit=100')).body.items as { a: string; b: string }[];
    expect(between).toHaveLength(1);
    await page.click('#import-dialog button[name=close]');
    // The only console errors are the expected refusals (the wrong password's 401, the 403).
    expect(errors.filter((e) => !/status of (401|403)/.test(e))).toEqual([]);
  });

  it('when a warm path is looked up on the map, then each step shows how to reach the person it leads to', async () => {
    await page.goto(`${h.api.url}/index.html`, { waitUntil: 'domcontentloaded' });
    await waitForLoads(page, 1, 60_000);
    expect(await page.inputValue('#path-from')).toBe('Mia Member');
    await page.fill('#path-to', 'ola');
    await page.click('#path-form button[type=submit]');
    const eve = page.locator('[data-testid=paths] > li').first().locator('.reach[data-person=eve]');
    await eve.waitFor({ timeout: 30_000 });
    expect(await eve.locator('a').getAttribute('href')).toBe('https://www.linkedin.com/in/eve-giver');
    expect(await page.textContent('[data-testid=paths] .reach[data-person=ola]')).toBe('Reach Ola Other: no contact details');
    const answer = (await session.call('GET', '/api/paths?from=mia&to=ola')).body as { contacts: { id: string; linkedin?: string }[] };
    expect(answer.contacts.find((c) => c.id === 'eve')?.linkedin).toBe('https://www.linkedin.com/in/eve-giver');
    await shot(page.locator('#path-results'), 'path-contacts');
  });

  it('when Sign out is used, then the session ends and the pages ask for sign-in again', async () => {
    const signOut = page.locator('[data-sign-out]');
    await signOut.waitFor({ state: 'visible' });
    expect(await signOut.getAttribute('title')).toBe('Signed in as Mia Member (mia@example.org)');
    await signOut.click();
    await page.waitForURL(/\/signin\.html$/, { timeout: 30_000 });
    await page.goto(`${h.api.url}/home.html`, { waitUntil: 'domcontentloaded' });
    await page.waitForURL(/\/signin\.html\?next=/, { timeout: 30_000 });
    // Only the browser's session ended: the API session of the same account still works.
    expect((await session.call('GET', '/api/me')).status).toBe(200);
  });
});
