/**
 * The nav's import dialog as an organiser uses it, in real headless Chromium against a real refnet
 * (local mode): a people CSV whose columns refnet does not recognise (the user picks them), an Excel
 * workbook, a file with many bad rows (every one listed), a network document with bad records
 * (each named by its record, counted from 1), a file that is no import at all, an option changed
 * after the dry run, and Cancel while a check runs. Every outcome is checked through the API too.
 * Screenshots go to test-output/browser/.
 */
import { readFileSync } from 'node:fs';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium, screenshot } from './browser-support.js';
import { type MapHarness, startMapHarness, waitForHomeLoads } from './map-harness.js';
import { fixturePath } from '../importers/helpers.js';

const network = { people: [{ id: 'org', name: 'Olga Organiser' }] };

describeWithChromium('the import dialog', () => {
  let h: MapHarness;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    h = await startMapHarness();
    expect((await h.api.call('POST', '/api/import', network)).status).toBe(200);
    ({ page, errors } = await h.browser.newPage());
    await page.goto(`${h.api.url}/home.html?me=org`, { waitUntil: 'domcontentloaded' });
    await waitForHomeLoads(page, 1);
  });
  afterAll(async () => {
    await h?.close();
  });

  const dialog = '#import-dialog';
  const open = async () => {
    if (!(await page.locator(dialog).isVisible())) await page.click('nav [data-import-open]');
    await page.locator(dialog).waitFor({ state: 'visible' });
  };
  const choose = (name: string, text: string, mimeType = 'text/csv') => page.setInputFiles(`${dialog} [name=file]`, { name, mimeType, buffer: Buffer.from(text) });
  /** A CSV whose kind the file cannot tell, said to be `kind` once the dialog has read it. */
  const chooseCsv = async (name: string, text: string, kind: string) => {
    await choose(name, text);
    await expect.poll(() => page.textContent(`${dialog} [data-testid=detected]`)).toContain('say which');
    await page.selectOption(`${dialog} [name=format]`, kind);
  };
  const check = async () => {
    await page.click(`${dialog} button[name=check]`);
  };
  const people = async () => ((await h.api.call('GET', '/api/export')).body.people as { id: string; name: string; company?: string; title?: string; attributes?: Record<string, string> }[]);

  it('when a people CSV names its columns otherwise, then the dialog shows each field’s column, asks for the name column, and imports as the user mapped it', async () => {
    await open();
    await chooseCsv('mitglieder.csv', 'Kontakt,E-Mail,Arbeitgeber,Title,Club\nEva Klein,eva@example.de,Klein GmbH,Mrs,Rotary\nJonas Berg,jonas@example.de,Berg AG,Mr,Lions\n', 'people');
    const columns = page.locator(`${dialog} [data-testid=columns]`);
    await columns.waitFor({ state: 'visible' });
    // The importer's own guess, shown before anything is sent.
    expect(await page.inputValue(`${dialog} [name="column:email"]`)).toBe('E-Mail');
    expect(await page.inputValue(`${dialog} [name="column:title"]`)).toBe('Title');
    expect(await page.inputValue(`${dialog} [name="column:name"]`)).toBe('');
    await check();
    await expect.poll(() => page.textContent(`${dialog} label:has([name="column:name"]) .field-error`)).toBe('Choose the column that holds the name (or the first and last names)');

    await page.selectOption(`${dialog} [name="column:name"]`, 'Kontakt');
    await page.selectOption(`${dialog} [name="column:company"]`, 'Arbeitgeber');
    // "Title" holds salutations here, not job titles: read from no column.
    await page.selectOption(`${dialog} [name="column:title"]`, '');
    await page.check(`${dialog} [data-testid=attribute-columns] input[value=Club]`);
    await check();
    await page.waitForSelector(`${dialog} [data-dry-run=true]`, { timeout: 30_000 });
    expect(await page.textContent(`${dialog} [data-testid=changes] details[data-kind=person][data-op=create]`)).toMatch(/People to create: 2.*Eva Klein — row 2.*Jonas Berg — row 3/s);
    await screenshot(page, 'import-dialog-columns');
    expect((await people()).map((p) => p.name)).toEqual(['Olga Organiser']);

    await page.click(`${dialog} button[name=apply]`);
    await page.waitForSelector(`${dialog} [data-dry-run=false]`, { timeout: 30_000 });
    expect(await page.textContent(`${dialog} [data-testid=changes] details[data-kind=person][data-op=create] summary`)).toBe('People created: 2');
    const eva = (await people()).find((p) => p.name === 'Eva Klein')!;
    expect(eva.company).toBe('Klein GmbH');
    expect(eva.title).toBeUndefined();
    expect(eva.attributes?.Club).toBe('Rotary');
  });

  it('when an option changes after the dry run, then "Import now" is withdrawn until the file is checked again', async () => {
    await open();
    await chooseCsv('more.csv', 'Name,Company\nAda Lane,Lane Ltd\n', 'people');
    await check();
    await page.waitForSelector(`${dialog} [data-dry-run=true]`, { timeout: 30_000 });
    expect(await page.locator(`${dialog} button[name=apply]`).isVisible()).toBe(true);
    await page.fill(`${dialog} [name=owner]`, 'someone else');
    expect(await page.locator(`${dialog} button[name=apply]`).isHidden()).toBe(true);
    expect(await page.locator(`${dialog} [data-dry-run]`).count()).toBe(0);
    await page.selectOption(`${dialog} [name=update]`, 'overwrite');
    expect(await page.locator(`${dialog} button[name=apply]`).isHidden()).toBe(true);
    await page.fill(`${dialog} [name=owner]`, '');
  });

  it('when a file has more bad rows than a screenful, then every one is listed with its row', async () => {
    await open();
    const rows = ['Name,Email', 'Good Person,good@example.org', ...Array.from({ length: 60 }, (_, i) => `,nobody${i}@example.org`)];
    await chooseCsv('bad-rows.csv', rows.join('\n') + '\n', 'people');
    await check();
    await page.waitForSelector(`${dialog} [data-dry-run=true]`, { timeout: 30_000 });
    const skipped = page.locator(`${dialog} [data-testid=skipped] li`);
    expect(await skipped.count()).toBe(60);
    expect(await skipped.nth(59).textContent()).toBe('Row 62: no name');
  });

  it('when a network document has bad records, then each problem is listed, naming its record counted from 1, and nothing is written', async () => {
    await open();
    const doc = { people: Array.from({ length: 15 }, (_, i) => ({ id: `x${i}`, name: `Xavier ${i}`, email: `not an email ${i}` })) };
    await choose('network.json', JSON.stringify(doc), 'application/json');
    await expect.poll(() => page.inputValue(`${dialog} [name=format]`)).toBe('json');
    await check();
    await page.click(`${dialog} button[name=apply]`);
    const problems = page.locator(`${dialog} [data-testid=document-problems] li`);
    await problems.first().waitFor({ timeout: 30_000 });
    expect(await problems.count()).toBe(15);
    expect(await problems.first().textContent()).toBe('Person 1 (Xavier 0, id x0): email — not a valid email address');
    expect(await page.textContent(`${dialog} [data-testid=document-problems] h3`)).toBe('Nothing was imported: the document has 15 problems');
    await screenshot(page, 'import-dialog-document-problems');
    expect((await people()).some((p) => p.id === 'x0')).toBe(false);
  });

  it('when the file is no import (an image, an old Excel file), then the dialog says so beside the file and sends nothing', async () => {
    await open();
    await page.setInputFiles(`${dialog} [name=file]`, { name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]) });
    await expect.poll(() => page.textContent(`${dialog} label:has([name=file]) .field-error`)).toMatch(/^The file logo\.png is an image, not a list of records/);
    expect(await page.textContent(`${dialog} [data-testid=detected]`)).toBe('');
    await page.setInputFiles(`${dialog} [name=file]`, { name: 'export.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([1, 2, 0, 0, 3, 4, 0, 5, 6, 7, 8, 0, 9]) });
    await expect.poll(() => page.textContent(`${dialog} label:has([name=file]) .field-error`)).toMatch(/is not a text file/);
    await page.selectOption(`${dialog} [name=format]`, 'people');
    await check();
    expect(await page.textContent(`${dialog} label:has([name=file]) .field-error`)).toMatch(/is not a text file/);
    expect(await page.locator(`${dialog} [data-dry-run]`).count()).toBe(0);
  });

  it('when an Excel workbook is chosen, then it is sent as a workbook and its people are imported', async () => {
    await open();
    await page.setInputFiles(`${dialog} [name=file]`, { name: 'members.xlsx', mimeType: 'application/octet-stream', buffer: readFileSync(fixturePath('xlsx/members.xlsx')) });
    await expect.poll(() => page.textContent(`${dialog} [data-testid=detected]`)).toContain('an Excel workbook');
    await check();
    await page.waitForSelector(`${dialog} [data-dry-run=true]`, { timeout: 30_000 });
    await page.click(`${dialog} button[name=apply]`);
    await page.waitForSelector(`${dialog} [data-dry-run=false]`, { timeout: 30_000 });
    expect((await people()).map((p) => p.name)).toEqual(expect.arrayContaining(['Anna Schmidt', 'Jürgen Müller']));
  });

  it('when a check takes long, then the dialog shows it running and Cancel stops it, nothing written', async () => {
    await open();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked!: () => void;
    const arrived = new Promise<void>((resolve) => (asked = resolve));
    const hold = async (route: Route) => {
      asked();
      await held;
      await route.continue().catch(() => undefined);
    };
    const importUrl = (url: URL) => url.pathname === '/api/import';
    await page.route(importUrl, hold);
    await chooseCsv('slow.csv', 'Name\nSlow Sam\n', 'people');
    await check();
    await arrived;
    await expect.poll(() => page.textContent(`${dialog} [data-testid=progress]`)).toMatch(/Checking slow\.csv \(1 KB\)… \d+ s/);
    await page.click(`${dialog} button[name=cancel]`);
    await expect.poll(() => page.textContent(`${dialog} .result`)).toBe('Cancelled: nothing was written.');
    expect(await page.locator(`${dialog} [data-testid=progress]`).isHidden()).toBe(true);
    expect(await page.locator(`${dialog} button[name=cancel]`).isHidden()).toBe(true);
    release();
    await page.unroute(importUrl, hold);
    expect((await people()).some((p) => p.name === 'Slow Sam')).toBe(false);
    await page.click(`${dialog} button[name=close]`);
  });

  it('when the dialog ran, then the browser logged no errors but the refusals it showed', () => {
    // The refused document's 400, and the check cancelled on purpose.
    expect(errors.filter((e) => !/status of 400|ERR_FAILED|ERR_ABORTED|aborted/i.test(e))).toEqual([]);
  });
});

describeWithChromium('the report page after an import', () => {
  let h: MapHarness;
  let page: Page;

  beforeAll(async () => {
    h = await startMapHarness();
    expect((await h.api.call('POST', '/api/import', network)).status).toBe(200);
    ({ page } = await h.browser.newPage());
  });
  afterAll(async () => {
    await h?.close();
  });

  it('when people are imported from its nav, then the names it offers are read again', async () => {
    await page.goto(`${h.api.url}/report.html`, { waitUntil: 'domcontentloaded' });
    await page.evaluate(() => window.__refnetReport!.ready);
    expect(await page.locator('#subject-options option[value="Nina New"]').count()).toBe(0);
    await page.click('nav [data-import-open]');
    await page.setInputFiles('#import-dialog [name=file]', { name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from('Name\nNina New\n') });
    await expect.poll(() => page.textContent('#import-dialog [data-testid=detected]')).toContain('say which');
    await page.selectOption('#import-dialog [name=format]', 'people');
    await page.click('#import-dialog button[name=check]');
    await page.waitForSelector('#import-dialog [data-dry-run=true]', { timeout: 30_000 });
    await page.click('#import-dialog button[name=apply]');
    await page.waitForSelector('#import-dialog [data-dry-run=false]', { timeout: 30_000 });
    await expect.poll(() => page.locator('#subject-options option[value="Nina New"]').count(), { timeout: 30_000 }).toBe(1);
  });
});
