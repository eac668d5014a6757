/**
 * The map finds people as the API and the CLI do (any case, accents optional; a shared name is
 * refused next to the path field, listing who shares it, and listed with ids), shows a tie's
 * strength and a path's chance as percentages, reads its stage badges at WCAG AA, keeps every
 * label inside the map on a phone, and labels the time slider with the "As of" date it shows.
 */
import { expect, it } from 'vitest';
import { contrastRatio } from '../../viz/src/palette.js';
import { describeWithChromium, screenshot } from './browser-support.js';
import { harnessWithPage, openMap, waitForLoads } from './map-harness.js';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const network = {
  people: [
    { id: 'ann', name: 'Ann Archer', industry: 'Law' },
    { id: 'bea', name: 'Bea Broker', industry: 'Finance' },
    { id: 'zs1', name: 'Zoë Scott', company: 'Northwind Legal', industry: 'Law' },
    { id: 'zs2', name: 'Zoë Scott', industry: 'Insurance' },
    { id: 'cem', name: 'Cem Contact', industry: 'Finance' },
  ],
  companies: [
    { id: 'nw', name: 'Northwind Legal', industry: 'Law' },
    { id: 'nwl', name: 'Northwind Logistics', industry: 'Logistics' },
  ],
  interactions: [
    { id: 'i1', a: 'ann', b: 'bea', kind: 'one_to_one', at: daysAgo(80) },
    { id: 'i2', a: 'ann', b: 'bea', kind: 'call', at: daysAgo(5) },
    { id: 'i3', a: 'bea', b: 'zs1', kind: 'met', at: daysAgo(10) },
    { id: 'i4', a: 'cem', b: 'zs2', kind: 'met', at: daysAgo(40) },
    { id: 'i5', a: 'ann', b: 'cem', kind: 'met', at: daysAgo(45) },
  ],
};

/** The WCAG contrast of an element's text on its background (both opaque rgb() as computed). */
const hex = (rgb: string) => `#${(rgb.match(/\d+/g) ?? []).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;

describeWithChromium('map: names, numbers and labels', () => {
  const s = harnessWithPage({ network, viewport: { width: 390, height: 844 } });

  it('when "zoe" is searched, then both Zoë Scotts are offered, each with its id', async () => {
    await openMap(s.page, `${s.h.api.url}/index.html`);
    await s.page.fill('#search-input', 'zoe');
    await expect.poll(() => s.page.locator('#search-list li').count()).toBe(2);
    const options = await s.page.locator('#search-list li').allTextContents();
    expect(options.some((o) => o.includes('id zs1'))).toBe(true);
    expect(options.some((o) => o.includes('id zs2'))).toBe(true);
    await screenshot(s.page, 'map-names-search');
    await s.page.fill('#search-input', '');
  });

  it('when a path is asked to a name two people share, then the To field says it is ambiguous, listing both', async () => {
    expect(await s.page.evaluate(() => window.__refnet!.findPaths('ann archer', 'person', 'zoe scott', 2))).toBe(0);
    const error = (await s.page.locator('#path-to ~ .field-error, #path-to + .field-error').first().textContent())!;
    expect(error).toContain('ambiguous');
    expect(error).toContain('id zs1');
    expect(error).toContain('id zs2');
  });

  it('when a path is asked to a company by its name, as the suggestions offer it, then the name is resolved to the company and paths are found', async () => {
    expect(await s.page.evaluate(() => window.__refnet!.findPaths('ann archer', 'company', 'northwind legal', 2))).toBeGreaterThan(0);
    expect(await s.page.locator('#path-to[aria-invalid]').count()).toBe(0);
    expect(await s.page.textContent('#path-results')).toContain('Zoë Scott');
    await s.page.locator('#path-results').scrollIntoViewIfNeeded();
    await screenshot(s.page, 'map-names-company-path-phone');
    await s.page.setViewportSize({ width: 1280, height: 800 });
    await s.page.locator('#path-results').scrollIntoViewIfNeeded();
    await screenshot(s.page, 'map-names-company-path');
    await s.page.setViewportSize({ width: 390, height: 844 });
  });

  it('when a company name is unknown or could be several, then the To field says so in words and nothing is asked', async () => {
    const toError = () => s.page.locator('#path-to ~ .field-error, #path-to + .field-error').first().textContent();
    expect(await s.page.evaluate(() => window.__refnet!.findPaths('ann archer', 'company', 'Nortwind', 2))).toBe(0);
    expect(await toError()).toContain('No company is called "Nortwind"');
    expect(await s.page.evaluate(() => window.__refnet!.findPaths('ann archer', 'company', 'northwind', 2))).toBe(0);
    const error = (await toError())!;
    expect(error).toContain('id nw');
    expect(error).toContain('id nwl');
    expect(await s.page.textContent('#path-results')).not.toMatch(/Unknown company/);
  });

  it('when a path is asked from a person to the same person, then the To field asks for someone else, in words and without the API\'s parameter names', async () => {
    expect(await s.page.evaluate(() => window.__refnet!.findPaths('ann archer', 'person', 'Ann Archer', 2))).toBe(0);
    const error = (await s.page.locator('#path-to ~ .field-error, #path-to + .field-error').first().textContent())!;
    expect(error).toMatch(/^Choose someone other than (yourself|Ann Archer)/);
    expect(error).not.toMatch(/toCompany|where\[/);
    await s.page.locator('#path-to').scrollIntoViewIfNeeded();
    await screenshot(s.page, 'map-names-path-self-phone');
  });

  it('when a path is found, then strengths and chances are percentages, shared names carry ids, and badges read at 4.5:1', async () => {
    expect(await s.page.evaluate(() => window.__refnet!.findPaths('ann archer', 'person', 'zs1', 2))).toBeGreaterThan(0);
    const text = (await s.page.textContent('#path-results'))!;
    expect(text).toMatch(/chance \d+%/);
    expect(text).toMatch(/strength \d+%/);
    expect(text).not.toMatch(/strength 0\.\d/);
    expect(text).toContain('Zoë Scott [zs1]');
    expect(text).toContain('reliability 100%');
    const badges = await s.page.$$eval('#path-results .badge:not(.dormant)', (els) => els.map((e) => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]));
    expect(badges.length).toBeGreaterThan(0);
    for (const [ink, paper] of badges) expect(contrastRatio(hex(ink!), hex(paper!))).toBeGreaterThanOrEqual(4.5);
    await s.page.locator('#sigma').scrollIntoViewIfNeeded();
    await screenshot(s.page, 'map-names-path-phone');
  });

  it('when the map is drawn on a phone with a path, then every label lies inside the map and none overprints another', async () => {
    const check = await s.page.evaluate(() => {
      const r = window.__refnet!;
      const { width, height } = r.renderer!.getDimensions();
      const boxes = r.drawnLabels();
      const outside = boxes.filter((b) => b.x < 0 || b.y < 0 || b.x + b.w > width || b.y + b.h > height).map((b) => b.key);
      const overlaps: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i]!, boxes[j]!];
          if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) overlaps.push(`${a.key}/${b.key}`);
        }
      return { count: boxes.length, outside, overlaps, path: [...(r.state.path?.nodes ?? [])] };
    });
    expect(check.count).toBeGreaterThanOrEqual(check.path.length);
    expect(check.outside).toEqual([]);
    expect(check.overlaps).toEqual([]);
  });

  it('when "As of" is a date within a month, then the slider says that date, not the end of its month', async () => {
    const loads = await s.page.evaluate(() => window.__refnet!.loads);
    const asOf = daysAgo(20);
    await s.page.fill('#filter-asof', asOf);
    await s.page.dispatchEvent('#filter-asof', 'change');
    await waitForLoads(s.page, loads + 1);
    const label = (await s.page.textContent('#timeline-label'))!;
    expect(label).toMatch(/^as of \d{1,2} \w+ \d{4}$/);
    expect(label).not.toContain('end of');
  });
});
