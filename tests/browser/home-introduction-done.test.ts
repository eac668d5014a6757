/**
 * "Done" on an introduction to make, on the home page in real Chromium (local mode, ?me=): it logs
 * the introduction with both people in one write and hides the row (it would stay until the two
 * meet), where it used to log one interaction with the first of them and leave the row in place.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium, screenshot } from './browser-support.js';
import { type MapHarness, startMapHarness, waitForHomeLoads } from './map-harness.js';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
// ann (Law) and bob (Finance) both know me and not each other; Law and Finance trade referrals (gus → hal).
const network = {
  people: [
    { id: 'me', name: 'Mia Member' },
    { id: 'ann', name: 'Ann Archer', industry: 'Law', company: 'Archer Law' },
    { id: 'bob', name: 'Bob Banker', industry: 'Finance', company: 'Banker & Co' },
    { id: 'gus', name: 'Gus Lawyer', industry: 'Law' },
    { id: 'hal', name: 'Hal Finance', industry: 'Finance' },
  ],
  interactions: [
    { id: 'i1', a: 'me', b: 'ann', kind: 'one_to_one', at: daysAgo(10) },
    { id: 'i2', a: 'me', b: 'bob', kind: 'one_to_one', at: daysAgo(12) },
  ],
  referrals: [{ id: 'r1', from: 'gus', to: 'hal', at: daysAgo(40), status: 'won', value: 900 }],
};


describeWithChromium('home page: an introduction made', () => {
  let h: MapHarness;
  let page: Page;

  beforeAll(async () => {
    h = await startMapHarness();
    expect((await h.api.call('POST', '/api/import', network)).status).toBe(200);
    ({ page } = await h.browser.newPage());
  });
  afterAll(() => h?.close());

  it('when Done is clicked on an introduction to make, then an introduction with each of the two is stored and the row leaves the list', async () => {
    const week = (await h.api.call('GET', '/api/people/me/week')).body as { introductions: { key: string }[] };
    expect(week.introductions.map((r) => r.key)).toEqual(['intro:ann:bob']);
    await page.goto(`${h.api.url}/home.html?me=me`, { waitUntil: 'domcontentloaded' });
    await waitForHomeLoads(page, 1);
    const row = page.locator('[data-section=introductions] li[data-key="intro:ann:bob"]');
    expect(await row.count()).toBe(1);
    await row.locator('[data-action=done]').click();
    await waitForHomeLoads(page, 2);
    expect(await page.locator('[data-section=introductions] li[data-key="intro:ann:bob"]').count()).toBe(0);
    expect(await page.textContent('body')).toContain('Logged your introduction of Ann Archer and Bob Banker.');
    const logged = ((await h.api.call('GET', '/api/interactions?person=me&limit=100')).body.items as { a: string; b: string; kind: string }[])
      .filter((i) => i.kind === 'introduction')
      .map((i) => [i.a, i.b])
      .sort();
    expect(logged).toEqual([
      ['me', 'ann'],
      ['me', 'bob'],
    ]);
    expect((await h.api.call('GET', '/api/export')).body.dismissals.map((d: { row: string; kind: string }) => [d.row, d.kind])).toEqual([['intro:ann:bob', 'not_relevant']]);
    await screenshot(page, 'home-introduction-done');
  });
});
