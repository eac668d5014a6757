/**
 * The map and report pages in real Chromium with people whose ids, names, industries, companies
 * and groups are spelled like members of Object.prototype, tied to ordinary people: they are
 * user data like any other, so the map draws them, search and the panel find them, a warm path
 * runs through them and the legend colours their categories — with no error in the page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MapResponse } from '../../graph/map/schema.js';
import { PATH_COLOR, STAGE_COLORS } from '../../viz/src/palette.js';
import { describeWithChromium, screenshot } from './browser-support.js';
import { startMapHarness, waitForLayout, waitForLoads, type MapHarness } from './map-harness.js';

const BUILTINS = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf'] as const;
const OTHER_COLOR = '#9aa1ad';

/**
 * Six people named after built-ins (id and name alike) between two ordinary people: the only way
 * from Ada to Bob runs Ada → constructor → __proto__ → Bob. Their industries, companies, tags,
 * attribute keys and group are built-in names too.
 */
function network() {
  const person = (id: string, name: string, industry: string, company: string) => ({
    id,
    name,
    industry,
    profession: industry,
    company,
    tags: [industry],
    // `__proto__` is the one name refused as an attribute key (the API says so with a 400).
    attributes: Object.fromEntries(industry === '__proto__' ? [] : [[industry, company]]),
  });
  const people = [
    person('ada', 'Ada Lovelace', 'Engineering', 'Analytical'),
    person('bob', 'Bob Builder', 'constructor', 'valueOf'),
    ...BUILTINS.map((id, i) => person(id, id, BUILTINS[(i + 1) % BUILTINS.length]!, BUILTINS[(i + 2) % BUILTINS.length]!)),
  ];
  const ties: [string, string][] = [
    ['ada', 'constructor'],
    ['constructor', '__proto__'],
    ['__proto__', 'bob'],
    ['constructor', 'hasOwnProperty'],
    ['hasOwnProperty', 'toString'],
    ['toString', 'valueOf'],
    ['valueOf', 'isPrototypeOf'],
    ['isPrototypeOf', 'constructor'],
  ];
  return {
    people,
    groups: [{ id: 'toString', name: 'hasOwnProperty', kind: 'constructor' }],
    memberships: BUILTINS.map((id) => ({ person: id, group: 'toString' })),
    interactions: ties.flatMap(([a, b], i) => [
      { id: `i${i}a`, a, b, kind: 'one_to_one', at: '2026-02-01' },
      { id: `i${i}b`, a, b, kind: 'call', at: '2026-03-01' },
    ]),
    referrals: [{ id: 'r1', from: 'constructor', to: 'ada', status: 'won', at: '2026-02-02', value: 10, prospect: 'toString' }],
  };
}

describeWithChromium('map and report with people named like JavaScript built-ins', () => {
  let h: MapHarness;
  let page: Page;
  let errors: string[];
  let map: MapResponse;

  beforeAll(async () => {
    h = await startMapHarness();
    const imported = await h.api.call('POST', '/api/import', network());
    expect(imported.status, JSON.stringify(imported.body)).toBeLessThan(300);
    map = (await h.api.call('GET', '/api/map')).body as MapResponse;
    ({ page, errors } = await h.browser.newPage());
    await page.goto(`${h.api.url}/`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await waitForLoads(page, 1, 30_000).catch((e: unknown) => {
      throw new Error(`the map did not load; page errors: ${JSON.stringify(errors)}`, { cause: e });
    });
    await waitForLayout(page);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('when the map loads, then every person the API lists is drawn, built-in names included', async () => {
    expect(map.nodes.map((n) => n.id).sort()).toEqual(['ada', 'bob', ...BUILTINS].sort());
    const drawn = await page.evaluate(() => {
      const r = window.__refnet!;
      r.renderer!.refresh();
      const labels: string[] = [];
      r.graph!.forEachNode((n) => {
        const d = r.renderer!.getNodeDisplayData(n);
        if (d && !d.hidden && Number.isFinite(d.x) && Number.isFinite(d.y)) labels.push(d.label ?? '');
      });
      return { labels, ties: r.graph!.size };
    });
    expect(drawn.labels.sort()).toEqual(map.nodes.map((n) => n.label).sort());
    expect(drawn.ties).toBe(map.edges.length);
    expect(await page.textContent('#status')).toBe(`${map.nodes.length} people · ${map.edges.length} ties`);
    await screenshot(page, 'builtin-names-01-map');
  });

  it('when colouring by industry, then built-in industry names get their own hue and legend entry', async () => {
    const legend = await page.locator('#legend li').allTextContents();
    const industries = new Map<string, number>();
    for (const n of map.nodes) if (n.industry) industries.set(n.industry, (industries.get(n.industry) ?? 0) + 1);
    expect(legend.sort()).toEqual([...industries].map(([k, c]) => `${k} (${c})`).sort());
    const colours = await page.evaluate(() => {
      const r = window.__refnet!;
      return r.graph!.mapNodes((n, a) => [a.industry ?? '', r.renderer!.getNodeDisplayData(n)?.color ?? ''] as const);
    });
    const hueOf = new Map<string, string>();
    for (const [industry, colour] of colours) {
      expect(colour).not.toBe(OTHER_COLOR);
      expect(hueOf.get(industry) ?? colour, `one hue for ${industry}`).toBe(colour);
      hueOf.set(industry, colour);
    }
    expect(new Set(hueOf.values()).size).toBe(industries.size);
  });

  it('when filtering by the industry "constructor", then only its people stay visible', async () => {
    await page.selectOption('#filter-industry', 'constructor');
    const visible = await page.evaluate(() => {
      const r = window.__refnet!;
      r.renderer!.refresh();
      return r.graph!.filterNodes((n) => !r.renderer!.getNodeDisplayData(n)?.hidden).map((n) => r.graph!.getNodeAttribute(n, 'label'));
    });
    expect(visible.sort()).toEqual(map.nodes.filter((n) => n.industry === 'constructor').map((n) => n.label).sort());
    await page.selectOption('#filter-industry', '');
  });

  it('when "constructor" is searched, then the person is found and their panel lists their ties', async () => {
    const me = map.nodes.find((n) => n.id === 'constructor')!;
    const neighbours = map.edges
      .filter(([s, t]) => map.nodes[s]!.id === me.id || map.nodes[t]!.id === me.id)
      .map(([s, t]) => (map.nodes[s]!.id === me.id ? map.nodes[t]! : map.nodes[s]!).id)
      .sort();
    await page.fill('#search-input', '');
    await page.focus('#search-input');
    await page.keyboard.type('constructor');
    await page.waitForSelector('#search-list li');
    expect(await page.locator('#search-list li span').first().textContent()).toBe('constructor');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#panel:not([hidden]) [data-testid=metrics]', { timeout: 20_000 });
    expect(await page.textContent('#panel-title')).toBe('constructor');
    expect(await page.locator('[data-testid=metrics] .metric').first().textContent()).toBe(`${me.degree}degree`);
    const listed = await page.locator('#panel .ties li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.person ?? ''));
    expect(listed.sort()).toEqual(neighbours);
    await expect.poll(() => page.locator('#panel .ties li .evidence').first().textContent(), { timeout: 10_000 }).toMatch(/last contact 2026-03-01/);
    await screenshot(page, 'builtin-names-02-panel');
  });

  it('when a tie in the panel names "__proto__", then clicking it opens their panel', async () => {
    await page.click('#panel .ties li[data-person="__proto__"] button');
    await expect.poll(() => page.textContent('#panel-title')).toBe('__proto__');
    await page.waitForSelector('#panel:not([hidden]) [data-testid=metrics]', { timeout: 20_000 });
    expect(await page.locator('#panel .ties li').count()).toBe(map.nodes.find((n) => n.id === '__proto__')!.degree);
    await page.click('#panel-close');
  });

  it('when the node "hasOwnProperty" is clicked on the canvas, then their panel opens', async () => {
    // The panel's camera move must end first; then the camera centres on the node to click.
    await page.waitForFunction(() => !window.__refnet!.renderer!.getCamera().isAnimated());
    const at = await page.evaluate(async () => {
      const r = window.__refnet!;
      const key = r.graph!.findNode((_n, a) => a.label === 'hasOwnProperty')!;
      const d = r.renderer!.getNodeDisplayData(key)!;
      r.renderer!.getCamera().setState({ x: d.x, y: d.y, ratio: 1, angle: 0 });
      // Sigma renders the new camera (and its picking buffer) on the next frame.
      for (let i = 0; i < 2; i++) await new Promise((done) => requestAnimationFrame(done));
      return r.renderer!.framedGraphToViewport(d);
    });
    const box = (await page.locator('#sigma').boundingBox())!;
    expect(at.x).toBeGreaterThan(0);
    expect(at.x).toBeLessThan(box.width);
    expect(at.y).toBeGreaterThan(0);
    expect(at.y).toBeLessThan(box.height);
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await expect.poll(() => page.textContent('#panel-title')).toBe('hasOwnProperty');
    await page.click('#panel-close');
  });

  it('when a warm path from Ada to Bob is looked up, then it runs through "constructor" and "__proto__" and is drawn', async () => {
    await page.fill('#path-from', 'Ada Lovelace');
    await page.fill('#path-to', 'Bob Builder');
    await page.fill('#path-k', '2');
    await page.click('#path-form button[type=submit]');
    await page.waitForSelector('[data-testid=paths] > li', { timeout: 20_000 });
    // Each hop reads "from → to" before its badges and evidence.
    const hops = await page
      .locator('[data-testid=paths] > li')
      .first()
      .locator('ol > li')
      .evaluateAll((lis) => lis.map((li) => li.firstChild?.textContent ?? ''));
    expect(hops).toEqual([
      'Ada Lovelace → constructor',
      'constructor → __proto__',
      '__proto__ → Bob Builder',
    ]);
    const drawn = await page.evaluate(() => {
      const r = window.__refnet!;
      r.renderer!.refresh();
      const g = r.graph!;
      const edges = [...(r.state.path?.edges ?? [])];
      return {
        nodes: [...(r.state.path?.nodes ?? [])].map((n) => g.getNodeAttribute(n, 'label')).sort(),
        colours: edges.map((e) => r.renderer!.getEdgeDisplayData(e)?.color),
        missing: document.querySelector('#path-results')!.textContent.includes('outside the people shown'),
      };
    });
    expect(drawn.nodes).toEqual(['Ada Lovelace', 'Bob Builder', '__proto__', 'constructor']);
    expect(drawn.colours).toEqual([PATH_COLOR, PATH_COLOR, PATH_COLOR]);
    expect(drawn.missing).toBe(false);
    await screenshot(page, 'builtin-names-03-path');
  });

  it('when the group "toString" (named "hasOwnProperty") is the filter, then exactly its members stay visible', async () => {
    await page.selectOption('#filter-group', { label: 'hasOwnProperty' });
    const visible = await page.evaluate(() => {
      const r = window.__refnet!;
      r.renderer!.refresh();
      return r.graph!.filterNodes((n) => !r.renderer!.getNodeDisplayData(n)?.hidden).map((n) => r.graph!.getNodeAttribute(n, 'label'));
    });
    expect(visible.sort()).toEqual([...BUILTINS].sort());
    await page.selectOption('#filter-group', '');
  });

  it('when "__proto__" is selected and coloured by stage, then the view around them is theirs and their ties take stage colours', async () => {
    await page.evaluate(() => window.__refnet!.select('__proto__'));
    await page.selectOption('#color-by', 'stage');
    const colours = await page.evaluate(() => {
      const r = window.__refnet!;
      r.renderer!.refresh();
      const g = r.graph!;
      const me = g.findNode((_n, a) => a.label === '__proto__')!;
      return g.mapNeighbors(me, (n) => r.renderer!.getNodeDisplayData(n)?.color);
    });
    expect(colours).toHaveLength(2);
    for (const c of colours) expect(Object.values(STAGE_COLORS)).toContain(c);
    expect(await page.textContent('#legend .note')).toBe('Size: degree; tie width: strength. Ties of __proto__; grey: no tie.');
    await page.selectOption('#color-by', 'industry');

    const loads = await page.evaluate(() => window.__refnet!.loads);
    await page.selectOption('#view-kind', 'ego');
    await waitForLoads(page, loads + 1, 30_000);
    const ego = (await h.api.call('GET', '/api/map?view=ego&person=__proto__')).body as MapResponse;
    const labels = await page.evaluate(() => window.__refnet!.graph!.mapNodes((_n, a) => a.label));
    expect(labels.sort()).toEqual(ego.nodes.map((n) => n.label).sort());
    expect(labels).toContain('__proto__');
    expect(labels.length).toBeLessThan(map.nodes.length);
    await page.click('#panel-close');
  });

  it('when the diversity gap report opens for "constructor" and for the group "toString", then both render', async () => {
    await page.goto(`${h.api.url}/report.html?person=constructor&dimension=industry`);
    await page.waitForFunction(() => window.__refnetReport !== undefined);
    await page.evaluate(() => window.__refnetReport!.ready);
    expect(await page.textContent('#report-status')).toBe('');
    expect(await page.textContent('#report-body h2')).toBe("Industry diversity of constructor's network");
    const shares = await page.locator('[data-testid=shares-table] tbody tr td:first-child').allTextContents();
    expect(shares.length).toBeGreaterThan(1);
    expect(shares.some((c) => BUILTINS.includes(c as (typeof BUILTINS)[number]))).toBe(true);
    await screenshot(page, 'builtin-names-04-report', true);
    const gaps = await page.evaluate(() => window.__refnetReport!.showReport('group', 'toString', 'industry', ''));
    expect(gaps).toBeGreaterThanOrEqual(0);
    expect(await page.textContent('#report-body h2')).toBe("Industry diversity of hasOwnProperty's network");
  });

  it('when the pages ran, then the browser logged no errors', () => {
    expect(errors).toEqual([]);
  });
});
