/**
 * Large graphs in headless Chromium (software WebGL): 10,000 people and 50,000 ties open, pan and
 * zoom without the tab dying; above the size cap the server sends an ego view and the page says so.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium, screenshot } from './browser-support.js';
import { largeNetwork } from './large-network.js';
import { drawnShare, openMap, startMapHarness, type MapHarness } from './map-harness.js';

describeWithChromium('map page with a large network', () => {
  let h: MapHarness;

  beforeAll(async () => {
    h = await startMapHarness();
    const imported = await h.api.call('POST', '/api/import', largeNetwork(10_000, 50_000));
    expect(imported.status).toBe(200);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('when the network has 10,000 people and 50,000 ties, then the whole map opens and pans and zooms without the tab dying', async () => {
    const { page, errors } = await h.browser.newPage();
    let crashed = false;
    page.on('crash', () => {
      crashed = true;
    });
    await openMap(page, `${h.api.url}/`);
    const info = await page.evaluate(() => {
      const r = window.__refnet!;
      return {
        order: r.graph!.order,
        size: r.graph!.size,
        layout: r.data!.layout,
        filtered: r.data!.filtered,
        hideEdgesOnMove: r.renderer!.getSetting('hideEdgesOnMove'),
      };
    });
    expect(info).toEqual({ order: 10_000, size: 50_000, layout: 'server', filtered: undefined, hideEdgesOnMove: true });
    expect(await page.isHidden('#banner')).toBe(true);
    await expect.poll(() => drawnShare(page), { timeout: 10_000 }).toBeGreaterThan(0.02);
    await screenshot(page, '10-large-network');

    const t0 = Date.now();
    const box = (await page.locator('#sigma').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const before = await page.evaluate(() => window.__refnet!.renderer!.getCamera().getState());
    for (let i = 0; i < 4; i++) {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      await page.mouse.move(cx + (i % 2 ? -150 : 150), cy + 80, { steps: 8 });
      await page.mouse.up();
    }
    const ratio = () => page.evaluate(() => window.__refnet!.renderer!.getCamera().getState().ratio);
    for (let i = 0; i < 3; i++) {
      const was = await ratio();
      await page.mouse.wheel(0, -300);
      // Each wheel step zooms in (animated): the next starts once this one has taken effect.
      await page.waitForFunction((r) => window.__refnet!.renderer!.getCamera().getState().ratio < r, was, { timeout: 10_000 });
    }
    console.log(`large map: pans and zooms took ${Date.now() - t0} ms, load phases ${JSON.stringify(await page.evaluate(() => window.__refnet!.timings))}`);
    const started = Date.now();
    const after = await page.evaluate(() => window.__refnet!.renderer!.getCamera().getState());
    // The page still answers promptly and the camera moved.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(after.x !== before.x || after.y !== before.y).toBe(true);
    expect(after.ratio).toBeLessThan(before.ratio);
    expect(crashed).toBe(false);
    // Off the map, so no hover highlight is in the picture.
    await page.mouse.move(5, 400);
    await page.waitForFunction(() => window.__refnet!.state.hovered === undefined && !window.__refnet!.renderer!.getCamera().isAnimated(), null, { timeout: 10_000 });
    await screenshot(page, '11-large-network-zoomed');
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('when the network is over the size cap, then the server sends an ego view and the page says so', async () => {
    const { page, errors } = await h.browser.newPage();
    await openMap(page, `${h.api.url}/?maxNodes=1500`);
    const info = await page.evaluate(() => ({ order: window.__refnet!.graph!.order, view: window.__refnet!.data!.view }));
    expect(info.order).toBeLessThanOrEqual(1500);
    expect(info.order).toBeGreaterThan(1);
    expect(info.view.kind).toBe('ego');
    expect(await page.isVisible('#banner')).toBe(true);
    expect(await page.textContent('#banner')).toMatch(/10,000 people and 50,000 ties, more than the map draws at once/);
    await expect.poll(() => drawnShare(page), { timeout: 10_000 }).toBeGreaterThan(0.02);
    await screenshot(page, '12-filtered-view');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
