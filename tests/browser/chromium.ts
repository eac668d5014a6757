/**
 * Debian's Chromium (/usr/bin/chromium, or REFNET_CHROMIUM) launched headless through
 * playwright-core — never a downloaded browser — with a fresh profile directory per launch.
 * Shared by the browser tests and the browser benchmark (no vitest here).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.REFNET_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-output', 'browser');
/** Where the screenshots the README and docs show are written. */
export const DOCS_SCREENSHOTS = join(process.cwd(), 'docs', 'screenshots');

/**
 * Flags for headless Chromium on a shared, GPU-less machine. WebGL then runs on SwiftShader
 * (software), which Sigma needs; playwright adds --headless itself; `--enable-unsafe-swiftshader` keeps it allowed in new builds.
 */
const FLAGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--mute-audio',
];

export interface BrowserSession {
  context: BrowserContext;
  /** Opens a page that records console errors and uncaught exceptions in `errors`. */
  newPage(): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh profile and a 1280×800 viewport (in `timezoneId`, when given: an IANA zone). */
export async function launchBrowser(options: { timezoneId?: string } = {}): Promise<BrowserSession> {
  const profile = await mkdtemp(join(tmpdir(), 'refnet-chromium-'));
  await mkdir(SCREENSHOTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 800 },
    timeout: 60_000,
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  return {
    context,
    async newPage() {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      return { page, errors };
    },
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Chromium on a loaded machine sometimes refuses one capture ("Unable to capture screenshot":
 * no compositor frame in time) and takes the same picture when asked again after a frame. That
 * refusal is retried a few times; any other error, or a refusal that persists, is thrown.
 */
const REFUSED = /Unable to capture screenshot/;
const ATTEMPTS = 4;

/** A screenshot of the page (or the whole page with fullPage) or of one element, as PNG bytes. */
export async function capture(target: Page | Locator, options: { path?: string; fullPage?: boolean } = {}): Promise<Buffer> {
  const isPage = 'mainFrame' in target;
  const page = isPage ? target : target.page();
  for (let attempt = 1; ; attempt++) {
    try {
      // fullPage is the page's alone: an element's picture is its box.
      return isPage ? await target.screenshot(options) : await target.screenshot({ path: options.path });
    } catch (error) {
      if (attempt >= ATTEMPTS || !REFUSED.test(String(error))) throw error;
      // A string: this module is also compiled without the DOM types (the browser benchmark imports it).
      await page.evaluate('new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted)))');
    }
  }
}

/** Saves a screenshot under test-output/browser/NAME.png and returns its path. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  await capture(page, { path, fullPage });
  return path;
}

/** Saves a screenshot of the page or one element as docs/screenshots/NAME.png. */
export async function docsScreenshot(target: Page | Locator, name: string, fullPage = false): Promise<void> {
  await capture(target, { path: join(DOCS_SCREENSHOTS, `${name}.png`), fullPage });
}
