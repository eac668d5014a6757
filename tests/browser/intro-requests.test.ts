/**
 * Intro requests end to end in real headless Chromium against a real refnet in local mode ("me"
 * is the server's, set with PUT /api/me, so the two people take turns rather than holding two
 * sessions): the member asks from a warm path on the map, the connector accepts and marks it
 * made on the home page, and the API then shows the introduction interaction and the connector's
 * changed track record on paths through them.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeWithChromium } from './browser-support.js';
import { type MapHarness, openMap, startMapHarness, waitForHomeLoads } from './map-harness.js';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const network = {
  people: [
    { id: 'mia', name: 'Mia Member' },
    { id: 'con', name: 'Carl Connector' },
    { id: 'tgt', name: 'Tara Target' },
    { id: 'far', name: 'Fred Further' },
  ],
  interactions: [
    { id: 'i1', a: 'mia', b: 'con', kind: 'one_to_one', at: daysAgo(10) },
    { id: 'i2', a: 'con', b: 'tgt', kind: 'one_to_one', at: daysAgo(12) },
    { id: 'i3', a: 'con', b: 'far', kind: 'met', at: daysAgo(5) },
  ],
};


vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

describeWithChromium('intro requests', () => {
  let h: MapHarness;

  beforeAll(async () => {
    h = await startMapHarness();
    expect((await h.api.call('POST', '/api/import', network)).status).toBe(200);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('when a member asks from a warm path and the connector accepts and marks it made, then the introduction is logged and the connector has a record', async () => {
    const connectorOnPath = async () => (await h.api.call('GET', '/api/paths?from=mia&to=far')).body.paths[0].steps[0].connector;
    expect(await connectorOnPath()).toEqual({ person: 'con', reliability: 1, asked: 0, made: 0 });

    // Member A asks from the path panel of the map.
    expect((await h.api.call('PUT', '/api/me', { person: 'mia' })).status).toBe(200);
    const { page: member, errors } = await h.browser.newPage();
    // The map itself: with "me" set, / goes to the home page.
    await openMap(member, `${h.api.url}/index.html`).catch(async (err: unknown) => {
      throw new Error(`map did not load: ${String(err)}; page errors: ${errors.join(' | ')}; body: ${(await member.textContent('body'))?.slice(0, 500)}`);
    });
    await member.fill('#path-from', 'Mia Member');
    await member.fill('#path-to', 'Tara Target');
    await member.click('#path-form button[type=submit]');
    await member.waitForSelector('[data-testid=paths] [data-action=ask-intro]', { timeout: 30_000 });
    expect(await member.textContent('[data-testid=paths] [data-action=ask-intro]')).toBe('Ask Carl Connector for an introduction to Tara Target');
    await member.click('[data-testid=paths] [data-action=ask-intro]');
    await member.waitForFunction(() => /Asked Carl Connector/.test(document.querySelector('.ask-intro [role=status]')?.textContent ?? ''), null, { timeout: 30_000 });
    const mine = (await h.api.call('GET', '/api/intro-requests')).body;
    expect(mine.byMe).toEqual([expect.objectContaining({ requester: 'mia', connector: 'con', target: 'tgt', status: 'asked' })]);

    // The connector answers on their home page.
    expect((await h.api.call('PUT', '/api/me', { person: 'con' })).status).toBe(200);
    const { page: connector } = await h.browser.newPage();
    await connector.goto(`${h.api.url}/home.html`, { waitUntil: 'domcontentloaded' });
    await waitForHomeLoads(connector, 1);
    const row = connector.locator('[data-section=introRequests] li[data-role=connector]');
    expect(await row.textContent()).toContain('Mia Member asks you to introduce them to Tara Target — asked');
    await row.locator('[data-action=intro-accepted]').click();
    await waitForHomeLoads(connector, 2);
    expect(await row.textContent()).toContain('— accepted');
    await row.locator('[data-action=intro-made]').click();
    await waitForHomeLoads(connector, 3);
    expect(await row.textContent()).toContain('— made');

    const exported = (await h.api.call('GET', '/api/export')).body;
    expect(exported.interactions.filter((i: { kind: string }) => i.kind === 'introduction')).toEqual([expect.objectContaining({ a: 'mia', b: 'tgt', kind: 'introduction' })]);
    expect(exported.introRequests[0].changes.map((c: { status: string }) => c.status)).toEqual(['asked', 'accepted', 'made']);
    expect(await connectorOnPath()).toEqual({ person: 'con', reliability: 1, asked: 1, made: 1 });
    expect(errors).toEqual([]);
  });

  it('when the signed-in member looks up a path that does not start at them, then no path offers to ask for an introduction', async () => {
    expect((await h.api.call('PUT', '/api/me', { person: 'mia' })).status).toBe(200);
    const { page, errors } = await h.browser.newPage();
    await openMap(page, `${h.api.url}/index.html`);
    const askButtons = async (from: string, to: string) => {
      await page.fill('#path-from', from);
      await page.fill('#path-to', to);
      await page.click('#path-form button[type=submit]');
      // Wait for this lookup's answer: its first hop starts at `from`.
      await page.waitForFunction((name) => document.querySelector('[data-testid=paths] li li')?.textContent?.startsWith(`${name} →`) ?? false, from, { timeout: 30_000 });
      return page.locator('[data-testid=paths] [data-action=ask-intro]').allTextContents();
    };
    // Someone else's path: the request would be made as Mia for Fred's path.
    expect(await askButtons('Fred Further', 'Tara Target')).toEqual([]);
    // A path leading to me: it would ask to be introduced to myself.
    expect(await askButtons('Tara Target', 'Mia Member')).toEqual([]);
    // For a look by eye (not a docs screenshot).
    await page.screenshot({ path: join(tmpdir(), 'intro-requests-not-mine.png') });
    // My own path still offers it.
    expect(await askButtons('Mia Member', 'Fred Further')).toContain('Ask Carl Connector for an introduction to Fred Further');
    expect(errors).toEqual([]);
  });
});
