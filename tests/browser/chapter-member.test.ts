/**
 * The chapter report page as a member who does not organise the chapter, in real Chromium: the
 * API leaves out the other members' rows, the visitors and the suggestions (`withheld`), and the
 * page says those parts are the organisers', never "No visitors in the period" when there were
 * some. The organiser, signed in to the same page, sees them.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addAccount, Browser } from '../security/accounts-support.js';
import { describeWithChromium, screenshot, signInOnPage } from './browser-support.js';
import { startMapHarness, type MapHarness } from './map-harness.js';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const PASSWORD = 'a long member passphrase';
const network = {
  people: [
    { id: 'mia', name: 'Mia Member', profession: 'Lawyer' },
    { id: 'oli', name: 'Oli Organiser', profession: 'Accountant' },
    { id: 'val', name: 'Val Visitor', profession: 'Plumber' },
    { id: 'pat', name: 'Pat Plumber', profession: 'Plumber' },
  ],
  groups: [{ id: 'g', name: 'Tuesday Breakfast' }],
  memberships: [
    { person: 'mia', group: 'g', since: daysAgo(300) },
    { person: 'oli', group: 'g', since: daysAgo(300) },
  ],
  events: [{ id: 'e1', name: 'Breakfast', at: daysAgo(20), group: 'g' }],
  attendance: ['mia', 'oli', 'val'].map((person) => ({ person, event: 'e1' })),
  interactions: [{ id: 'i1', a: 'oli', b: 'pat', kind: 'met', at: daysAgo(30) }],
  referrals: [
    { id: 'r1', from: 'pat', to: 'oli', at: daysAgo(40), status: 'passed' },
    { id: 'r2', from: 'mia', to: 'pat', at: daysAgo(41), status: 'passed' },
  ],
};

describeWithChromium('the chapter report page for a member who does not organise the chapter', () => {
  let h: MapHarness;
  let page: Page;

  const signInAndOpen = async (email: string) => {
    await signInOnPage(page, h.api.url, email, PASSWORD);
    await page.goto(`${h.api.url}/chapter.html?group=g`);
    await page.waitForSelector('#chapter-body h2', { timeout: 60_000 });
  };
  const section = (title: string) => page.locator('#chapter-body section', { has: page.locator(`h3:text-is("${title}")`) });

  beforeAll(async () => {
    h = await startMapHarness();
    expect((await h.api.call('POST', '/api/import', network)).status).toBe(200);
    await addAccount(h.api.dir, { email: 'mia@example.org', person: 'mia', role: 'member', password: PASSWORD });
    await addAccount(h.api.dir, { email: 'oli@example.org', person: 'oli', role: 'organiser', password: PASSWORD });
    ({ page } = await h.browser.newPage());
  }, 300_000);
  afterAll(() => h?.close());

  it('when a member opens it, then the parts left out say they are the organisers’, not that there is nothing: no "No visitors" while there was one', async () => {
    const member = new Browser(h.api.url);
    expect((await member.signIn('mia@example.org', PASSWORD)).status).toBe(200);
    const report = (await member.call('GET', '/api/groups/g/report')).body as { withheld: string[]; visitors: unknown[] };
    expect(report.withheld).toEqual(expect.arrayContaining(['visitors', 'openSeats', 'oneToOnesThatWouldPay', 'powerTeams']));
    await signInAndOpen('mia@example.org');
    for (const title of ['Visitors', 'One-to-ones that would pay', 'Open seats', 'Power teams']) {
      expect(await section(title).textContent(), title).toContain('Shown to the chapter’s organisers and admins only.');
    }
    expect(await section('Visitors').textContent()).not.toContain('No visitors');
    // givers and takers are cut to her own row (withheld says so), and the page says the others are left out
    expect(report.withheld).toEqual(expect.arrayContaining(['giversAndTakers', 'change']));
    expect(await section('Givers and takers').textContent()).toContain('Other members: Shown to the chapter’s organisers and admins only.');
    expect(await page.textContent('#chapter-body p.muted')).toContain('your own row');
    await screenshot(page, 'chapter-as-member');
  });

  it('when its organiser opens it, then the visitor and the open seat are there', async () => {
    await signInAndOpen('oli@example.org');
    expect(await section('Visitors').textContent()).toContain('Val Visitor');
    expect(await section('Open seats').textContent()).toContain('Plumber');
    expect(await page.textContent('#chapter-body')).not.toContain('organisers and admins only');
  });
});
