/**
 * Every control a keyboard reaches on every page has a name a screen reader can say: a label, an
 * aria-label(ledby), a title or its own text — checked in real Chromium with data on each page
 * and the import dialog open.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeWithChromium } from './browser-support.js';
import { harnessWithPage } from './map-harness.js';

const network = {
  people: [
    { id: 'ann', name: 'Ann Archer', industry: 'Legal' },
    { id: 'bob', name: 'Bob Baker', industry: 'Insurance' },
  ],
  groups: [{ id: 'g1', name: 'Chapter One', kind: 'chapter' }],
  memberships: [{ person: 'ann', group: 'g1' }, { person: 'bob', group: 'g1' }],
  interactions: [{ id: 'i1', a: 'ann', b: 'bob', kind: 'one_to_one', at: '2026-10-01' }],
};

/** The focusable controls of the page that have no accessible name, as the start of their HTML. */
function unnamed(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('input:not([type=hidden]), select, textarea, button, a[href], [tabindex]:not([tabindex="-1"])'))
      .filter((el) => el.getClientRects().length > 0)
      .filter((el) => {
        const labels = (el as HTMLInputElement).labels;
        return !(labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.title || el.textContent?.trim());
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

describeWithChromium('accessible names', () => {
  const s = harnessWithPage({ network });

  const pages: [string, string, (page: Page) => Promise<unknown>][] = [
    ['the map with a person open', '/index.html#person=ann', (p) => p.waitForSelector('#panel:not([hidden]) [data-testid=metrics]', { timeout: 30_000 })],
    ['the home page', '/home.html?me=ann', (p) => p.waitForFunction(() => (window.__refnetHome?.loads ?? 0) >= 1, null, { timeout: 30_000 })],
    ['the diversity gap report', '/report.html?person=ann&dimension=industry', (p) => p.waitForSelector('#report-body h2', { timeout: 30_000 })],
    ['the chapter report', '/chapter.html?group=g1', (p) => p.waitForSelector('#chapter-body table', { timeout: 30_000 })],
    ['the glossary', '/glossary.html', (p) => p.waitForSelector('#glossary-list dt')],
    ['the sign-in page', '/signin.html', (p) => p.waitForSelector('#signin-form')],
    ['the accounts page', '/admin.html', (p) => p.waitForSelector('#create-form:visible')],
  ];
  for (const [name, path, ready] of pages) {
    it(`when ${name} is open, then every control has a name`, async () => {
      await s.page.goto(`${s.h.api.url}${path}`, { waitUntil: 'domcontentloaded' });
      await ready(s.page);
      expect(await unnamed(s.page)).toEqual([]);
      const importButton = s.page.locator('[data-import-open]');
      if ((await importButton.count()) > 0) {
        await importButton.click();
        await s.page.waitForSelector('dialog[open]');
        expect(await unnamed(s.page)).toEqual([]);
        await s.page.keyboard.press('Escape');
        await s.page.waitForSelector('dialog[open]', { state: 'detached' });
      }
    });
  }
});
