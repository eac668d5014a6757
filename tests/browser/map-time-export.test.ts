/**
 * The map's time slider and its exports as a demanding networker uses them, in real Chromium, on a
 * network quiet for three months with a meeting booked ahead: the slider runs from the first
 * contact to now (not to the latest record, nor past today); the open panel, a path shown, the
 * ties and the counts follow the date and match the API as of it; answers that arrive out of
 * order never leave the map on a date the slider no longer shows; the keyboard moves it and a
 * screen reader hears the date; the PNG and SVG exports say what they show, name every person,
 * are named after their view and date, and never hold someone else's private contact.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { expect, it } from 'vitest';
import { longDate } from '../../viz/src/dates.js';
import { addAccount } from '../security/accounts-support.js';
import { capture, describeWithChromium, screenshot } from './browser-support.js';
import { SCREENSHOTS } from './chromium.js';
import { harnessWithPage, openMap, waitForLoads } from './map-harness.js';

const now = new Date();
/** The 15th of the month `n` months ago (UTC). */
const midMonth = (n: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 15)).toISOString().slice(0, 10);
/** The last day of the month `n` months ago (UTC): a step of the slider. */
const monthEnd = (n: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n + 1, 0)).toISOString().slice(0, 10);
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const PASSWORD = 'a long member passphrase';

const network = {
  people: [
    { id: 'ann', name: 'Ann Archer', industry: 'Law' },
    { id: 'bob', name: 'Bob Baker', industry: 'Tax' },
    { id: 'cat', name: 'Cat Cole', industry: 'Law' },
    { id: 'dan', name: 'Dan Drake', industry: 'Design' },
    { id: 'priv', name: 'Priv Contact', industry: 'Tax', privateTo: 'ann' },
  ],
  interactions: [
    { id: 'i1', a: 'ann', b: 'bob', kind: 'one_to_one', at: midMonth(5) },
    { id: 'i2', a: 'ann', b: 'cat', kind: 'one_to_one', at: midMonth(3) },
    { id: 'i3', a: 'bob', b: 'dan', kind: 'met', at: midMonth(3) },
    { id: 'i4', a: 'ann', b: 'priv', kind: 'met', at: midMonth(3) },
  ],
  // A meeting booked ahead that two people already attend: the latest record lies after today.
  events: [{ id: 'next', name: 'Next breakfast', at: day(40) }],
  attendance: [
    { person: 'ann', event: 'next' },
    { person: 'dan', event: 'next' },
  ],
};

/** The map's ties as the API answers them as of `asOf` (a date, or now). */
async function apiTies(s: { h: { api: { call(m: string, p: string): Promise<{ body: unknown }> } } }, asOf?: string): Promise<number> {
  const body = (await s.h.api.call('GET', `/api/map${asOf ? `?asOf=${asOf}` : ''}`)).body as { edges: unknown[] };
  return body.edges.length;
}

const state = (page: Page) =>
  page.evaluate(() => {
    const r = window.__refnet!;
    return { asOf: (document.getElementById('filter-asof') as HTMLInputElement).value, ties: r.graph!.size, people: r.graph!.order, dataAsOf: r.data!.asOf, paths: r.paths.length };
  });

/**
 * Pixels of the screen's map that the exported PNG shows otherwise by more than antialiasing
 * does (a channel off by over 100): the PNG's map is found below its caption, at the same size.
 */
async function strayPixels(page: Page, exported: Buffer, screen: Buffer): Promise<number> {
  return page.evaluate(
    async ([a64, b64]) => {
      const decode = async (b: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, c.width, c.height);
      };
      const [file, shot] = [await decode(a64!), await decode(b64!)];
      // The caption's height: the first offset at which the map lines up best.
      let best = Infinity;
      for (let top = 0; top + shot.height <= file.height; top += 1) {
        let stray = 0;
        for (let y = 0; y < shot.height && stray < best; y += 1) {
          for (let x = 0; x < shot.width; x += 1) {
            const i = (y * shot.width + x) * 4;
            const j = ((y + top) * file.width + x) * 4;
            if (Math.max(Math.abs(shot.data[i]! - file.data[j]!), Math.abs(shot.data[i + 1]! - file.data[j + 1]!), Math.abs(shot.data[i + 2]! - file.data[j + 2]!)) > 100) stray++;
          }
        }
        best = Math.min(best, stray);
      }
      return best;
    },
    [exported.toString('base64'), screen.toString('base64')],
  );
}

/** The height of a PNG file, from its IHDR chunk. */
const pngHeight = (png: Buffer) => png.readUInt32BE(20);

describeWithChromium('map: the time slider and the exports', () => {
  const s = harnessWithPage({ network });

  it('when the map opens, then the slider runs from the first contact’s month to this month, its last step now, said in words to a screen reader', async () => {
    await openMap(s.page, `${s.h.api.url}/index.html`);
    const months = await s.page.evaluate(() => window.__refnet!.months);
    expect(months[0]).toBe(monthEnd(5));
    // Not October's "now" three quiet months ago, nor a month after today for the meeting ahead.
    expect(months.at(-1)).toBe(monthEnd(0));
    expect(months).toHaveLength(6);
    const label = (await s.page.textContent('#timeline-label'))!;
    expect(label).toMatch(/^now \(\d{1,2} \w+ \d{4}\)$/);
    expect(await s.page.getAttribute('#timeline-range', 'aria-valuetext')).toBe(label);
    expect((await state(s.page)).ties).toBe(await apiTies(s));
  });

  it('when the slider goes back with a person’s panel and a path open, then the panel’s ties and metrics, the path and the ties follow the date and match the API', async () => {
    await s.page.evaluate(() => window.__refnet!.select('ann'));
    await expect.poll(() => s.page.textContent('#panel-body h3:nth-of-type(2)')).toBe('Ties (3)');
    expect(await s.page.evaluate(() => window.__refnet!.findPaths('ann', 'person', 'dan', 1))).toBe(1);
    const loads = await s.page.evaluate(() => window.__refnet!.loads);
    await s.page.evaluate(() => window.__refnet!.showMonth(0));
    await waitForLoads(s.page, loads + 1);
    expect(await s.page.getAttribute('#timeline-range', 'aria-valuetext')).toBe(`end of ${new Date(`${monthEnd(5)}T00:00:00Z`).toLocaleDateString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' })}`);
    // Five months ago Ann knew Bob only, and Dan nobody.
    await expect.poll(() => s.page.textContent('#panel-body h3:nth-of-type(2)')).toBe('Ties (1)');
    await expect.poll(() => s.page.locator('#panel [data-testid=metrics] .metric b').first().textContent()).toBe('1');
    await expect.poll(() => s.page.textContent('#path-results')).toContain('No warm path found');
    const shown = await state(s.page);
    expect(shown).toMatchObject({ asOf: monthEnd(5), ties: 1, paths: 0 });
    expect(shown.ties).toBe(await apiTies(s, monthEnd(5)));
    await screenshot(s.page, 'map-slider-panel-follows');
    // Back to now: the path and the panel come back with it.
    await s.page.evaluate(() => window.__refnet!.showMonth(window.__refnet!.months.length - 1));
    await expect.poll(() => s.page.textContent('#panel-body h3:nth-of-type(2)')).toBe('Ties (3)');
    await expect.poll(() => s.page.evaluate(() => window.__refnet!.paths.length)).toBe(1);
    await s.page.evaluate(() => window.__refnet!.closePanel());
  });

  it('when an earlier month’s answer arrives after a later month’s, then the map stays on the later month the slider shows', async () => {
    const slow = monthEnd(4);
    const isSlow = (url: URL) => url.pathname === '/api/map' && url.searchParams.get('asOf') === slow;
    // That month's answer is held back, so it arrives after the next month's.
    const holdBack = async (route: Route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    };
    await s.page.route(isSlow, holdBack);
    const late = s.page.waitForEvent('requestfinished', (r) => isSlow(new URL(r.url())));
    await s.page.evaluate(() => {
      void window.__refnet!.showMonth(1);
    });
    await s.page.evaluate(() => window.__refnet!.showMonth(3));
    await late;
    // The held-back answer is read and would be drawn within a few tasks of arriving: nothing to await when it is dropped.
    await s.page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(r)), 200)));
    const shown = await state(s.page);
    expect(shown.asOf).toBe(monthEnd(2));
    expect(shown.dataAsOf.slice(0, 10)).toBe(monthEnd(2));
    expect(shown.ties).toBe(await apiTies(s, monthEnd(2)));
    await s.page.unroute(isSlow, holdBack);
  });

  it('when the slider is moved with the keyboard, then each key shows its month', async () => {
    let loads = await s.page.evaluate(() => window.__refnet!.loads);
    await s.page.focus('#timeline-range');
    await s.page.keyboard.press('Home');
    await waitForLoads(s.page, ++loads);
    expect((await state(s.page)).asOf).toBe(monthEnd(5));
    await s.page.keyboard.press('ArrowRight');
    await waitForLoads(s.page, ++loads);
    expect((await state(s.page)).asOf).toBe(monthEnd(4));
    await s.page.keyboard.press('End');
    await waitForLoads(s.page, ++loads);
    expect((await state(s.page)).asOf).toBe('');
    expect(await s.page.textContent('#timeline-label')).toMatch(/^now /);
  });

  it('when "As of" is before any record or after today, then the map is the API’s network then and the slider says the date', async () => {
    for (const asOf of ['1990-01-01', day(60)]) {
      const loads = await s.page.evaluate(() => window.__refnet!.loads);
      await s.page.fill('#filter-asof', asOf);
      await s.page.dispatchEvent('#filter-asof', 'change');
      await waitForLoads(s.page, loads + 1);
      const shown = await state(s.page);
      expect(shown.people).toBe(5);
      expect(shown.ties).toBe(await apiTies(s, asOf));
      expect(await s.page.textContent('#timeline-label')).toBe(`as of ${longDate(asOf)}`);
    }
    // Ahead, the meeting booked makes Ann and Dan's tie.
    expect((await state(s.page)).ties).toBe(5);
    await s.page.fill('#filter-asof', '');
    await s.page.dispatchEvent('#filter-asof', 'change');
  });

  it('when the view is exported, then the SVG and the PNG are named after the date, carry a caption and the legend, and name every person', async () => {
    const loads = await s.page.evaluate(() => window.__refnet!.loads);
    await s.page.evaluate(() => window.__refnet!.showMonth(2));
    await waitForLoads(s.page, loads + 1);
    const svgDownload = s.page.waitForEvent('download');
    await s.page.click('#export-svg');
    const svgFile = await svgDownload;
    expect(svgFile.suggestedFilename()).toBe(`refnet-map-${monthEnd(3)}.svg`);
    const svg = await readFile(await svgFile.path(), 'utf8');
    const titles = [...svg.matchAll(/<circle [^>]*><title>([^<]*)<\/title><\/circle>/g)].map((m) => m[1]).sort();
    expect(titles).toEqual(['Ann Archer', 'Bob Baker', 'Cat Cole', 'Dan Drake', 'Priv Contact']);
    expect(svg).toContain(`as of ${longDate(monthEnd(3))}`);
    expect(svg).toContain('5 people · 4 ties');
    for (const entry of ['Industry', 'Law (2)', 'Tax (2)', 'Design (1)']) expect(svg).toContain(entry);

    const pngDownload = s.page.waitForEvent('download');
    await s.page.click('#export-png');
    const pngFile = await pngDownload;
    expect(pngFile.suggestedFilename()).toBe(`refnet-map-${monthEnd(3)}.png`);
    const png = await readFile(await pngFile.path());
    await writeFile(join(SCREENSHOTS, 'map-export.png'), png);
    await writeFile(join(SCREENSHOTS, 'map-export.svg'), svg);
    // Below its caption the PNG is the map as the screen shows it: a path's labels once each, where the screen has them.
    const screen = await capture(s.page.locator('#sigma'));
    expect(await strayPixels(s.page, png, screen)).toBeLessThan(150);
    const mapHeight = await s.page.evaluate(() => document.getElementById('sigma')!.getBoundingClientRect().height);
    // The map, with the caption above it and the legend below.
    expect(pngHeight(png)).toBeGreaterThan(Math.round(mapHeight) + 40);

    // A view around a person is named after them.
    await s.page.evaluate(() => window.__refnet!.select('ann'));
    const loadsEgo = await s.page.evaluate(() => window.__refnet!.loads);
    await s.page.selectOption('#view-kind', 'ego');
    await waitForLoads(s.page, loadsEgo + 1);
    const egoDownload = s.page.waitForEvent('download');
    await s.page.click('#export-svg');
    expect((await egoDownload).suggestedFilename()).toBe(`refnet-map-Ann-Archer-${monthEnd(3)}.svg`);
    await s.page.selectOption('#view-kind', 'auto');
  });

  it('when the map is on a phone, then the slider and its words fit the screen', async () => {
    await s.page.setViewportSize({ width: 390, height: 844 });
    await s.page.evaluate(() => window.__refnet!.showMonth(1));
    const box = await s.page.locator('#timeline-label').boundingBox();
    const range = await s.page.locator('#timeline-range').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(range!.width).toBeGreaterThan(100);
    expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(s.page, 'map-slider-phone');
    await s.page.evaluate(() => window.__refnet!.showMonth(window.__refnet!.months.length - 1));
    await screenshot(s.page, 'map-slider-phone-now');
    await s.page.setViewportSize({ width: 1280, height: 800 });
  });

  it('when a member exports the map, then another member’s private contact is in neither the map nor the file', async () => {
    await addAccount(s.h.api.dir, { email: 'bob@example.org', person: 'bob', role: 'member', password: PASSWORD });
    const { page } = await s.h.browser.newPage();
    await page.goto(`${s.h.api.url}/signin.html`, { waitUntil: 'domcontentloaded' });
    await page.fill('#signin-email', 'bob@example.org');
    await page.fill('#signin-password', PASSWORD);
    await page.click('#signin-submit');
    await page.waitForURL(/\/home\.html$/, { timeout: 30_000 });
    await openMap(page, `${s.h.api.url}/index.html`);
    const svg = await page.evaluate(() => window.__refnet!.svg());
    expect(svg).not.toContain('Priv Contact');
    expect(svg).toContain('<title>Ann Archer</title>');
    expect(svg).toContain('4 people');
    await page.close();
  });
});
