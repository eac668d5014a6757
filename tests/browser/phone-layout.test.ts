/**
 * Every page at a phone's width (390×844) in real Chromium: nothing runs off the side of the
 * screen (the top bar wraps), the map gets the screen's width instead of none, and a long name in
 * the chapter report's sticky first column leaves room for the figures beside it.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeWithChromium, screenshot } from './browser-support.js';
import { harnessWithPage } from './map-harness.js';

const PHONE = { width: 390, height: 844 };
const LONG_NAME = 'Maximilian Alexander Montgomery-Worthington III';
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const network = {
  people: [
    { id: 'max', name: LONG_NAME, company: 'Montgomery-Worthington International Holdings Ltd', industry: 'Financial Services' },
    { id: 'wang', name: '王小明（上海恒通国际贸易有限公司）', industry: 'Logistics' },
    { id: 'hashemi', name: 'محمد عبد الرحمن الهاشمي', industry: 'Legal' },
    { id: 'ann', name: 'Ann Archer', industry: 'Legal' },
  ],
  groups: [{ id: 'g1', name: 'Berlin Referral Circle', kind: 'chapter' }],
  memberships: ['max', 'wang', 'hashemi', 'ann'].map((person) => ({ person, group: 'g1', since: daysAgo(400) })),
  events: [{ id: 'e1', name: 'Weekly meeting', at: daysAgo(14), group: 'g1' }],
  attendance: [{ person: 'max', event: 'e1' }, { person: 'ann', event: 'e1' }],
  interactions: [
    { id: 'i1', a: 'max', b: 'ann', kind: 'one_to_one', at: daysAgo(20) },
    { id: 'i2', a: 'wang', b: 'hashemi', kind: 'call', at: daysAgo(30) },
    { id: 'i3', a: 'hashemi', b: 'ann', kind: 'met', at: daysAgo(200) },
  ],
  referrals: [{ id: 'r1', from: 'max', to: 'ann', at: daysAgo(10), status: 'won', value: 1234567 }],
};

/** How far the page reaches past the right edge of the screen (0: it fits). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describeWithChromium('pages at a phone width', () => {
  const s = harnessWithPage({ network, viewport: PHONE });

  it('when the home page is open, then nothing runs off the screen and the week fills its width', async () => {
    await s.page.goto(`${s.h.api.url}/home.html?me=max`, { waitUntil: 'domcontentloaded' });
    await s.page.waitForFunction(() => (window.__refnetHome?.loads ?? 0) >= 1, null, { timeout: 60_000 });
    expect(await s.page.textContent('#me-name')).toBe(`This week for ${LONG_NAME}`);
    expect(await overflow(s.page)).toBe(0);
    // The top bar wrapped: every link it shows is on screen (Sign out is hidden in local mode).
    for (const link of await s.page.locator('.topbar nav a:visible, .topbar nav button:visible').all()) {
      const box = (await link.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    const card = (await s.page.locator('[data-section=owed]').boundingBox())!;
    expect(card.x + card.width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(s.page, 'phone-home', true);
  });

  it('when the map is open, then it is drawn across the screen above the controls', async () => {
    await s.page.goto(`${s.h.api.url}/index.html#view=ego&person=max`, { waitUntil: 'domcontentloaded' });
    await s.page.waitForFunction(() => (window.__refnet?.loads ?? 0) >= 1, null, { timeout: 60_000 });
    expect(await overflow(s.page)).toBe(0);
    const map = (await s.page.locator('#sigma').boundingBox())!;
    const controls = (await s.page.locator('.controls').boundingBox())!;
    expect(map.width).toBe(PHONE.width);
    expect(map.height).toBeGreaterThan(PHONE.height / 3);
    expect(controls.y).toBeGreaterThanOrEqual(map.y + map.height);
    // The selected person is framed with their contacts: both on the screen, not one dot with its
    // tie running off the side.
    await s.page.waitForFunction(() => window.__refnet!.state.selected !== undefined && !window.__refnet!.renderer!.getCamera().isAnimated());
    const spots = await s.page.evaluate(async () => {
      const r = window.__refnet!;
      for (let i = 0; i < 2; i++) await new Promise((done) => requestAnimationFrame(done));
      return ['Ann Archer', 'Maximilian Alexander Montgomery-Worthington III'].map((label) => r.renderer!.framedGraphToViewport(r.renderer!.getNodeDisplayData(r.graph!.findNode((_n, a) => a.label === label)!)!));
    });
    for (const at of spots) {
      expect(at.x).toBeGreaterThan(10);
      expect(at.x).toBeLessThan(map.width - 10);
      expect(at.y).toBeGreaterThan(10);
      expect(at.y).toBeLessThan(map.height - 10);
    }
    await screenshot(s.page, 'phone-map', true);
  });

  it('when the chapter report lists a long name, then its column leaves room for the figures', async () => {
    await s.page.goto(`${s.h.api.url}/chapter.html?group=g1`, { waitUntil: 'domcontentloaded' });
    await s.page.waitForSelector('#chapter-body table');
    expect(await overflow(s.page)).toBe(0);
    const nameCell = (await s.page.locator('#chapter-body tbody tr', { hasText: LONG_NAME }).locator('td').first().boundingBox())!;
    expect(nameCell.width).toBeLessThanOrEqual(PHONE.width / 2);
    await screenshot(s.page, 'phone-chapter', true);
  });

  it('when the other pages are open, then nothing runs off the screen', async () => {
    const pages: [string, () => Promise<unknown>][] = [
      ['/report.html?person=max&dimension=industry', () => s.page.waitForSelector('#report-body h2')],
      ['/glossary.html', () => s.page.waitForSelector('#glossary-list dt')],
      ['/signin.html', () => s.page.waitForSelector('#signin-form')],
      // Local mode: the accounts page is an admin's, with its warning that the first account ends local mode.
      ['/admin.html', () => s.page.waitForSelector('#admin-local:visible')],
    ];
    for (const [path, ready] of pages) {
      await s.page.goto(`${s.h.api.url}${path}`, { waitUntil: 'domcontentloaded' });
      await ready();
      expect({ path, overflow: await overflow(s.page) }).toEqual({ path, overflow: 0 });
    }
  });
});
