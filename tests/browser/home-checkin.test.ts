/**
 * Check in on the home page as an organiser records a meeting's attendance, in real Chromium: no
 * event is chosen for you, events still ahead are not offered, the latest meetings are there
 * however many events the network holds, the organiser checks in others (a first-time visitor
 * after adding them), a second check-in writes nothing and says so, a member may record only
 * their own attendance, an admin anyone's; the chapter report and the week show it at once.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { keysFilePath } from '../../api/security/key-file.js';
import { createKey } from '../../api/security/keys.js';
import { addAccount } from '../security/accounts-support.js';
import { describeWithChromium, screenshot, signInOnPage } from './browser-support.js';
import { startMapHarness, waitForHomeLoads, type MapHarness } from './map-harness.js';

const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const PASSWORD = 'a long member passphrase';

/** More events than one page of the list holds, all older and sorting by id before the latest meeting. */
const OLD_EVENTS = Array.from({ length: 520 }, (_, i) => ({ id: `x${String(i).padStart(3, '0')}`, name: `Old meeting ${i}`, at: day(-400 - i), group: 'g' }));

const network = {
  people: [
    { id: 'mia', name: 'Mia Member' },
    { id: 'oli', name: 'Oli Organiser' },
    { id: 'ada', name: 'Ada Admin' },
  ],
  groups: [{ id: 'g', name: 'Tuesday Breakfast' }],
  memberships: ['mia', 'oli', 'ada'].map((person) => ({ person, group: 'g', since: day(-900) })),
  events: [...OLD_EVENTS, { id: 'zz-recent', name: 'Breakfast', at: day(-2), group: 'g' }, { id: 'e-ahead', name: 'Breakfast ahead', at: day(10), group: 'g' }],
};

describeWithChromium('checking in to an event from the home page', () => {
  let h: MapHarness;
  let page: Page;
  /** An admin key: once accounts exist, the test's own reads need one. */
  let key = '';
  const api = async (path: string) => (await h.api.call('GET', path, undefined, { authorization: `Bearer ${key}` })).body;
  const form = '#form-checkin';
  const result = () => page.textContent(`${form} .result`);
  const attendance = async (event: string) => ((await api(`/api/attendance?event=${event}`)).items as { person: string }[]).map((a) => a.person).sort();

  const signIn = async (email: string) => {
    await signInOnPage(page, h.api.url, email, PASSWORD);
    await waitForHomeLoads(page, 1);
    await page.click('.tabs [data-form=checkin]');
  };
  const checkIn = async (who: string, event = 'zz-recent') => {
    await page.selectOption(`${form} [name=event]`, event);
    await page.fill(`${form} [name=person]`, who);
    await page.click(`${form} button[type=submit]`);
  };

  beforeAll(async () => {
    h = await startMapHarness();
    expect((await h.api.call('POST', '/api/import', network)).status).toBe(200);
    key = (await createKey(keysFilePath({ REFNET_DATA: h.api.dir }), { scope: 'admin', name: 'test' })).token;
    await addAccount(h.api.dir, { email: 'mia@example.org', person: 'mia', role: 'member', password: PASSWORD });
    await addAccount(h.api.dir, { email: 'oli@example.org', person: 'oli', role: 'organiser', password: PASSWORD });
    await addAccount(h.api.dir, { email: 'ada@example.org', person: 'ada', role: 'admin', password: PASSWORD });
    ({ page } = await h.browser.newPage());
  }, 300_000);
  afterAll(() => h?.close());

  it('when the form opens, then no event is chosen, the latest meeting is offered past a page of older ones, and an event ahead is not', async () => {
    await signIn('oli@example.org');
    expect(await page.inputValue(`${form} [name=event]`)).toBe('');
    const offered = await page.locator(`${form} [name=event] option`).evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered[0]).toBe('');
    expect(offered[1]).toBe('zz-recent');
    expect(offered).not.toContain('e-ahead');
    expect(offered).toHaveLength(1 + 1 + OLD_EVENTS.length);
    await page.click(`${form} button[type=submit]`);
    await expect.poll(() => page.textContent(`${form} label:has([name=event]) .field-error`)).toBe('Choose the event.');
    expect(await attendance('zz-recent')).toEqual([]);
  });

  it('when the organiser checks in a first-time visitor, then the form says to add them, and once added they are checked in by name', async () => {
    await checkIn('Val Visitor');
    await expect.poll(() => page.textContent(`${form} label:has([name=person]) .field-error`)).toContain('add them under Person');
    await screenshot(page, 'home-checkin-unknown-visitor');
    expect(await attendance('zz-recent')).toEqual([]);

    await page.click('.tabs [data-form=person]');
    await page.fill('#form-person [name=name]', 'Val Visitor');
    await page.click('#form-person button[type=submit]');
    await expect.poll(() => page.textContent('#form-person .result')).toBe('Added Val Visitor.');
    const val = ((await api('/api/people?q=Val')).items as { id: string }[])[0]!.id;

    await page.click('.tabs [data-form=checkin]');
    await checkIn('val visitor');
    await expect.poll(result).toBe(`Checked in: Val Visitor at Breakfast · ${day(-2)}.`);
    expect(await attendance('zz-recent')).toEqual([val]);
    // The event stays chosen for the next attendee; Who is emptied.
    expect(await page.inputValue(`${form} [name=event]`)).toBe('zz-recent');
    expect(await page.inputValue(`${form} [name=person]`)).toBe('');

    await checkIn('');
    await expect.poll(result).toBe(`Checked in: you at Breakfast · ${day(-2)}.`);
    await screenshot(page, 'home-checkin-organiser');
    expect(await attendance('zz-recent')).toEqual(['oli', val].sort());
  });

  it('when someone is checked in twice, then the second says so and writes nothing', async () => {
    const version = (await api('/readyz')).version as number;
    await checkIn('Val Visitor');
    await expect.poll(result).toBe(`Val Visitor was already checked in at Breakfast · ${day(-2)}: nothing written.`);
    expect((await api('/readyz')).version).toBe(version);
  });

  it('when the chapter report opens right after, then the visitor is listed with the meeting as first visit', async () => {
    await page.goto(`${h.api.url}/chapter.html?group=g`);
    await page.waitForSelector('#chapter-body h2', { timeout: 60_000 });
    const visitors = page.locator('#chapter-body section', { has: page.locator('h3:text-is("Visitors")') });
    expect(await visitors.textContent()).toContain(`Val Visitor, first visit ${day(-2)}`);
  });

  it('when a member checks in someone else, then it is refused in words and nothing is written; themselves, it is recorded and the week follows up', async () => {
    await signIn('mia@example.org');
    await checkIn('Ada Admin');
    await expect.poll(async () => (await page.locator(`${form} .result.error`).count()) > 0).toBe(true);
    expect(await result()).toMatch(/^A member writes only records they take part in/);
    expect(await attendance('zz-recent')).not.toContain('ada');
    await checkIn('');
    await expect.poll(result).toBe(`Checked in: you at Breakfast · ${day(-2)}.`);
    expect(await attendance('zz-recent')).toContain('mia');
    // The week, reloaded after the write: the people met there are to follow up.
    await expect.poll(() => page.locator('[data-section=followUps] li[data-person=oli]').count()).toBe(1);
    await screenshot(page, 'home-checkin-member');
  });

  it('when an admin checks in anyone, then it is recorded', async () => {
    await signIn('ada@example.org');
    await checkIn('Oli Organiser', 'x000');
    await expect.poll(result).toBe(`Checked in: Oli Organiser at Old meeting 0 · ${day(-400)}.`);
    expect(await attendance('x000')).toEqual(['oli']);
  });

  it('when the form is on a phone, then it fits the screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click('[data-open-form=checkin]');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'home-checkin-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
