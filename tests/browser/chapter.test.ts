/**
 * The chapter report page in real Chromium on the bundled sample: the table has the API's members
 * in the API's order with their light colours, and the CSV download parses back to the API's
 * figures.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium, docsScreenshot, screenshot } from './browser-support.js';
import { startMapHarness, type MapHarness } from './map-harness.js';

const SAMPLE = new URL('../../data/sample-network.json', import.meta.url);
const QUERY = 'from=2026-05-01&to=2026-10-31';
const COLOURS = { green: 'rgb(26, 152, 80)', amber: 'rgb(240, 165, 0)', red: 'rgb(215, 48, 39)', grey: 'rgb(189, 189, 189)' } as const;

interface Row {
  person: string;
  name: string;
  light: keyof typeof COLOURS;
  score: number;
  present: number;
  absent: number;
  referralsGiven: { inside: number; outside: number };
  tyfcb: { generated: number; received: number };
}

/** RFC 4180 fields (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  return rows;
}

describeWithChromium('chapter report page', () => {
  let h: MapHarness;
  let page: Page;
  let errors: string[];
  let api: { members: Row[]; name: string; totals: { tyfcb: number } };

  beforeAll(async () => {
    h = await startMapHarness();
    expect((await h.api.call('POST', '/api/import', JSON.parse(await readFile(SAMPLE, 'utf8')))).status).toBe(200);
    api = (await h.api.call('GET', `/api/groups/g1/report?${QUERY}`)).body;
    ({ page, errors } = await h.browser.newPage());
    await page.goto(`${h.api.url}/chapter.html?group=g1&${QUERY}`);
    await page.waitForSelector('.chapter-table tbody tr', { timeout: 120_000 });
  }, 300_000);
  afterAll(() => h?.close());

  it('shows every member in the API order with the light colour of their score', async () => {
    const rows = await page.$$eval('.chapter-table tbody tr', (trs) =>
      trs.map((tr) => ({
        person: tr.getAttribute('data-person'),
        name: tr.querySelector('td')!.textContent,
        light: tr.querySelector('.light')!.getAttribute('data-light'),
        colour: getComputedStyle(tr.querySelector('.light')!).backgroundColor,
        score: Number(tr.querySelectorAll('td')[2]!.textContent),
      })),
    );
    // A name someone else in the network has carries the id ("Zoë Scott [p278]": the sample has two).
    expect(rows.map((r) => [r.person, r.name, r.light, r.score])).toEqual(api.members.map((m) => [m.person, m.name === 'Zoë Scott' ? `${m.name} [${m.person}]` : m.name, m.light, m.score]));
    for (const r of rows) expect(r.colour).toBe(COLOURS[r.light as keyof typeof COLOURS]);
    expect(await page.textContent('#chapter-body h2')).toBe(`${api.name}: chapter report`);
    await screenshot(page, 'chapter-report', true);
    await docsScreenshot(page, 'chapter-report', true);
    // Every column fits a 1280-px window: none hides behind the table's horizontal scroll.
    const overflow = await page.$eval('.table-scroll', (d) => d.scrollWidth - d.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  });

  it('on a phone, only the table scrolls sideways, with the member names kept in view', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await screenshot(page, 'chapter-report-phone');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const scroller = page.locator('.table-scroll');
      // Columns hidden to the right are announced in words and by a faded edge, until scrolled to.
      await expect.poll(() => page.isVisible('.scroll-hint')).toBe(true);
      expect(await scroller.evaluate((d) => d.classList.contains('more-right'))).toBe(true);
      await scroller.evaluate((d) => (d.scrollLeft = d.scrollWidth));
      await expect.poll(() => scroller.evaluate((d) => d.classList.contains('more-right'))).toBe(false);
      const first = await page.locator('.chapter-table tbody tr td').first().boundingBox();
      expect(first!.x).toBeGreaterThanOrEqual(0);
      expect(first!.x).toBeLessThan(60);
      await screenshot(page, 'chapter-report-phone-scrolled');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('shows closed business (TYFCB) in the configured currency, in the table and the totals', async () => {
    const euros = (v: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(v);
    const header = await page.locator('.chapter-table thead th').allTextContents();
    const cells = await page.$$eval('.chapter-table tbody tr', (trs, i) => trs.map((tr) => tr.querySelectorAll('td')[i]!.textContent), header.indexOf('TYFCB generated'));
    expect(cells).toEqual(api.members.map((m) => euros(m.tyfcb.generated)));
    expect(await page.textContent('#chapter-body')).toContain(`${euros(api.totals.tyfcb)} closed business (TYFCB)`);
  });

  it('downloads the table as CSV that parses back to the API figures', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#chapter-csv')]);
    const csv = parseCsv(await readFile((await download.path()), 'utf8'));
    const [header, ...rows] = csv;
    expect(header!.slice(0, 6)).toEqual(['Member', 'Light', 'Score', 'Present', 'Absent', 'Referrals given']);
    const col = (name: string) => header!.indexOf(name);
    expect(rows).toHaveLength(api.members.length);
    rows.forEach((r, i) => {
      const m = api.members[i]!;
      expect([r[0], r[col('Light')]!.toLowerCase(), Number(r[col('Score')]), Number(r[col('Present')]), Number(r[col('Absent')])]).toEqual([m.name, m.light, m.score, m.present, m.absent]);
      expect(Number(r[col('Referrals given')])).toBe(m.referralsGiven.inside + m.referralsGiven.outside);
      expect(Number(r[col('TYFCB generated')])).toBe(m.tyfcb.generated);
    });
  });

  it('when From is after To, then the refusal shows once, in words, next to From', async () => {
    await page.fill('#chapter-from', '2026-12-01');
    await page.fill('#chapter-to', '2026-06-01');
    await page.click('#chapter-show');
    await expect.poll(() => page.textContent('#chapter-from + .field-error')).toBe('From must not be after to');
    const status = (await page.textContent('#chapter-status'))!;
    expect(status).not.toContain('/query');
    expect(status).not.toContain('must not be after');
    await screenshot(page, 'chapter-report-reversed-dates');
  });
});
