/**
 * How the browser suites get a browser (see chromium.ts). With CI=true a missing Chromium fails
 * the suite; otherwise the suite is skipped with a one-line reason.
 */
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CHROMIUM } from './chromium.js';

export { capture, docsScreenshot, launchBrowser, screenshot, type BrowserSession } from './chromium.js';

/** Why Chromium cannot run here, or undefined when it can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found (apt-get install chromium)`;
}

/** describe() when Chromium is there; else a failing test under CI=true, or a one-line skip. */
export function describeWithChromium(name: string, body: () => void): void {
  const missing = chromiumMissing();
  if (!missing) describe(name, body);
  else if (process.env.CI === 'true') {
    describe(name, () => {
      it('when CI=true, then Chromium must be available', () => {
        throw new Error(`Chromium is required under CI: ${missing}`);
      });
    });
  } else {
    console.warn(`skipping "${name}": ${missing}`);
    describe.skip(name, body);
  }
}


/**
 * Signs in on the page as a user would (the sign-in form, a fresh session: cookies cleared first)
 * and waits for the home page it leads to.
 */
export async function signInOnPage(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/signin.html`, { waitUntil: 'domcontentloaded' });
  await page.fill('#signin-email', email);
  await page.fill('#signin-password', password);
  await page.click('#signin-submit');
  await page.waitForURL(/\/home\.html$/, { timeout: 30_000 });
}
