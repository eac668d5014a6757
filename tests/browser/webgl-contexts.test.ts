/**
 * Issue #14: no WebGL context outlives its map. The page draws a new Sigma renderer on every
 * load (a view, filter or time-slider change) and kills the old one; an image export draws into a
 * temporary renderer. An init script records every WebGL context the page creates, so after 20
 * remounts (and 20 PNG exports) the test counts those still alive: a renderer not killed keeps
 * its context, and Chromium starts dropping the oldest at 16 with a console warning.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium } from './browser-support.js';
import { openMap, startMapHarness, waitForLoads, type MapHarness } from './map-harness.js';

const CYCLES = 20;
const TOO_MANY = /too many active webgl contexts/i;

declare global {
  interface Window {
    __webglContexts?: (WebGLRenderingContext | WebGL2RenderingContext)[];
  }
}

/** Wraps getContext before any page script runs: every WebGL context created is kept in a list. */
function recordWebglContexts(): void {
  const seen: (WebGLRenderingContext | WebGL2RenderingContext)[] = [];
  window.__webglContexts = seen;
  const original = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
    const ctx = (original as (this: HTMLCanvasElement, t: string, ...r: unknown[]) => RenderingContext | null).call(this, type, ...rest);
    if (ctx && /webgl/.test(type) && !seen.includes(ctx as WebGLRenderingContext)) seen.push(ctx as WebGLRenderingContext);
    return ctx;
  } as typeof original;
}

/** Contexts created so far, and those not lost (WEBGL_lose_context.loseContext() marks a context lost at once). */
function contexts(page: Page): Promise<{ created: number; live: number }> {
  return page.evaluate(() => {
    const all = window.__webglContexts ?? [];
    return { created: all.length, live: all.filter((c) => !c.isContextLost()).length };
  });
}

describeWithChromium('WebGL contexts across map remounts (issue #14)', () => {
  let h: MapHarness;
  let page: Page;
  let errors: string[];
  const warnings: string[] = [];

  beforeAll(async () => {
    h = await startMapHarness();
    const sample = JSON.parse(await readFile(join(process.cwd(), 'data', 'sample-network.json'), 'utf8'));
    expect((await h.api.call('POST', '/api/import', sample)).status).toBeLessThan(300);
    ({ page, errors } = await h.browser.newPage());
    page.on('console', (m) => {
      if (TOO_MANY.test(m.text())) warnings.push(m.text());
    });
    await page.addInitScript(recordWebglContexts);
    await openMap(page, `${h.api.url}/index.html`);
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it(`when the map is unmounted and mounted again ${CYCLES} times, then only the last map's WebGL contexts are alive`, async () => {
    const warned = warnings.length;
    const first = await contexts(page);
    expect(first.live).toBeGreaterThan(0);
    for (let i = 1; i <= CYCLES; i++) {
      await page.evaluate(() => window.__refnet!.load());
      await waitForLoads(page, 1 + i);
    }
    const after = await contexts(page);
    // Every remount made new contexts (so the count below is about them), and all but the current map's are released.
    expect(after.created).toBeGreaterThanOrEqual(first.created + CYCLES * first.live);
    expect(after.live).toBe(first.live);
    expect(await page.evaluate(() => window.__refnet!.renderer!.getGraph().order)).toBe(300);
    expect(warnings.slice(warned)).toEqual([]);
    expect(errors).toEqual([]);
  }, 300_000);

  it(`when the view is exported as PNG ${CYCLES} times, then each export's temporary renderer releases its context`, async () => {
    const warned = warnings.length;
    const before = await contexts(page);
    for (let i = 0; i < CYCLES; i++) {
      const download = page.waitForEvent('download');
      await page.click('#export-png');
      await download;
    }
    const after = await contexts(page);
    expect(after.created).toBeGreaterThanOrEqual(before.created + CYCLES);
    expect(after.live).toBe(before.live);
    expect(warnings.slice(warned)).toEqual([]);
    expect(errors).toEqual([]);
  }, 300_000);
});
