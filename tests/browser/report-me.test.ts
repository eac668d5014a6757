/**
 * The diversity gap report page opened with nothing in the address, in real Chromium against a
 * real refnet: it opens on "me" — the signed-in member's or admin's person, local mode's chosen
 * one — on the default dimension with the form filled in; with no one to open on, or a report the
 * server refuses, it says why and what to do, never a blank page. Its dimension picker offers
 * title and the attribute keys of the data by the names the API takes (an attribute named like a
 * built-in field as `attributes.KEY`), a sensitive one included, whose report follows the k rule.
 * Screenshots of a member's page at 1280×800 and 390×844 go to test-output/browser/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addAccount } from '../security/accounts-support.js';
import { describeWithChromium, screenshot, signInOnPage } from './browser-support.js';
import { startMapHarness, type MapHarness } from './map-harness.js';

const T = '2026-01-10';
const PASSWORD = 'a long member passphrase';
/** me knows a1–a3 (accounting) and l1 (law); each has attributes of every spelling the picker must offer. */
const person = (id: string, industry: string, title: string, attr: string, religion: string) => ({
  id,
  name: `Person ${id.toUpperCase()}`,
  industry,
  title,
  attributes: { industry: `attr-${attr}`, 'club.name': `club ${attr}`, Ортак: `бір ${attr}`, religion },
});
const network = {
  people: [
    person('me', 'accounting', 'Partner', 'x', 'faith A'),
    person('a1', 'accounting', 'Partner', 'x', 'faith A'),
    person('a2', 'accounting', 'Associate', 'y', 'faith A'),
    person('a3', 'accounting', 'Associate', 'x', 'faith B'),
    person('l1', 'law', 'Partner', 'y', 'faith C'),
    person('l2', 'law', 'Associate', 'y', 'faith C'),
    // A faith none of me's ties holds, held by k people: the report must list it without counting me's ties in it.
    person('x1', 'law', 'Associate', 'y', 'faith D'),
    person('x2', 'law', 'Associate', 'y', 'faith D'),
  ],
  interactions: ['a1', 'a2', 'a3', 'l1'].map((b, i) => ({ id: `i${i}`, a: 'me', b, kind: 'one_to_one', at: T })),
};

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__refnetReport !== undefined);
  await page.evaluate(() => window.__refnetReport!.ready);
}

describeWithChromium('the report page opens on "me", and offers every dimension of the data', () => {
  let h: MapHarness;
  let page: Page;
  let errors: string[];

  const signInAndOpen = async (email: string) => {
    await signInOnPage(page, h.api.url, email, PASSWORD);
    await open(page, `${h.api.url}/report.html`);
  };

  beforeAll(async () => {
    h = await startMapHarness({ env: { SENSITIVE_ATTRIBUTES: 'religion', PRIVACY_MIN_COUNT: '2' } });
    expect((await h.api.call('POST', '/api/import', network)).status).toBe(200);
    ({ page, errors } = await h.browser.newPage());
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 300_000);
  afterAll(() => h?.close());

  it('when local mode has not been told who "me" is, then the page says so and how to choose, instead of staying blank', async () => {
    await open(page, `${h.api.url}/report.html`);
    const nobody = page.locator('[data-testid=report-nobody]');
    expect(await nobody.textContent()).toMatch(/You have not said who you are yet\. Choose a person or a group above, then Show the report\. .*choose who you are on the home page/);
    expect(await nobody.locator('a').getAttribute('href')).toBe('/home.html');
    expect(await page.locator('#report-body h2').count()).toBe(0);
    await screenshot(page, 'report-nobody-1280x800');
  });

  it('when local mode has chosen "me", then the page opens on their report on industry, the form filled in and the address saying so', async () => {
    expect((await h.api.call('PUT', '/api/me', { person: 'me' })).status).toBe(200);
    await open(page, `${h.api.url}/report.html`);
    expect(await page.textContent('#report-body h2')).toBe("Industry diversity of Person ME's ties");
    expect(await page.inputValue('#report-subject')).toBe('Person ME');
    expect(await page.inputValue('#report-dimension')).toBe('industry');
    expect(new URL(page.url()).search).toBe('?person=me&dimension=industry');
  });

  it('when the dimensions are offered, then title and each attribute key of the data are among them, by the names the API takes and labelled by the key as written', async () => {
    const options = await page.locator('#report-dimension option').evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent]));
    expect(options).toEqual([
      ['industry', 'Industry'],
      ['profession', 'Profession'],
      ['location', 'Location'],
      ['company', 'Company'],
      ['title', 'Title'],
      ['group', 'Group'],
      ['club.name', 'club.name'],
      ['attributes.industry', 'industry (attribute)'],
      ['religion', 'religion'],
      ['Ортак', 'Ортак'],
    ]);
    expect(await page.locator('#report-dimension optgroup').getAttribute('label')).toBe('Attributes');
  });

  it('when an attribute named like a built-in field is chosen, then the report is on the attribute, worded as one; title works too', async () => {
    await page.selectOption('#report-dimension', 'attributes.industry');
    await page.click('#report-form button[type=submit]');
    await expect.poll(() => page.textContent('#report-body h2')).toBe("industry (attribute) diversity of Person ME's ties");
    expect(await page.textContent('[data-testid=shares-table] th')).toBe('industry (attribute)');
    expect(await page.locator('[data-testid=shares-table] tbody td:first-child').allTextContents()).toEqual(expect.arrayContaining(['attr-x', 'attr-y']));
    expect(new URL(page.url()).searchParams.get('dimension')).toBe('attributes.industry');

    await page.selectOption('#report-dimension', 'title');
    await page.click('#report-form button[type=submit]');
    await expect.poll(() => page.textContent('#report-body h2')).toBe("Title diversity of Person ME's ties");
    expect(await page.locator('[data-testid=shares-table] tbody td:first-child').allTextContents()).toEqual(expect.arrayContaining(['Partner', 'Associate']));
  });

  it('when the sensitive attribute is chosen, then the report shows what the API shows under the k rule: small cells withheld, never counted', async () => {
    await page.selectOption('#report-dimension', 'religion');
    await page.click('#report-form button[type=submit]');
    await expect.poll(() => page.textContent('#report-body h2')).toBe("religion diversity of Person ME's ties");
    const api = (await h.api.call('GET', '/api/reports/diversity-gap?person=me&dimension=religion')).body as { privacy?: { sensitive: boolean }; missing: { category: string; subjectShare: number | null }[] };
    expect(api.privacy?.sensitive).toBe(true);
    const withheld = api.missing.filter((g) => g.subjectShare === null).map((g) => g.category);
    expect(withheld.length).toBeGreaterThan(0);
    for (const category of withheld) expect(await page.locator(`[data-testid=gaps] > li[data-category="${category}"]`).textContent()).toContain('withheld (fewer than k people, or none)');
  });

  it('when a signed-in member opens the page, then it opens on their own network on industry, the form filled in with them', async () => {
    await addAccount(h.api.dir, { email: 'mia@example.org', person: 'a1', role: 'member', password: PASSWORD });
    await addAccount(h.api.dir, { email: 'root@example.org', person: 'l1', role: 'admin', password: PASSWORD });
    await signInAndOpen('mia@example.org');
    expect(await page.textContent('#report-status')).toBe('');
    expect(await page.textContent('#report-body h2')).toBe("Industry diversity of Person A1's ties");
    expect(await page.inputValue('#report-subject')).toBe('Person A1');
    expect(await page.inputValue('#report-dimension')).toBe('industry');
    // The member's picker is the API's list for them.
    expect(await page.locator('#report-dimension option[value="attributes.industry"]').count()).toBe(1);
    await screenshot(page, 'report-member-1280x800', true);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'report-member-390x844', true);
    // Nothing runs off a phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('when a signed-in admin opens the page, then it opens on the person their account is', async () => {
    await signInAndOpen('root@example.org');
    expect(await page.textContent('#report-body h2')).toBe("Industry diversity of Person L1's ties");
  });

  it('when the server refuses the report (403), then the page says why and what to do, never blank', async () => {
    const url = '**/api/reports/diversity-gap?**';
    await page.route(url, (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'the role "member" cannot GET /api/reports/diversity-gap (needs "read")' }),
      }),
    );
    try {
      await open(page, `${h.api.url}/report.html`);
      const status = (await page.textContent('#report-status'))!;
      expect(status).toContain('Could not compute the report: The role "member" cannot GET /api/reports/diversity-gap (needs "read")');
      expect(status).toContain('ask an admin for access, or sign in as someone who may');
      expect(await page.isVisible('#report-status')).toBe(true);
      // The form still holds the admin's own report to ask again.
      expect(await page.inputValue('#report-subject')).toBe('Person L1');
    } finally {
      await page.unroute(url);
    }
  });

  it('when the pages ran, then the browser logged no errors but the refused report', () => {
    expect(errors.filter((e) => !/403/.test(e))).toEqual([]);
  });
});
