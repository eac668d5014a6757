/**
 * What the pages say when there is nothing to show yet, in real Chromium against a refnet in
 * local mode: the chapter report on a store without groups, and the map's person panel for
 * someone without a tie.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium, screenshot } from './browser-support.js';
import { openMap, startMapHarness, type MapHarness } from './map-harness.js';

const network = {
  people: [
    { id: 'ann', name: 'Ann Archer' },
    { id: 'bob', name: 'Bob Baker' },
    { id: 'nora', name: 'Nora Newcomer' },
  ],
  interactions: [{ id: 'i1', a: 'ann', b: 'bob', kind: 'one_to_one', at: '2026-10-01' }],
};

describeWithChromium('empty states', () => {
  let h: MapHarness;
  let page: Page;

  beforeAll(async () => {
    h = await startMapHarness();
    ({ page } = await h.browser.newPage());
  });
  afterAll(async () => {
    await h?.close();
  });

  it('when the store has no groups, then the chapter report says so and its buttons are disabled', async () => {
    await page.goto(`${h.api.url}/chapter.html`, { waitUntil: 'domcontentloaded' });
    await expect.poll(() => page.textContent('#chapter-status'), { timeout: 30_000 }).toMatch(/^No groups yet/);
    expect(await page.isDisabled('#chapter-show')).toBe(true);
    expect(await page.isDisabled('#chapter-csv')).toBe(true);
    await screenshot(page, 'chapter-no-groups');
  });

  it('when a person without ties is opened on the map, then the panel says they have none and how one starts', async () => {
    expect((await h.api.call('POST', '/api/import', network)).status).toBe(200);
    await openMap(page, `${h.api.url}/index.html#person=nora`);
    await page.waitForSelector('#panel:not([hidden]) [data-testid=metrics]', { timeout: 20_000 });
    expect(await page.textContent('#panel-title')).toBe('Nora Newcomer');
    expect(await page.textContent('#panel [data-testid=no-ties]')).toMatch(/^No ties on this map/);
    expect(await page.getAttribute('#panel [data-testid=no-ties] a', 'href')).toBe('/home.html');
    await expect.poll(() => page.textContent('#panel section:last-of-type')).toBe('Nothing to re-network.');
    await screenshot(page, 'panel-no-ties');
  });

  it('when a person with a tie is opened, then the panel lists it and no empty note', async () => {
    await page.goto('about:blank'); // a new document: the same page with another hash would not reload
    await openMap(page, `${h.api.url}/index.html#person=ann`);
    await page.waitForSelector('#panel:not([hidden]) .ties li[data-person=bob]', { timeout: 20_000 });
    expect(await page.locator('#panel [data-testid=no-ties]').count()).toBe(0);
    // Counts of one read in the singular: the map's status and the tie's evidence.
    await expect.poll(() => page.textContent('#status')).toBe('3 people · 1 tie');
    await expect.poll(() => page.textContent('#panel .ties li[data-person=bob] .evidence'), { timeout: 20_000 }).toMatch(/^1 one-to-one meeting · 1 interaction · last contact /);
  });

  it('when a group has one member, then the chapter report says "1 member", not "1 members"', async () => {
    expect((await h.api.call('POST', '/api/import', { groups: [{ id: 'solo', name: 'Solo Chapter' }], memberships: [{ person: 'ann', group: 'solo', since: '2026-01-01' }] })).status).toBe(200);
    await page.goto(`${h.api.url}/chapter.html?group=solo&from=2026-05-01&to=2026-10-31`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.chapter-table tbody tr', { timeout: 30_000 });
    const header = await page.textContent('#chapter-body p.muted');
    expect(header).toMatch(/ · 1 member · /);
    expect(header).not.toMatch(/1 members/);
  });
});
