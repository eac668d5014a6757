/**
 * The close-a-slip form of the home page in real Chromium (local mode, ?me=): it offers every open
 * slip the person can move on — more than the week's section shows (cut to its limit of 10), and
 * the slips they hid from the week too — where it used to offer the week's rows only.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium, screenshot } from './browser-support.js';
import { type MapHarness, startMapHarness, waitForHomeLoads } from './map-harness.js';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const OPEN = 14;
const pad = (i: number) => String(i).padStart(2, '0');
const people = [{ id: 'me', name: 'Mia Member' }, { id: 'zed', name: 'Zed Other' }, ...Array.from({ length: OPEN }, (_, i) => ({ id: `p${pad(i)}`, name: `Partner ${pad(i)}` }))];
// rf-00 is the oldest; even ones given, odd ones received; every third one contacted.
const open = Array.from({ length: OPEN }, (_, i) => ({
  id: `rf-${pad(i)}`,
  ...(i % 2 === 0 ? { from: 'me', to: `p${pad(i)}` } : { from: `p${pad(i)}`, to: 'me' }),
  at: daysAgo(60 - i),
  status: i % 3 === 0 ? 'contacted' : 'passed',
  prospect: `Prospect ${pad(i)}`,
}));
const network = {
  people,
  referrals: [
    ...open,
    { id: 'rf-won', from: 'me', to: 'p01', at: daysAgo(90), status: 'won', value: 500 },
    { id: 'rf-lost', from: 'p02', to: 'me', at: daysAgo(91), status: 'lost' },
    { id: 'rf-others', from: 'zed', to: 'p03', at: daysAgo(10), status: 'passed' },
  ],
};

describeWithChromium('home page: closing a slip', () => {
  let h: MapHarness;
  let page: Page;
  let errors: string[];
  const options = () => page.locator('#form-close [name=referral] option').evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent]));

  beforeAll(async () => {
    h = await startMapHarness();
    expect((await h.api.call('POST', '/api/import', network)).status).toBe(200);
    // The oldest slip is hidden from the week: still open, still to be closed one day.
    expect((await h.api.call('POST', '/api/people/me/week/dismissals', { row: 'slip:rf-00', kind: 'not_relevant' })).status).toBe(201);
    ({ page, errors } = await h.browser.newPage());
  });
  afterAll(() => h?.close());

  it('when the week shows 10 of 14 open slips and one is hidden, then the close form offers all 14, oldest first, and closes one beyond the first 10', async () => {
    const week = (await h.api.call('GET', '/api/people/me/week')).body as { slips: { key: string }[]; hidden: { key: string }[] };
    expect(week.slips).toHaveLength(10);
    expect(week.hidden.map((r) => r.key)).toEqual(['slip:rf-00']);

    await page.goto(`${h.api.url}/home.html?me=me`, { waitUntil: 'domcontentloaded' });
    await waitForHomeLoads(page, 1);
    await page.click('.tabs [data-form=close]');
    const offered = await options();
    expect(offered[0]).toEqual(['', 'Choose a slip…']);
    expect(offered.slice(1).map(([id]) => id)).toEqual(open.map((r) => r.id));
    expect(offered[1]).toEqual(['rf-00', 'to Partner 00 · Prospect 00 (contacted)']);
    expect(offered[2]).toEqual(['rf-01', 'from Partner 01 · Prospect 01 (passed)']);
    expect(await page.inputValue('#form-close [name=referral]')).toBe('');

    // The newest slip, past the week's ten: moved on from the form.
    await page.selectOption('#form-close [name=referral]', 'rf-13');
    await page.selectOption('#form-close [name=status]', 'won');
    await page.fill('#form-close [name=value]', '750');
    const path = await screenshot(page, 'home-close-slip-all-open');
    expect(path).toMatch(/home-close-slip-all-open\.png$/);
    await page.click('#form-close button[type=submit]');
    await expect.poll(() => page.textContent('#form-close .result')).toBe('Slip won, €750.');
    expect((await h.api.call('GET', '/api/referrals/rf-13')).body).toMatchObject({ status: 'won', value: 750 });
    await waitForHomeLoads(page, 2);
    await expect.poll(async () => (await options()).length).toBe(OPEN);

    // The hidden one is there to close too.
    await page.selectOption('#form-close [name=referral]', 'rf-00');
    await page.selectOption('#form-close [name=status]', 'lost');
    await page.fill('#form-close [name=value]', '');
    await page.click('#form-close button[type=submit]');
    await expect.poll(() => page.textContent('#form-close .result')).toBe('Slip lost.');
    expect((await h.api.call('GET', '/api/referrals/rf-00')).body.status).toBe('lost');
    await waitForHomeLoads(page, 3);
    const left = (await options()).slice(1).map(([id]) => id);
    expect(left).toEqual(open.map((r) => r.id).filter((id) => id !== 'rf-00' && id !== 'rf-13'));
    expect(errors.filter((e) => !e.includes('status of 404'))).toEqual([]);
  });
});
