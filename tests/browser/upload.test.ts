/**
 * The map page's upload (its empty state) in real headless Chromium against a real refnet: with
 * the form's default "people" choice, a semicolon-delimited CSV (Excel DE/FR/ES), LinkedIn's
 * export and an Excel workbook are each read by the server's importers, names as people write
 * them (no honorifics, CJK family name first). Each upload is checked through the API.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium } from './browser-support.js';
import { openMap, startMapHarness, waitForLoads, type MapHarness } from './map-harness.js';
import { fixturePath } from '../importers/helpers.js';

describeWithChromium('uploads from the map page', () => {
  let h: MapHarness;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    h = await startMapHarness();
    ({ page, errors } = await h.browser.newPage());
    await openMap(page, `${h.api.url}/`);
    await page.waitForSelector('#empty', { state: 'visible' });
  });
  afterAll(async () => {
    await h?.close();
  });

  async function upload(name: string, mimeType: string, buffer: Buffer): Promise<void> {
    expect(await page.inputValue('#upload-kind')).toBe('people'); // the default choice, never changed
    const before = await page.evaluate(() => window.__refnet!.loads);
    await page.setInputFiles('#upload', { name, mimeType, buffer });
    await waitForLoads(page, before + 1);
    expect(await page.textContent('#upload-error')).toBe('');
  }
  const people = async () => ((await h.api.call('GET', '/api/export')).body.people as { name: string; email?: string; company?: string }[]).map((p) => [p.name, p.email ?? null, p.company ?? null]).sort();

  it('when a semicolon-delimited CSV is uploaded, then its columns are read, honorifics left out and non-ASCII emails kept', async () => {
    await upload('mitglieder.csv', 'text/csv', Buffer.from('Name;E-Mail;Firma\r\nFrau Dr. Eva Klein;eva@example.de;"Klein; Partner"\r\nSr. José Núñez;josé@example.es;Núñez SL\r\n'));
    expect(await people()).toEqual([
      ['Eva Klein', 'eva@example.de', 'Klein; Partner'],
      ['José Núñez', 'josé@example.es', 'Núñez SL'],
    ]);
  });

  it('when LinkedIn’s export is uploaded as "people", then it is imported as LinkedIn, CJK names family name first', async () => {
    const text = 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n娜,李,https://www.linkedin.com/in/li-na,,Acme,Engineer,01 Feb 2023\n';
    await upload('Connections.csv', 'text/csv', Buffer.from(text));
    expect((await people()).map(([n]) => n)).toContain('李娜');
  });

  it('when an Excel workbook is uploaded, then its first sheet is imported', async () => {
    await upload('members.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', readFileSync(fixturePath('xlsx/members.xlsx')));
    expect((await people()).map(([n]) => n)).toEqual(expect.arrayContaining(['Anna Schmidt', 'Jürgen Müller']));
  });

  it('when the uploads ran, then the browser logged no errors', () => {
    expect(errors).toEqual([]);
  });
});
