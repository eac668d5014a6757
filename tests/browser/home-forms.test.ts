/**
 * The home page's forms and rows as a networker uses them, in a browser whose time zone puts its
 * calendar date on another day than UTC's (so a date made from UTC shows): default dates are the
 * user's, a meeting dated after today is refused next to the field, names are found as the CLI
 * finds them (accents optional, a shared name refused listing who shares it), a saved form is
 * emptied so a second click cannot write twice, and each row's Done does what clears the row.
 */
import { expect, it } from 'vitest';
import { describeWithChromium, screenshot } from './browser-support.js';
import { harnessWithPage, waitForHomeLoads } from './map-harness.js';

/** A zone whose calendar date differs from UTC's right now: UTC+14 from 10:00 UTC, else UTC−12. */
const ZONE = new Date().getUTCHours() >= 10 ? 'Pacific/Kiritimati' : 'Etc/GMT+12';
/** The date in ZONE, `days` later, as YYYY-MM-DD. */
const zoneDate = (days = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

const network = {
  people: [
    { id: 'me', name: 'Mia Member' },
    { id: 'j1', name: 'Jörg Meyer', company: 'Meyer Bau', email: 'joerg@meyer-bau.example' },
    { id: 'j2', name: 'Jörg Meyer', email: 'joerg@mail.example' },
    { id: 'lf', name: 'Lucía Fernández' },
    { id: 'dan', name: 'Dan Dormant' },
    { id: 'eve', name: 'Eve Giver' },
  ],
  interactions: [{ id: 'i1', a: 'me', b: 'dan', kind: 'one_to_one', at: daysAgo(200) }],
  referrals: [{ id: 'r1', from: 'eve', to: 'me', at: daysAgo(20), status: 'won', value: 5660.5 }],
};

describeWithChromium('home page forms, in a time zone a day away from UTC', () => {
  const s = harnessWithPage({ network, timezoneId: ZONE });
  const interactions = async () => (await s.h.api.call('GET', '/api/interactions?person=me')).body.items as { b: string; at: string; kind: string }[];

  it('when the page opens, then the Log date and the snooze dates default to the user’s own calendar date, not UTC’s', async () => {
    expect(zoneDate()).not.toBe(new Date().toISOString().slice(0, 10));
    await s.page.goto(`${s.h.api.url}/home.html?me=me`, { waitUntil: 'domcontentloaded' });
    await waitForHomeLoads(s.page, 1);
    expect(await s.page.inputValue('#form-interaction [name=at]')).toBe(zoneDate());
    expect(await s.page.inputValue('[data-section=dormant] li[data-person=dan] input[type=date]')).toBe(zoneDate(7));
    // Money with cents shows them, as the CLI does.
    expect(await s.page.textContent('[data-section=owed] li[data-person=eve] .figure')).toBe('received €5,660.50');
  });

  it('when a meeting is dated after today, then it is refused next to the Date field and nothing is written', async () => {
    await s.page.fill('#form-interaction [name=b]', 'lf');
    await s.page.fill('#form-interaction [name=at]', zoneDate(1));
    await s.page.click('#form-interaction button[type=submit]');
    await expect.poll(() => s.page.textContent('#form-interaction label:has([name=at]) .field-error')).toContain('after today');
    await screenshot(s.page, 'home-forms-future-date');
    expect(await interactions()).toHaveLength(1);
  });

  it('when a name two people share is typed, then it is ambiguous, listing both with what tells them apart; without accents a name is found', async () => {
    await s.page.fill('#form-interaction [name=at]', zoneDate());
    await s.page.fill('#form-interaction [name=b]', 'Jörg Meyer');
    await s.page.click('#form-interaction button[type=submit]');
    const error = s.page.locator('#form-interaction label:has([name=b]) .field-error');
    await expect.poll(() => error.textContent()).toContain('ambiguous');
    const words = (await error.textContent())!;
    for (const part of ['Meyer Bau', 'id j1', 'joerg@mail.example', 'id j2']) expect(words).toContain(part);
    await screenshot(s.page, 'home-forms-ambiguous');
    expect(await interactions()).toHaveLength(1);

    await s.page.fill('#form-interaction [name=b]', 'lucia FERNANDEZ');
    await s.page.click('#form-interaction button[type=submit]');
    await expect.poll(() => s.page.textContent('#form-interaction .result')).toBe('Logged.');
    expect((await interactions()).map((i) => i.b)).toContain('lf');
  });

  it('when a form was saved, then it is emptied with its confirmation kept, so a second click writes nothing', async () => {
    expect(await s.page.inputValue('#form-interaction [name=b]')).toBe('');
    expect(await s.page.inputValue('#form-interaction [name=at]')).toBe(zoneDate());
    expect(await s.page.textContent('#form-interaction .result')).toBe('Logged.');
    await s.page.click('#form-interaction button[type=submit]');
    await expect.poll(() => s.page.locator('#form-interaction label:has([name=b]) .field-error').count()).toBe(1);
    expect(await interactions()).toHaveLength(2);
  });

  it('when a snooze date is not after today, then the row says so next to its date, not in the top bar', async () => {
    const row = s.page.locator('[data-section=dormant] li[data-person=dan]');
    await row.locator('input[type=date]').fill(zoneDate());
    await row.locator('[data-action=snooze]').click();
    await expect.poll(() => row.locator('.field-error').textContent()).toContain('after today');
    expect(await s.page.textContent('#status')).toBe('');
    await screenshot(s.page, 'home-forms-snooze-today');
  });

  it('when Done is clicked on a referral owed, then the slip form opens for that person (only a slip clears the row)', async () => {
    await s.page.click('[data-section=owed] li[data-person=eve] [data-action=done]');
    expect(await s.page.isVisible('#form-referral')).toBe(true);
    expect(await s.page.inputValue('#form-referral [name=to]')).toBe('Eve Giver');
  });

  it('when a row is hidden, then the hidden list says what it was in words and names, not its key', async () => {
    const loads = await s.page.evaluate(() => window.__refnetHome!.loads);
    const row = s.page.locator('[data-section=dormant] li[data-person=dan]');
    await row.locator('input[type=date]').fill(zoneDate(3));
    await row.locator('[data-action=snooze]').click();
    await waitForHomeLoads(s.page, loads + 1);
    const hidden = (await s.page.textContent('[data-section=hidden] li[data-key="dormant:dan"]'))!;
    expect(hidden).toContain('Dormant tie with Dan Dormant — snoozed until');
    expect(hidden).not.toContain('dormant:dan');
    await screenshot(s.page, 'home-forms-hidden');
  });
});
