/**
 * The home page on a first run, in real Chromium against a refnet in local mode with nobody
 * chosen: on an empty store it says how to get people in, its "This is me" button can be read,
 * and once people are imported one of them can be chosen.
 */
import { expect, it } from 'vitest';
import { describeWithChromium, screenshot } from './browser-support.js';
import { harnessWithPage } from './map-harness.js';

/** WCAG contrast ratio of two computed `rgb()`/`rgba()` colours (opaque ones). */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = css.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describeWithChromium('home page on a first run', () => {
  const s = harnessWithPage();

  it('when the store is empty, then the page says how to get people in and its button can be read', async () => {
    await s.page.goto(`${s.h.api.url}/home.html`, { waitUntil: 'domcontentloaded' });
    await s.page.waitForSelector('#choose-me:not([hidden])');
    await s.page.waitForSelector('#choose-me-empty:not([hidden])');
    expect(await s.page.textContent('#choose-me-empty')).toContain('Nobody is in the network yet');
    expect(await s.page.getAttribute('#choose-me-empty a', 'href')).toBe('/index.html');
    const button = s.page.locator('#choose-me-form button[type=submit]');
    const { color, background } = await button.evaluate((b) => ({ color: getComputedStyle(b).color, background: getComputedStyle(b).backgroundColor }));
    expect(contrast(color, background)).toBeGreaterThanOrEqual(4.5);
    await screenshot(s.page, 'home-first-run');
  });

  it('when people are imported, then the note goes and choosing oneself opens the week', async () => {
    expect((await s.h.api.call('POST', '/api/import', { people: [{ id: 'ann', name: 'Ann Archer' }] })).status).toBe(200);
    await s.page.reload({ waitUntil: 'domcontentloaded' });
    await s.page.waitForSelector('#choose-me:not([hidden])');
    await s.page.waitForSelector('#choose-me-empty', { state: 'hidden' });
    await s.page.fill('#choose-me-input', 'Ann Archer');
    await s.page.click('#choose-me-form button[type=submit]');
    await s.page.waitForFunction(() => (window.__refnetHome?.loads ?? 0) >= 1, null, { timeout: 60_000 });
    expect(await s.page.textContent('#me-name')).toBe('This week for Ann Archer');
  });
});
