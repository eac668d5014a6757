/**
 * What the pages say when there is nothing to show yet, in real Chromium against a refnet in
 * local mode: the chapter report on a store without groups, and the map's person panel for
 * someone without a tie.
 */
import { expect, it } from 'vitest';
import { describeWithChromium, screenshot } from './browser-support.js';
import { openMap, harnessWithPage } from './map-harness.js';

const network = {
  people: [
    { id: 'ann', name: 'Ann Archer' },
    { id: 'bob', name: 'Bob Baker' },
    { id: 'nora', name: 'Nora Newcomer' },
  ],
  interactions: [{ id: 'i1', a: 'ann', b: 'bob', kind: 'one_to_one', at: '2026-10-01' }],
};

describeWithChromium('empty states', () => {
  const s = harnessWithPage();

  it('when the store has no groups, then the chapter report says so and its buttons are disabled', async () => {
    await s.page.goto(`${s.h.api.url}/chapter.html`, { waitUntil: 'domcontentloaded' });
    await expect.poll(() => s.page.textContent('#chapter-status'), { timeout: 30_000 }).toMatch(/^No groups yet/);
    expect(await s.page.isDisabled('#chapter-show')).toBe(true);
    expect(await s.page.isDisabled('#chapter-csv')).toBe(true);
    await screenshot(s.page, 'chapter-no-groups');
  });

  it('when a person without ties is opened on the map, then the panel says they have none and how one starts', async () => {
    expect((await s.h.api.call('POST', '/api/import', network)).status).toBe(200);
    await openMap(s.page, `${s.h.api.url}/index.html#person=nora`);
    await s.page.waitForSelector('#panel:not([hidden]) [data-testid=metrics]', { timeout: 20_000 });
    expect(await s.page.textContent('#panel-title')).toBe('Nora Newcomer');
    expect(await s.page.textContent('#panel [data-testid=no-ties]')).toMatch(/^No ties on this map/);
    expect(await s.page.getAttribute('#panel [data-testid=no-ties] a', 'href')).toBe('/home.html');
    await expect.poll(() => s.page.textContent('#panel section:last-of-type')).toBe('Nothing to re-network.');
    await screenshot(s.page, 'panel-no-ties');
  });

  it('when a person with a tie is opened, then the panel lists it and no empty note', async () => {
    await s.page.goto('about:blank'); // a new document: the same page with another hash would not reload
    await openMap(s.page, `${s.h.api.url}/index.html#person=ann`);
    await s.page.waitForSelector('#panel:not([hidden]) .ties li[data-person=bob]', { timeout: 20_000 });
    expect(await s.page.locator('#panel [data-testid=no-ties]').count()).toBe(0);
    // Counts of one read in the singular: the map's status and the tie's evidence.
    await expect.poll(() => s.page.textContent('#status')).toBe('3 people · 1 tie');
    await expect.poll(() => s.page.textContent('#panel .ties li[data-person=bob] .evidence'), { timeout: 20_000 }).toMatch(/^1 one-to-one meeting · 1 interaction · last contact /);
  });

  it('when a group has one member, then the chapter report says "1 member", not "1 members"', async () => {
    expect((await s.h.api.call('POST', '/api/import', { groups: [{ id: 'solo', name: 'Solo Chapter' }], memberships: [{ person: 'ann', group: 'solo', since: '2026-01-01' }] })).status).toBe(200);
    await s.page.goto(`${s.h.api.url}/chapter.html?group=solo&from=2026-05-01&to=2026-10-31`, { waitUntil: 'domcontentloaded' });
    await s.page.waitForSelector('.chapter-table tbody tr', { timeout: 30_000 });
    const header = await s.page.textContent('#chapter-body p.muted');
    expect(header).toMatch(/ · 1 member · /);
    expect(header).not.toMatch(/1 members/);
  });
});
