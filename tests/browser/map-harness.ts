/**
 * One running refnet (embedded store in a temp dir, port 0) and one headless Chromium for a
 * browser suite, with the pages built first so no test times out waiting for Vite.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { ensureBuilt } from '../../scripts/build.mjs';
import { startTestApi, type TestApi } from '../api/harness.js';
import { capture, launchBrowser, type BrowserSession } from './browser-support.js';

export interface MapHarness {
  api: TestApi;
  browser: BrowserSession;
  close(): Promise<void>;
}

/** Builds the pages, starts the server (with `env` as its settings) and the browser. */
export async function startMapHarness(options: { timezoneId?: string; env?: Record<string, string> } = {}): Promise<MapHarness> {
  await ensureBuilt();
  const api = await startTestApi(options.env);
  let browser: BrowserSession;
  try {
    browser = await launchBrowser(options);
  } catch (err) {
    await api.close();
    throw err;
  }
  return {
    api,
    browser,
    async close() {
      await browser.close();
      await api.close();
    },
  };
}

/**
 * A harness and one page for the tests of a describe block: started before them (with `network`
 * imported and the page at `viewport`, when given) and closed after. Read `h` and `page` in tests.
 */
export function harnessWithPage(options: { network?: object; viewport?: { width: number; height: number }; timezoneId?: string } = {}): { readonly h: MapHarness; readonly page: Page } {
  let h: MapHarness | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    h = await startMapHarness({ timezoneId: options.timezoneId });
    if (options.network) expect((await h.api.call('POST', '/api/import', options.network)).status).toBe(200);
    ({ page } = await h.browser.newPage());
    if (options.viewport) await page.setViewportSize(options.viewport);
  });
  afterAll(async () => {
    await h?.close();
  });
  return {
    get h() {
      return h!;
    },
    get page() {
      return page!;
    },
  };
}

/** Opens the map page and waits until it has drawn `loads` times (1 = the first load). */
export async function openMap(page: Page, url: string, loads = 1): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await waitForLoads(page, loads);
}

/** Waits until the map page finished `n` loads. */
export async function waitForLoads(page: Page, n: number, timeout = 150_000): Promise<void> {
  await page.waitForFunction((want) => (window.__refnet?.loads ?? 0) >= want, n, { timeout });
}

/** Waits until the home page finished `n` loads of the week (1 = the first). */
export async function waitForHomeLoads(page: Page, n: number): Promise<void> {
  await page.waitForFunction((k) => (window.__refnetHome?.loads ?? 0) >= k, n, { timeout: 60_000 });
}

/** Waits for the client-side layout (ForceAtlas2 worker) to stop. */
export async function waitForLayout(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__refnet?.layoutRunning === false, null, { timeout: 30_000 });
}

/** Share of canvas pixels that differ from the page background: proof something was drawn. */
export async function drawnShare(page: Page): Promise<number> {
  const shot = await capture(page.locator('#sigma'));
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let drawn = 0;
    for (let i = 0; i < d.length; i += 4) {
      // The background is a near-white gradient; any clearly coloured pixel is a node or tie.
      const max = Math.max(d[i]!, d[i + 1]!, d[i + 2]!);
      const min = Math.min(d[i]!, d[i + 1]!, d[i + 2]!);
      if (max - min > 40 || max < 200) drawn++;
    }
    return drawn / (d.length / 4);
  }, shot.toString('base64'));
}
