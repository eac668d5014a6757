/**
 * The diversity gap report page in real headless Chromium against a real refnet: what to act on
 * comes first, gaps in one ranking, a group's "members", people with no value as an "unknown" row
 * with a warning, top N + "other" bars, and a legend that cannot run over long names. Screenshot
 * at 1280 wide to docs/screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium, docsScreenshot, screenshot } from './browser-support.js';
import { harnessWithPage, startMapHarness, type MapHarness } from './map-harness.js';

const T = '2026-01-10';
const LONG_GROUP = 'The Greater Metropolitan Association of Independent Chartered Accountants and Tax Advisers';
const person = (id: string, industry: string | undefined, profession: string) => ({ id, name: `Person ${id.toUpperCase()}`, ...(industry ? { industry } : {}), profession });
// me knows a1–a3 (accounting), l1 (law) and n1 (no industry). In the network law is 6 of 10
// valued people, so law is under-represented and has referral traffic with accounting (2); tax
// (x0… are law too) is missing and has none: law must be listed first. 20 professions in the
// network: more than the chart draws.
const professions = Array.from({ length: 20 }, (_, i) => `profession ${String(i + 1).padStart(2, '0')}`);
const ids = ['me', 'a1', 'a2', 'a3', 'l1', 'l2', 'l3', 'l4', 'l5', 'l6', 't1', 'n1', 'n2'];
const industry = (id: string) => ({ m: 'accounting', a: 'accounting', l: 'law', t: 'tax' })[id[0] as 'm'];
const network = {
  people: [...ids.map((id, i) => person(id, industry(id), professions[i]!)), ...professions.slice(ids.length).map((p, i) => person(`x${i}`, 'law', p))],
  groups: [{ id: 'g', name: LONG_GROUP }],
  memberships: ['a1', 'l1', 'n1'].map((p) => ({ person: p, group: 'g' })),
  interactions: ['a1', 'a2', 'a3', 'l1', 'n1'].map((b, i) => ({ id: `i${i}`, a: 'me', b, kind: 'one_to_one', at: T })),
  referrals: [
    { id: 'r1', from: 'a1', to: 'l2', at: '2025-06-01', status: 'won' },
    { id: 'r2', from: 'l3', to: 'a2', at: '2025-06-02', status: 'won' },
  ],
};

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__refnetReport !== undefined);
  await page.evaluate(() => window.__refnetReport!.ready);
}

describeWithChromium('diversity gap report page', () => {
  let h: MapHarness;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    h = await startMapHarness();
    const res = await h.api.call('POST', '/api/import', network);
    expect(res.status).toBe(200);
    ({ page, errors } = await h.browser.newPage());
    await page.setViewportSize({ width: 1280, height: 900 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('when a person’s report opens, then the ranked gaps come above the chart, under-represented law (potential 2) before missing tax (0)', async () => {
    await open(page, `${h.api.url}/report.html?person=me&dimension=industry`);
    expect(await page.textContent('#report-status')).toBe('');
    const gaps = page.locator('[data-testid=gaps] > li');
    expect(await gaps.evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-category'), li.getAttribute('data-kind')]))).toEqual([
      ['law', 'under-represented'],
      ['tax', 'missing'],
    ]);
    const gapsBox = (await page.locator('[data-testid=gaps]').boundingBox())!;
    const chartBox = (await page.locator('[data-testid=share-chart]').boundingBox())!;
    expect(gapsBox.y + gapsBox.height).toBeLessThanOrEqual(chartBox.y);
    expect(gapsBox.y).toBeLessThan(900); // on the first screen
  });

  it('when some ties have no value, then an "unknown" row and a warning say how many', async () => {
    expect(await page.textContent('[data-testid=unknown-row]')).toContain('1 of 5 ties');
    expect(await page.textContent('[data-testid=unknown-warning]')).toMatch(/1 of Person ME's 5 ties has no industry set/);
    await docsScreenshot(page, 'diversity-gap-report', true);
  });

  it('when a dimension has more categories than the chart draws, then the largest are drawn and the rest is one "other" bar', async () => {
    await page.evaluate(() => window.__refnetReport!.showReport('person', 'me', 'profession', ''));
    await docsScreenshot(page.locator('[data-testid=share-chart]'), 'diversity-gap-report-top-n');
    const drawn = await page.locator('[data-testid=share-chart] svg g[data-category]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-category')));
    expect(drawn.length).toBe(13);
    expect(drawn.at(-1)).toMatch(/^other \(\d+ categories\)$/);
    expect(await page.textContent('#chart-desc')).toMatch(/Largest shortfall: profession \d+,/);
    // The table keeps every category (the chart's text alternative), plus the unknown row.
    expect(await page.locator('[data-testid=shares-table] tbody tr').count()).toBe(professions.length + 1);
  });

  it('when a group with a long name is the subject, then its people are "members", never "ties", and the legend overlaps no label', async () => {
    await open(page, `${h.api.url}/report.html?group=g&dimension=industry`);
    const body = (await page.textContent('#report-body'))!;
    expect(body).toContain(`${LONG_GROUP}'s members`);
    expect(body).not.toMatch(/\bties\b/);
    const legend = await page.locator('[data-testid=chart-legend] li').evaluateAll((lis) => lis.map((li) => li.getBoundingClientRect().toJSON() as Box));
    const labels = await page.locator('[data-testid=share-chart] svg text').evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().toJSON() as Box));
    expect(legend).toHaveLength(2);
    expect(overlaps(legend[0]!, legend[1]!)).toBe(false);
    for (const l of legend) for (const t of labels) expect(overlaps(l, t)).toBe(false);
    const figure = (await page.locator('[data-testid=share-chart]').boundingBox())!;
    for (const l of legend) expect(l.x + l.width).toBeLessThanOrEqual(figure.x + figure.width + 1);
    expect(await page.textContent('[data-testid=unknown-warning]')).toContain("1 of " + LONG_GROUP + "'s 3 members has no industry set");
    await docsScreenshot(page.locator('[data-testid=share-chart]'), 'diversity-gap-report-group-chart');
  });

  it('when the answer counts categories only other members\' private contacts hold, then one row says so in words, with how many; otherwise there is no such row', async () => {
    await page.evaluate(() => window.__refnetReport!.showReport('person', 'me', 'industry', ''));
    expect(await page.locator('[data-testid=unnamed-row]').count()).toBe(0);
    // A member who does not see everyone gets `unnamed` beside the shares (tests/security/private-category-counts.test.ts).
    const url = '**/api/reports/diversity-gap?**';
    await page.route(url, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: { ...body, unnamed: { subjectCount: 2, subjectShare: 0.4, referenceShare: 0.1 } } });
    });
    try {
      await page.evaluate(() => window.__refnetReport!.showReport('person', 'me', 'industry', ''));
      const cells = await page.locator('[data-testid=unnamed-row] td').allTextContents();
      expect(cells).toEqual(["other members' private contacts (categories not shown)", '40% (2 private contacts)', '10%', 'held only by people you do not see']);
      // just above the unknown row
      expect(await page.locator('[data-testid=shares-table] tbody tr').evaluateAll((rows) => rows.slice(-2).map((r) => r.getAttribute('data-testid')))).toEqual(['unnamed-row', 'unknown-row']);
    } finally {
      await page.unroute(url);
    }
  });

  it('when an Arabic name is typed in the subject field, then the field runs right to left (and left to right again for a Latin name)', async () => {
    const subject = page.locator('#report-subject');
    expect(await subject.getAttribute('dir')).toBe('auto');
    const before = await subject.inputValue();
    const name = 'عبد الرحمن بن عبد العزيز آل سعود الفيصل';
    await subject.fill(name);
    expect(await subject.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await subject.fill('Person ME');
    expect(await subject.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    await subject.fill(before);
  });

  it('when the pages ran, then the browser logged no errors', () => {
    expect(errors).toEqual([]);
  });
});

describeWithChromium('diversity gap report page: target categories nobody has yet', () => {
  const s = harnessWithPage({ network, viewport: { width: 1366, height: 900 } });

  async function ask(target: string): Promise<void> {
    await s.page.fill('#report-target', target);
    await s.page.click('#report-form button[type=submit]');
  }

  it('when a target is mistyped, then the page offers its closest spelling as a button and to include categories nobody has yet; a corrected typo and the offer show the report with the absent one missing', async () => {
    await open(s.page, `${s.h.api.url}/report.html?person=me&dimension=industry`);
    expect(await s.page.isChecked('#report-allow-absent')).toBe(false);

    await ask('lwa, tax, consulting');
    await expect.poll(() => s.page.textContent('#report-status')).toMatch(/no one has industry "lwa" \(did you mean "law"\?\) nor "consulting"/i);
    const offer = s.page.locator('[data-testid=absent-targets]');
    expect(await offer.locator('li[data-value=lwa] [data-testid=use-suggestion]').allTextContents()).toEqual(['Use "law"']);
    expect(await offer.locator('li[data-value=consulting]').textContent()).toContain('no close spelling');
    expect(await offer.locator('li[data-value=consulting] button').count()).toBe(0);
    expect(await offer.locator('[data-testid=include-absent]').count()).toBe(1);
    await screenshot(s.page, 'report-absent-targets-1366', true);
    await s.page.setViewportSize({ width: 390, height: 844 });
    await screenshot(s.page, 'report-absent-targets-390', true);
    await s.page.setViewportSize({ width: 1366, height: 900 });

    await ask('law, tax, consulting');
    await expect.poll(() => s.page.textContent('#report-status')).toMatch(/no one has industry "consulting"/i);
    expect(await s.page.textContent('#report-status')).not.toMatch(/"law"|"tax"/);
    await s.page.click('[data-testid=include-absent]');

    await s.page.waitForSelector('[data-testid=gaps]');
    expect(await s.page.textContent('#report-status')).toBe('');
    expect(await s.page.isChecked('#report-allow-absent')).toBe(true);
    const consulting = s.page.locator('[data-testid=gaps] > li[data-category=consulting]');
    expect(await consulting.getAttribute('data-kind')).toBe('missing');
    expect(await consulting.textContent()).toContain('No one reachable in this category yet.');
    expect(await s.page.textContent('#report-body h2 + p')).toContain('Reference: the target list.');
    expect(new URL(s.page.url()).searchParams.get('allowAbsent')).toBe('true');
    await screenshot(s.page, 'report-absent-target-included-1366', true);
  });

  it('when the suggested spelling is clicked, then it replaces the misspelt target in the field and the report is asked again and shown', async () => {
    await open(s.page, `${s.h.api.url}/report.html?person=me&dimension=industry`);
    await ask('lwa, tax');
    await s.page.click('[data-testid=use-suggestion]');

    await s.page.waitForSelector('[data-testid=gaps]');
    expect(await s.page.inputValue('#report-target')).toBe('law, tax');
    expect(await s.page.textContent('#report-status')).toBe('');
    expect(await s.page.isChecked('#report-allow-absent')).toBe(false);
    expect(await s.page.textContent('#report-body h2 + p')).toContain('Reference: the target list.');
    expect(new URL(s.page.url()).searchParams.get('target')).toBe('law, tax');

    // With a target still nobody has, the corrected list is refused for that one alone, and only the offer to include it is left.
    await ask('lwa, tax, consulting');
    await s.page.click('[data-testid=use-suggestion]');
    await expect.poll(() => s.page.textContent('#report-status')).toMatch(/no one has industry "consulting"\. /i);
    expect(await s.page.inputValue('#report-target')).toBe('law, tax, consulting');
    expect(await s.page.locator('[data-testid=use-suggestion]').count()).toBe(0);
    await s.page.click('[data-testid=include-absent]');
    await s.page.waitForSelector('[data-testid=gaps] > li[data-category=consulting]');
  });

  it('when the box is ticked before asking, then a category nobody has is taken at once, and the address keeps the choice', async () => {
    await open(s.page, `${s.h.api.url}/report.html?person=me&dimension=industry&target=${encodeURIComponent('law,tax,consulting')}&allowAbsent=true`);
    expect(await s.page.isChecked('#report-allow-absent')).toBe(true);
    expect(await s.page.locator('[data-testid=gaps] > li[data-category=consulting]').getAttribute('data-kind')).toBe('missing');

    await s.page.uncheck('#report-allow-absent');
    await ask('law, tax, consulting');
    await expect.poll(() => s.page.locator('[data-testid=absent-targets]').count()).toBe(1);
    await s.page.check('#report-allow-absent');
    await ask('law, tax, consulting');
    await s.page.waitForSelector('[data-testid=gaps] > li[data-category=consulting]');
  });
});
