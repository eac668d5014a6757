/**
 * The home page stays usable with a real network's week (the sample network, as Grace Parker):
 * on a phone the forms are reached from the top, long sections show a few rows and "Show more",
 * a long slip keeps the close form inside its card, field problems read in the user's words, and
 * two people's contact details say whose they are.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeWithChromium, screenshot } from './browser-support.js';
import { harnessWithPage, waitForHomeLoads } from './map-harness.js';

const sample = JSON.parse(readFileSync(new URL('../../data/sample-network.json', import.meta.url), 'utf8')) as { referrals: object[] };
const LONG = 'Refurbishment of the whole north wing of the Harbourside Conference Centre, phases one to four';
const network = { ...sample, referrals: [...sample.referrals, { id: 'rf-long', from: 'p091', to: 'p001', at: new Date().toISOString().slice(0, 10), status: 'passed', prospect: LONG }] };

describeWithChromium('home page: compact and in the user\'s words', () => {
  const s = harnessWithPage({ network, viewport: { width: 390, height: 844 } });

  it('when the home page opens on a phone, then buttons near the top open a form and bring it into view', async () => {
    await s.page.goto(`${s.h.api.url}/home.html?me=p091`, { waitUntil: 'domcontentloaded' });
    await waitForHomeLoads(s.page, 1);
    const quick = s.page.locator('.quick-forms');
    expect(await quick.isVisible()).toBe(true);
    expect((await quick.boundingBox())!.y + (await quick.boundingBox())!.height).toBeLessThan(844);
    await screenshot(s.page, 'home-compact-phone-top');
    await s.page.click('.quick-forms [data-open-form=referral]');
    await expect.poll(() => s.page.locator('#form-referral').isVisible()).toBe(true);
    const box = (await s.page.locator('#form-referral').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(844);
    await screenshot(s.page, 'home-compact-phone-form');
  });

  it('when a section has many rows, then five show with a "Show more" button that shows the rest', async () => {
    const section = s.page.locator('[data-section=introductions]');
    const all = await section.locator('.rows > li[data-key]').count();
    expect(all).toBeGreaterThan(5);
    expect(await section.locator('.rows > li[data-key]:visible').count()).toBe(5);
    const height = await s.page.evaluate(() => document.documentElement.scrollHeight);
    await section.locator('[data-action=show-more]').click();
    expect(await section.locator('.rows > li[data-key]:visible').count()).toBe(all);
    expect(await s.page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(height);
  });

  it('when a row shows two people, then each one\'s contact details are named; owed rows never say "received €0"', async () => {
    const contact = (await s.page.locator('[data-section=introductions] .row-contact').first().textContent())!;
    expect(contact).toMatch(/^[^:]+:.+[^:]+:/);
    await s.page.locator('[data-section=introductions]').scrollIntoViewIfNeeded();
    await screenshot(s.page, 'home-compact-introductions');
    expect(await s.page.locator('[data-section=owed]').textContent()).not.toMatch(/received €0(?!\d)/);
  });

  it('when a slip is passed with a negative value or a meeting logged without a date, then the fields say so in plain words', async () => {
    await s.page.setViewportSize({ width: 1280, height: 800 });
    await s.page.click('.tabs [data-form=referral]');
    await s.page.fill('#form-referral [name=to]', 'Henrik Nielsen');
    await s.page.fill('#form-referral [name=value]', '-5');
    await s.page.click('#form-referral button[type=submit]');
    await expect.poll(() => s.page.locator('#form-referral .field-error').allTextContents()).toEqual(["A value can't be negative."]);
    await s.page.click('.tabs [data-form=interaction]');
    await s.page.fill('#form-interaction [name=b]', 'Henrik Nielsen');
    await s.page.fill('#form-interaction [name=at]', '');
    await s.page.click('#form-interaction button[type=submit]');
    await expect.poll(() => s.page.locator('#form-interaction .field-error').allTextContents()).toEqual(['Pick a date.']);
    await screenshot(s.page, 'home-compact-date-words');
  });

  it('when a slip with a long prospect is chosen to close, then the select and the value stay inside the card', async () => {
    await s.page.click('.tabs [data-form=close]');
    await s.page.selectOption('#form-close [name=referral]', 'rf-long');
    const card = (await s.page.locator('aside.forms').boundingBox())!;
    for (const name of ['referral', 'status', 'value']) {
      const b = (await s.page.locator(`#form-close [name=${name}]`).boundingBox())!;
      expect(b.x + b.width).toBeLessThanOrEqual(card.x + card.width);
    }
    await screenshot(s.page, 'home-compact-close-long');
  });
});
