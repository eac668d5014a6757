/**
 * The API docs page (Swagger UI served locally) in real headless Chromium: it loads without
 * reaching outside this server, lists the operations of /api/openapi.json with their parameter
 * descriptions and typed responses, and "try it out" calls this same server. Screenshot at 1280
 * wide to docs/screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium, docsScreenshot } from './browser-support.js';
import { startMapHarness, type MapHarness } from './map-harness.js';

describeWithChromium('API docs page', () => {
  let h: MapHarness;
  let page: Page;
  let errors: string[];
  const outside: string[] = [];

  beforeAll(async () => {
    h = await startMapHarness();
    expect((await h.api.call('POST', '/api/import', { people: [{ id: 'ann', name: 'Ann Archer', industry: 'law' }] })).status).toBe(200);
    ({ page, errors } = await h.browser.newPage());
    await page.setViewportSize({ width: 1280, height: 900 });
    page.on('request', (r) => {
      if (!r.url().startsWith(h.api.url) && !r.url().startsWith('data:')) outside.push(r.url());
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('when opened, then it lists the operations of /api/openapi.json, /api/map included', async () => {
    await page.goto(`${h.api.url}/api/docs`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.opblock', { timeout: 60_000 });
    const spec = (await h.api.call('GET', '/api/openapi.json')).body as { paths: Record<string, object> };
    const operations = Object.values(spec.paths).reduce<number>((n, item) => n + Object.keys(item).length, 0);
    expect(await page.locator('.opblock').count()).toBe(operations);
    expect(await page.locator('.opblock-summary-path[data-path="/api/map"]').count()).toBe(1);
    await docsScreenshot(page, 'api-docs');
  });

  it('when an operation is opened, then its parameters are described and "try it out" answers from this server', async () => {
    const op = page.locator('#operations-analytics-get_api_reports_diversity_gap');
    await op.locator('.opblock-summary').click();
    await op.locator('.parameters').waitFor();
    expect(await op.locator('.parameters').textContent()).toContain('the person whose ties are examined');
    expect(await op.locator('.responses-wrapper').textContent()).toContain('unknown');

    const map = page.locator('#operations-map-get_api_map');
    await map.locator('.opblock-summary').click();
    await map.locator('.parameters').waitFor();
    await map.locator('button.execute').click();
    await map.locator('.live-responses-table tbody .response-col_status').first().waitFor();
    expect((await map.locator('.live-responses-table tbody .response-col_status').first().textContent())!.trim()).toBe('200');
    expect(await map.locator('.live-responses-table').textContent()).toContain('Ann Archer');
    await docsScreenshot(page, 'api-docs-try-it-out');
  });

  it('when the page ran, then it reached nothing outside this server and logged no errors', () => {
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  });
});
