/**
 * The map in real headless Chromium against a real refnet: empty state → sample network →
 * search → side panel → path lookup → diversity gap report. Screenshots go to
 * test-output/browser/ for a human to look at.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PATH_COLOR, STAGE_COLORS } from '../../viz/src/palette.js';
import { describeWithChromium, screenshot } from './browser-support.js';
import { drawnShare, openMap, startMapHarness, waitForLayout, waitForLoads, type MapHarness } from './map-harness.js';

describeWithChromium('map page', () => {
  let h: MapHarness;
  const session = { page: undefined as unknown as import('playwright-core').Page, errors: [] as string[] };

  beforeAll(async () => {
    h = await startMapHarness();
    const { page, errors } = await h.browser.newPage();
    session.page = page;
    session.errors = errors;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('when the store is empty, then the page shows the empty state with an upload and a sample button', async () => {
    const { page } = session;
    await openMap(page, `${h.api.url}/`);
    await expect.poll(() => page.isVisible('#empty')).toBe(true);
    expect(await page.textContent('#empty h2')).toBe('No network yet');
    expect(await page.isVisible('#load-sample')).toBe(true);
    await screenshot(page, '01-empty-state');
  });

  it('when a bad file is uploaded, then the problems are listed and nothing is imported', async () => {
    const { page } = session;
    await page.setInputFiles('#upload', {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ people: [{ id: 'x' }] })),
    });
    // The problem in words (the field and what is wrong with it), not its HTTP status.
    await expect.poll(() => page.textContent('#upload-error'), { timeout: 10_000 }).toMatch(/^\/people\/0\/name: \S/);
    expect(await page.textContent('#upload-error')).not.toMatch(/\b400\b/);
    expect(await page.isVisible('#empty')).toBe(true);
    const exported = await h.api.call('GET', '/api/export');
    expect(exported.body.people).toEqual([]);
    // The 400 was the point of this test; any other console error still fails the last test.
    session.errors.splice(0, session.errors.length, ...session.errors.filter((e) => !e.includes('status of 400')));
  });

  it('when a CSV of people is uploaded, then they appear on the map (read by the server-side importer)', async () => {
    const { page } = session;
    await page.selectOption('#upload-kind', 'people');
    const before = await page.evaluate(() => window.__refnet!.loads);
    await page.setInputFiles('#upload', {
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('name,email,company,industry\r\n"Ada Lovelace",ada@example.com,Analytical,Engineering\r\nGrace Hopper,grace@example.com,Navy,Engineering\r\n'),
    });
    await waitForLoads(page, before + 1);
    const labels = await page.evaluate(() => window.__refnet!.graph!.mapNodes((_n, a) => a.label).sort());
    expect(labels).toEqual(['Ada Lovelace', 'Grace Hopper']);
    expect(await page.isVisible('#empty')).toBe(false);
    // Back to an empty store for the next test: delete them through the API and reload.
    for (const id of await page.evaluate(() => window.__refnet!.graph!.nodes())) {
      expect((await h.api.call('DELETE', `/api/people/${encodeURIComponent(id)}`)).status).toBeLessThan(300);
    }
    await page.reload();
    await waitForLoads(page, 1);
    await expect.poll(() => page.isVisible('#empty')).toBe(true);
  });

  it('when the sample network is loaded, then the map draws every person with a legend', async () => {
    const { page } = session;
    const before = await page.evaluate(() => window.__refnet!.loads);
    await page.click('#load-sample');
    await waitForLoads(page, before + 1);
    await waitForLayout(page);
    expect(await page.isVisible('#empty')).toBe(false);
    const counts = await page.evaluate(() => ({ order: window.__refnet!.graph!.order, size: window.__refnet!.graph!.size }));
    const exported = await h.api.call('GET', '/api/export');
    expect(counts.order).toBe(exported.body.people.length);
    expect(counts.size).toBeGreaterThan(0);
    expect(await page.locator('#legend li').count()).toBeGreaterThan(2);
    await expect.poll(() => drawnShare(page), { timeout: 10_000 }).toBeGreaterThan(0.02);
    await screenshot(page, '02-sample-map');
  });

  it('when a person is searched with the keyboard, then their panel opens with metrics, ties and the re-networking queue', async () => {
    const { page } = session;
    const target = await page.evaluate(() => {
      const g = window.__refnet!.graph!;
      // The best-connected person makes the richest panel.
      let best = '';
      g.forEachNode((n) => {
        if (!best || g.degree(n) > g.degree(best)) best = n;
      });
      return { id: best, name: g.getNodeAttribute(best, 'label'), degree: g.degree(best) };
    });
    await page.focus('#search-input');
    await page.keyboard.type(target.name.slice(0, 6));
    await page.waitForSelector('#search-list li');
    const options = await page.locator('#search-list li').allTextContents();
    expect(options.some((o) => o.startsWith(target.name))).toBe(true);
    const index = options.findIndex((o) => o.startsWith(target.name));
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#panel:not([hidden]) [data-testid=metrics]', { timeout: 20_000 });
    expect(await page.textContent('#panel-title')).toBe(target.name);
    const degreeCell = await page.locator('[data-testid=metrics] .metric').first().textContent();
    expect(degreeCell).toBe(`${target.degree}degree`);
    expect(await page.locator('#panel .ties li').count()).toBe(target.degree);
    await expect.poll(() => page.locator('#panel .ties li .evidence').first().textContent(), { timeout: 10_000 }).toMatch(/last contact \d{4}-\d{2}-\d{2}/);
    expect(await page.isVisible('[data-testid=renetworking], #panel section p')).toBe(true);
    expect(await page.evaluate(() => window.__refnet!.state.selected)).toBe(target.id);
    // The panel is keyboard reachable: it took focus, and Escape closes it back to the search.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('panel');
    await screenshot(page, '03-person-panel');
  });

  it('when colouring by VCP stage, then the selected person’s neighbours take their tie’s stage colour', async () => {
    const { page } = session;
    await page.selectOption('#color-by', 'stage');
    await expect.poll(() => page.textContent('#legend h3'), { timeout: 10_000 }).toBe('Stage of tie');
    const colours = await page.evaluate(() => {
      const r = window.__refnet!;
      const g = r.graph!;
      const sel = r.state.selected!;
      const out: { stage: number; color: string | undefined }[] = [];
      g.forEachEdge(sel, (_e, a, s, t) => out.push({ stage: a.stage, color: r.renderer!.getNodeDisplayData(s === sel ? t : s)?.color }));
      return out;
    });
    const expected = [STAGE_COLORS.visibility, STAGE_COLORS.credibility, STAGE_COLORS.profitability];
    for (const c of colours) expect(c.color).toBe(expected[c.stage]);
    expect(await page.textContent('#legend h3')).toBe('Stage of tie');
    await screenshot(page, '04-colour-by-stage');
    await page.keyboard.press('Escape');
    expect(await page.isHidden('#panel')).toBe(true);
    await page.selectOption('#color-by', 'industry');
  });

  it('when the minimum stage filter is profitability, then only profitability ties are drawn', async () => {
    const { page } = session;
    await page.selectOption('#filter-stage', '2');
    await page.waitForFunction(() => window.__refnet!.state.filters.minStage === 2, null, { timeout: 10_000 });
    const shown = await page.evaluate(() => {
      const r = window.__refnet!;
      r.renderer!.refresh();
      let visible = 0;
      let wrong = 0;
      r.graph!.forEachEdge((e, a) => {
        if (r.renderer!.getEdgeDisplayData(e)?.hidden) return;
        visible++;
        if (a.stage < 2) wrong++;
      });
      return { visible, wrong };
    });
    expect(shown.wrong).toBe(0);
    // The graph itself is untouched: filters live in the reducers only.
    expect(await page.evaluate(() => window.__refnet!.graph!.size)).toBeGreaterThan(shown.visible);
    await page.selectOption('#filter-stage', '0');
  });

  it('when a referral-path lookup runs, then the k paths are listed hop by hop and drawn on the map', async () => {
    const { page } = session;
    const pair = await page.evaluate(() => {
      const g = window.__refnet!.graph!;
      const nodes = g.nodes();
      const from = nodes[0]!;
      // Someone two steps away, so the path has intermediaries to introduce.
      const near = new Set([from, ...g.neighbors(from)]);
      const to = nodes.find((n) => !near.has(n) && g.neighbors(n).some((m) => near.has(m)))!;
      return { from: g.getNodeAttribute(from, 'label'), to: g.getNodeAttribute(to, 'label') };
    });
    await page.fill('#path-from', pair.from);
    await page.fill('#path-to', pair.to);
    await page.fill('#path-k', '3');
    await page.click('#path-form button[type=submit]');
    await page.waitForSelector('[data-testid=paths] > li', { timeout: 20_000 });
    const listed = await page.locator('[data-testid=paths] > li').count();
    expect(listed).toBeGreaterThanOrEqual(1);
    expect(listed).toBeLessThanOrEqual(3);
    const firstHops = await page.locator('[data-testid=paths] > li').first().locator('ol > li').allTextContents();
    expect(firstHops[0]).toContain(pair.from);
    expect(firstHops.at(-1)).toContain(pair.to);
    const drawn = await page.evaluate(() => {
      const r = window.__refnet!;
      r.renderer!.refresh();
      const edges = [...(r.state.path?.edges ?? [])];
      return { edges: edges.length, colours: edges.map((e) => r.renderer!.getEdgeDisplayData(e)?.color) };
    });
    expect(drawn.edges).toBeGreaterThanOrEqual(2);
    expect(new Set(drawn.colours)).toEqual(new Set([PATH_COLOR]));
    await screenshot(page, '05-warm-paths');
  });

  it('when the diversity gap report opens for a person, then it shows the chart, its table and the gaps with warm paths', async () => {
    const { page } = session;
    const person = await page.evaluate(() => {
      const g = window.__refnet!.graph!;
      return g.nodes().sort((a, b) => g.degree(b) - g.degree(a))[0]!;
    });
    await page.goto(`${h.api.url}/report.html?person=${encodeURIComponent(person)}&dimension=industry`);
    await page.waitForFunction(() => window.__refnetReport !== undefined);
    await page.evaluate(() => window.__refnetReport!.ready);
    expect(await page.textContent('#report-status')).toBe('');
    const bars = await page.locator('[data-testid=share-chart] svg rect').count();
    const rows = await page.locator('[data-testid=share-chart] svg g[data-category]').count();
    expect(rows).toBeGreaterThan(1);
    expect(bars).toBe(2 * rows); // two bars a category
    expect(await page.getAttribute('[data-testid=share-chart] svg', 'role')).toBe('img');
    expect(await page.textContent('#chart-desc')).toMatch(/categories/);
    expect(await page.locator('[data-testid=gaps] > li').count()).toBeGreaterThan(0);
    await screenshot(page, '06-diversity-gap-report', true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isHidden('.report-form')).toBe(true);
    expect(await page.isHidden('.topbar')).toBe(true);
    await screenshot(page, '07-diversity-gap-print', true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('when the report is asked for a group, then it renders for the group’s members', async () => {
    const { page } = session;
    const exported = await h.api.call('GET', '/api/export');
    const group = exported.body.groups[0];
    const gaps = await page.evaluate((id) => window.__refnetReport!.showReport('group', id, 'profession', ''), group.id);
    expect(gaps).toBeGreaterThanOrEqual(0);
    expect(await page.textContent('#report-body h2')).toContain(group.name);
    expect(await page.locator('[data-testid=shares-table] tbody tr').count()).toBeGreaterThan(0);
  });

  it('when the pages ran, then the browser logged no errors', () => {
    expect(session.errors).toEqual([]);
  });
});
