/**
 * The home page's merge form in real headless Chromium: "Merge now" merges the two people the
 * preview showed, never others typed afterwards, and once however often it is clicked; the preview
 * says what the kept person gains from the other. Checked through the API.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium, screenshot } from './browser-support.js';
import { type MapHarness, startMapHarness, waitForHomeLoads } from './map-harness.js';

const network = {
  people: [
    { id: 'me', name: 'Mia Member' },
    { id: 'ann', name: 'Ann Archer', email: 'ann@example.org' },
    { id: 'ann-dup', name: 'Ann Archer', title: 'Partner', tags: ['law'] },
    { id: 'bob', name: 'Bob Baker' },
  ],
  interactions: [{ id: 'i1', a: 'ann-dup', b: 'bob', kind: 'call', at: '2024-05-01' }],
};

describeWithChromium('the merge form', () => {
  let h: MapHarness;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    h = await startMapHarness();
    expect((await h.api.call('POST', '/api/import', network)).status).toBe(200);
    ({ page, errors } = await h.browser.newPage());
    await page.goto(`${h.api.url}/home.html?me=me`, { waitUntil: 'domcontentloaded' });
    await waitForHomeLoads(page, 1);
    await page.click('.tabs [data-form=merge]');
  });
  afterAll(async () => {
    await h?.close();
  });

  const apply = '#form-merge [name=apply]';
  const preview = async (keep: string, remove: string) => {
    await page.fill('#form-merge [name=keep]', keep);
    await page.fill('#form-merge [name=remove]', remove);
    await page.click('#form-merge button[type=submit]');
    await page.locator(apply).waitFor({ state: 'visible' });
  };

  it('when another person is typed after the preview, then "Merge now" is withdrawn and nobody unseen is merged', async () => {
    await preview('ann', 'ann-dup');
    expect(await page.textContent('[data-testid=merge-preview]')).toContain('Ann Archer gains from Ann Archer: title "Partner", tags law.');
    await screenshot(page, 'merge-form-preview');
    await page.fill('#form-merge [name=remove]', 'bob');
    expect(await page.locator(apply).isHidden()).toBe(true);
    expect(await page.textContent('[data-testid=merge-preview]')).toBe('');
    expect((await h.api.call('GET', '/api/people/bob')).status).toBe(200);
  });

  it('when "Merge now" is clicked twice, then the two people previewed are merged once and the page says so', async () => {
    await preview('ann', 'ann-dup');
    await page.dblclick(apply);
    await expect.poll(() => page.textContent('#form-merge .result')).toBe('Merged Ann Archer (ann-dup) into Ann Archer (ann).');
    expect((await h.api.call('GET', '/api/people/ann-dup')).status).toBe(404);
    expect((await h.api.call('GET', '/api/people/ann')).body).toMatchObject({ title: 'Partner', tags: ['law'] });
    expect((await h.api.call('GET', '/api/people/bob')).status).toBe(200);
    // No second merge was sent: it would have been refused (404, a person merged away).
    expect(errors).toEqual([]);
  });
});
