/**
 * The map as a demanding user checks it (issue #14), on the bundled sample in real Chromium:
 * the same picture on every load, one colour per category in every view, labels that never
 * overprint, jargon explained, search by name, views that survive a reload of their URL, and a
 * time slider that replays the ties month by month over fixed positions. Screenshots of the map,
 * a path and the slider go to docs/screenshots/.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it as vitestIt } from 'vitest';
import { capture, describeWithChromium, docsScreenshot } from './browser-support.js';
import { SCREENSHOTS } from './chromium.js';
import { openMap, startMapHarness, type MapHarness } from './map-harness.js';

/** Each scenario opens fresh pages on a shared 2-core machine: minutes, not seconds. */
const it = (name: string, fn: () => Promise<void> | void) => vitestIt(name, fn, 240_000);

/** Every person's on-screen position and colour, as Sigma displays them. */
function displayed(page: Page) {
  return page.evaluate(() => {
    const r = window.__refnet!;
    const out: Record<string, { x: number; y: number; color: string }> = {};
    r.graph!.forEachNode((n) => {
      const d = r.renderer!.getNodeDisplayData(n)!;
      const p = r.renderer!.framedGraphToViewport(d);
      out[n] = { x: p.x, y: p.y, color: d.color };
    });
    return out;
  });
}

/** Opens the map at `hash` in a fresh page and waits until it has drawn and restored the URL's state. */
async function fresh(h: MapHarness, hash = ''): Promise<{ page: Page; errors: string[] }> {
  const s = await h.browser.newPage();
  await openMap(s.page, `${h.api.url}/index.html${hash}`);
  await s.page.waitForFunction(() => window.__refnet?.restored === true, null, { timeout: 60_000 });
  return s;
}

/** Which pixels differ between two PNGs (decoded by the page's own image decoder): their count, the largest channel difference and their bounding box, as JSON (diff -1 if the sizes differ). */
async function differingPixels(page: Page, a: Buffer, b: Buffer): Promise<string> {
  return page.evaluate(
    async ([a64, b64]) => {
      const decode = async (b: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, c.width, c.height);
      };
      const [x, y] = [await decode(a64!), await decode(b64!)];
      if (x.width !== y.width || x.height !== y.height) return JSON.stringify({ diff: -1 });
      let diff = 0;
      let max = 0;
      const box = [Infinity, Infinity, -Infinity, -Infinity];
      for (let i = 0; i < x.data.length; i += 4) {
        const d = Math.max(Math.abs(x.data[i]! - y.data[i]!), Math.abs(x.data[i + 1]! - y.data[i + 1]!), Math.abs(x.data[i + 2]! - y.data[i + 2]!));
        if (d === 0) continue;
        diff++;
        max = Math.max(max, d);
        const px = (i / 4) % x.width;
        const py = Math.floor(i / 4 / x.width);
        box[0] = Math.min(box[0]!, px);
        box[1] = Math.min(box[1]!, py);
        box[2] = Math.max(box[2]!, px);
        box[3] = Math.max(box[3]!, py);
      }
      return JSON.stringify({ diff, max, box });
    },
    [a.toString('base64'), b.toString('base64')],
  );
}

describeWithChromium('map views (issue #14)', () => {
  let h: MapHarness;
  const pages: Page[] = [];
  const errors: string[][] = [];

  async function open(hash = '') {
    const s = await fresh(h, hash);
    pages.push(s.page);
    errors.push(s.errors);
    return s.page;
  }

  beforeAll(async () => {
    h = await startMapHarness();
    const sample = JSON.parse(await readFile(join(process.cwd(), 'data', 'sample-network.json'), 'utf8'));
    expect((await h.api.call('POST', '/api/import', sample)).status).toBeLessThan(300);
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it('when the sample map is loaded twice in fresh pages, then every position and the picture are identical', async () => {
    // Each page is shot while it is the page in front (a background tab's frames are throttled).
    const shoot = async (p: Page) => {
      await p.bringToFront();
      await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      return { at: await displayed(p), shot: await capture(p.locator('#sigma')) };
    };
    // The map is drawn as of now to the minute (tie strengths, and so edge widths, move with it):
    // both loads fall in one minute, so they draw the same instant.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 40_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute));
    const a = await open();
    const first = await shoot(a);
    const b = await open();
    const second = await shoot(b);
    expect(Object.keys(first.at).length).toBe(300);
    expect(second.at).toEqual(first.at);
    expect(await a.evaluate(() => window.__refnet!.layoutRunning)).toBe(false);
    // The screenshots: the same pixels (software WebGL is deterministic for the same input).
    await writeFile(join(SCREENSHOTS, 'determinism-1.png'), first.shot);
    await writeFile(join(SCREENSHOTS, 'determinism-2.png'), second.shot);
    expect(JSON.parse(await differingPixels(b, first.shot, second.shot))).toMatchObject({ diff: 0 });
    await a.bringToFront();
    await docsScreenshot(a, 'map');
    await b.close();
  });

  it('when the map is drawn, then no label overlaps another, and the legend lies outside the map', async () => {
    const page = pages[0]!;
    const check = await page.evaluate(() => {
      const r = window.__refnet!;
      const renderer = r.renderer!;
      const s = renderer.getSettings();
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = `${s.labelWeight} ${s.labelSize}px ${s.labelFont}`;
      // Boxes computed here from positions and font metrics, not taken from the collision pass.
      // Where each text starts comes from the pass (a label may sit on any side of its node).
      const boxes = r.drawnLabels().map(({ key, tx: x, ty: base }) => {
        const d = renderer.getNodeDisplayData(key)!;
        const m = ctx.measureText(d.label!);
        return { key, x0: x, x1: x + m.width, y0: base - m.actualBoundingBoxAscent, y1: base + m.actualBoundingBoxDescent };
      });
      const overlaps: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i]!, boxes[j]!];
          if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) overlaps.push(`${a.key}/${b.key}`);
        }
      const legend = document.getElementById('legend')!.getBoundingClientRect();
      const map = document.getElementById('sigma')!.getBoundingClientRect();
      const status = document.getElementById('status')!;
      const nav = document.querySelector('.topbar nav')!.getBoundingClientRect();
      return {
        labels: boxes.length,
        overlaps,
        legendOutside: legend.top >= map.bottom - 0.5,
        navOneLine: nav.height < 40,
        statusOneLine: status.getBoundingClientRect().height < 20,
      };
    });
    expect(check.labels).toBeGreaterThan(10);
    expect(check.overlaps).toEqual([]);
    expect(check).toMatchObject({ legendOutside: true, navOneLine: true, statusOneLine: true });
  });

  it('when the same people are shown in the whole map, a group view and an ego view, then each category keeps its colour', async () => {
    const page = pages[0]!;
    const whole = await displayed(page);
    const groups = await page.evaluate(() => window.__refnet!.data!.groups.map((g) => g.id));
    const busiest = await page.evaluate(() => {
      const g = window.__refnet!.graph!;
      return g.nodes().sort((a, b) => g.degree(b) - g.degree(a))[0]!;
    });
    const community = await page.evaluate(() => window.__refnet!.data!.categories.community[1]!);
    const views = [`#view=group&group=${encodeURIComponent(groups[0]!)}`, `#view=ego&person=${encodeURIComponent(busiest)}`, `#view=community&community=${community}`];
    for (const hash of views) {
      const p = await open(hash);
      expect(await p.evaluate(() => window.__refnet!.data!.view.kind)).toBe(new URLSearchParams(hash.slice(1)).get('view'));
      if (hash.includes('community=')) {
        // The community is chosen by its name, and the URL keeps it.
        expect(await p.inputValue('#view-community')).toBe(String(community));
        expect(await p.locator('#view-community option:checked').textContent()).toBe(await p.evaluate((c) => window.__refnet!.data!.communityNames[c], community));
        expect(new URL(p.url()).hash).toContain(`community=${community}`);
      }
      const inView = await displayed(p);
      expect(Object.keys(inView).length).toBeGreaterThan(3);
      expect(Object.keys(inView).length).toBeLessThan(300);
      // Selection highlights one node; every other person keeps the whole map's colour.
      const selected = await p.evaluate(() => window.__refnet!.state.selected);
      for (const [n, d] of Object.entries(inView)) if (n !== selected) expect(d.color, n).toBe(whole[n]!.color);
      // The legend's swatch for each industry equals its colour on the whole map.
      const legend = await p.evaluate(() => window.__refnet!.scales!.industry.entries.map((e) => ({ members: e.members, color: e.color })));
      const wholeScale = await page.evaluate(() => window.__refnet!.scales!.industry.entries.map((e) => ({ members: e.members, color: e.color })));
      for (const e of legend.filter((x) => x.members.length === 1)) expect(wholeScale.find((w) => w.members.includes(e.members[0]!))?.color).toBe(e.color);
      // Colour by community too.
      await p.selectOption('#color-by', 'community');
      await page.selectOption('#color-by', 'community');
      const [c1, c2] = [await displayed(p), await displayed(page)];
      for (const [n, d] of Object.entries(c1)) if (n !== selected) expect(d.color).toBe(c2[n]!.color);
      await page.selectOption('#color-by', 'industry');
      await p.close();
    }
  });

  it('when typing the start of a name, then every name match comes before people matched by company or industry', async () => {
    const page = pages[0]!;
    const names = await page.evaluate(() => window.__refnet!.graph!.mapNodes((_n, a) => a.label));
    await page.fill('#search-input', '');
    await page.type('#search-input', 'gra');
    await page.waitForSelector('#search-list li');
    const rows = await page.locator('#search-list li').evaluateAll((lis) => lis.map((li) => ({ name: li.querySelector('span')!.textContent, hint: li.querySelector('small')?.textContent ?? '' })));
    const byName = names.filter((n) => n.toLowerCase().includes('gra')).sort();
    expect(byName.length).toBeGreaterThan(0);
    expect(rows.slice(0, byName.length).map((r) => r.name).sort()).toEqual(byName);
    // After them only people whose company or industry has a word starting so — never the inside of a word ("Photography").
    for (const r of rows.slice(byName.length)) expect(r.hint.toLowerCase()).toMatch(/(^|\s)gra/);
    await page.keyboard.press('Escape');
  });

  it('when "the chosen group" is picked before a group, then the page asks for a group instead of failing, and counts follow the filters', async () => {
    const page = await open();
    const loads = await page.evaluate(() => window.__refnet!.loads);
    await page.selectOption('#view-kind', 'group');
    await expect.poll(() => page.isVisible('#view-hint')).toBe(true);
    expect(await page.textContent('#view-hint')).toMatch(/Choose a group/);
    expect(await page.isHidden('#banner')).toBe(true);
    expect(await page.evaluate(() => window.__refnet!.loads)).toBe(loads);
    await page.selectOption('#view-kind', 'auto');
    const industry = await page.evaluate(() => window.__refnet!.data!.categories.industry[0]!);
    await page.selectOption('#filter-industry', industry);
    const expected = await page.evaluate((ind) => {
      const g = window.__refnet!.graph!;
      const people = g.filterNodes((_n, a) => a.industry === ind).length;
      const ties = g.filterEdges((_e, _a, _s, _t, sa, ta) => sa.industry === ind && ta.industry === ind).length;
      return { people, ties };
    }, industry);
    await expect.poll(() => page.textContent('#status')).toMatch(new RegExp(`^${expected.people} people · ${expected.ties} ties \\(of 300`));
    await page.close();
  });

  it('when a view is set up and its URL reloaded in a fresh page, then the same view comes back', async () => {
    const page = pages[0]!;
    const pair = await page.evaluate(() => {
      const g = window.__refnet!.graph!;
      const from = g.nodes().sort((a, b) => g.degree(b) - g.degree(a))[0]!;
      const near = new Set([from, ...g.neighbors(from)]);
      const to = g.nodes().find((n) => !near.has(n) && g.neighbors(n).some((m) => near.has(m)))!;
      return { from, to };
    });
    await page.selectOption('#color-by', 'stage');
    await page.selectOption('#filter-stage', '1');
    await page.evaluate((id) => window.__refnet!.select(id), pair.from);
    expect(await page.evaluate(({ from, to }) => window.__refnet!.findPaths(from, 'person', to, 2), pair)).toBeGreaterThan(0);
    const url = page.url();
    expect(url).toContain('color=stage');
    const state = () =>
      window.__refnet!.state && {
        colorBy: window.__refnet!.state.colorBy,
        minStage: window.__refnet!.state.filters.minStage,
        selected: window.__refnet!.state.selected,
        path: [...(window.__refnet!.state.path?.edges ?? [])].map((e) => [...window.__refnet!.graph!.extremities(e)].sort().join(' – ')).sort(),
        legend: document.querySelector('#legend h3')?.textContent,
        stageControl: (document.getElementById('filter-stage') as HTMLSelectElement).value,
        paths: document.querySelectorAll('[data-testid=paths] > li').length,
      };
    const before = await page.evaluate(state);
    await docsScreenshot(page, 'map-path');
    const again = await open(new URL(url).hash);
    await again.waitForSelector('[data-testid=paths] > li', { timeout: 20_000 });
    expect(await again.evaluate(state)).toEqual(before);
    expect(before.selected).toBe(pair.from);
    expect(before.path.length).toBeGreaterThan(0);
    expect(await again.isVisible('#panel')).toBe(true);
    await again.close();
  });

  it('when the path and the panel show numbers, then the jargon has a plain-words tooltip and a link to its definition, and evidence is said once', async () => {
    const page = pages[0]!;
    const chance = page.locator('[data-testid=paths] .term[data-term=chance]').first();
    expect(await chance.getAttribute('title')).toMatch(/introduction/);
    await page.waitForSelector('[data-testid=metrics]', { timeout: 20_000 });
    const terms = await page.locator('#panel .term').evaluateAll((els) => els.map((e) => e.getAttribute('data-term')));
    for (const t of ['betweenness', 'effective-size', 'constraint', 'shannon', 'blau']) expect(terms).toContain(t);
    const href = await page.locator('#panel .term[data-term=constraint] a').getAttribute('href');
    expect(href).toBe('/glossary.html#constraint');
    await expect.poll(() => page.locator('#panel .ties li .evidence').first().textContent(), { timeout: 10_000 }).toMatch(/last contact/);
    for (const text of await page.locator('#panel .ties li .evidence').allTextContents()) {
      const parts = text.split(/\s·\s|\.\s/).map((p) => p.trim().replace(/^\w/, (c) => c.toLowerCase()));
      expect(new Set(parts).size, text).toBe(parts.length);
    }
    const glossary = await h.browser.newPage();
    await glossary.page.goto(`${h.api.url}${href}`);
    for (const id of ['chance', 'betweenness', 'effective-size', 'constraint', 'shannon', 'blau']) {
      expect((await glossary.page.textContent(`dt#${id}`))?.length).toBeGreaterThan(2);
    }
    await glossary.page.close();
    errors.push(glossary.errors);
  });

  it('when the time slider goes back, then fewer ties are shown over the same positions, and playing forward adds them back', async () => {
    const page = await open('#color=stage');
    const months = await page.evaluate(() => window.__refnet!.months.length);
    expect(months).toBeGreaterThan(2);
    expect(await page.isVisible('#timeline')).toBe(true);
    const latest = await displayed(page);
    const tiesNow = await page.evaluate(() => window.__refnet!.graph!.size);
    const counts: number[] = [];
    for (const i of [Math.floor(months / 3), Math.floor((2 * months) / 3)]) {
      await page.evaluate((m) => window.__refnet!.showMonth(m), i);
      counts.push(await page.evaluate(() => window.__refnet!.graph!.size));
      expect(await page.inputValue('#filter-asof')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // Positions stay put: the same on-screen spot for everyone shown in both frames.
      for (const [n, d] of Object.entries(await displayed(page))) {
        expect(d.x).toBeCloseTo(latest[n]!.x, 3);
        expect(d.y).toBeCloseTo(latest[n]!.y, 3);
      }
    }
    expect(counts[0]!).toBeLessThan(counts[1]!);
    expect(counts[1]!).toBeLessThanOrEqual(tiesNow);
    await docsScreenshot(page, 'map-time-slider');
    // The slider by hand: the range input drives the same frames.
    await page.locator('#timeline-range').evaluate((el: HTMLInputElement, v) => {
      el.value = v;
      el.dispatchEvent(new Event('change'));
    }, String(months - 1));
    await expect.poll(() => page.evaluate(() => window.__refnet!.graph!.size)).toBe(tiesNow);
    expect(await page.inputValue('#filter-asof')).toBe('');
    await page.close();
  });

  it('when a legend entry is clicked, then only its people stay; the SVG export draws what is shown', async () => {
    const page = pages[0]!;
    await page.selectOption('#color-by', 'industry');
    await page.evaluate(() => window.__refnet!.closePanel());
    await page.evaluate(() => {
      const r = window.__refnet!;
      r.state.path = undefined;
      r.state.filters.minStage = 0;
      r.applyState();
    });
    const first = await page.evaluate(() => window.__refnet!.scales!.industry.entries[0]!.members[0]!);
    await page.locator('#legend .legend-item').first().click();
    const shown = await page.evaluate(() => {
      const r = window.__refnet!;
      r.renderer!.refresh();
      return r.graph!.filterNodes((n) => !r.renderer!.getNodeDisplayData(n)!.hidden).map((n) => r.graph!.getNodeAttribute(n, 'industry'));
    });
    expect(shown.length).toBeGreaterThan(0);
    expect(new Set(shown)).toEqual(new Set([first]));
    expect(await page.getAttribute('#legend .legend-item >> nth=0', 'aria-pressed')).toBe('true');
    const svg = await page.evaluate(() => window.__refnet!.svg());
    expect(svg.match(/<circle /g)?.length).toBe(shown.length);
    await page.locator('#legend .legend-item').first().click();
    expect(await page.evaluate(() => window.__refnet!.state.filters.category)).toBeUndefined();
    const download = page.waitForEvent('download');
    await page.click('#export-png');
    expect((await download).suggestedFilename()).toMatch(/\.png$/);
  });

  it('when the pages ran, then the browser logged no errors', () => {
    expect(errors.flat()).toEqual([]);
  });
});
