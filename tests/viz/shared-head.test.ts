/**
 * The head every page shares is written once (viz/shared-head.ts) and added to each page by Vite:
 * no page repeats it, each keeps its own title, and a page that writes one of the shared tags
 * itself is refused at build time, naming the page, rather than shipped with it twice.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedHeadFor, SHARED_HEAD } from '../../viz/shared-head.js';

const VIZ = join(import.meta.dirname, '../../viz');
const pages = readdirSync(VIZ).filter((f) => f.endsWith('.html'));

describe('the pages\' shared head', () => {
  it('when the pages are built, then each gets the shared tags once and keeps its own title', () => {
    expect(pages.length).toBeGreaterThan(6);
    for (const page of pages) {
      const html = readFileSync(join(VIZ, page), 'utf8');
      expect({ page, tags: sharedHeadFor(html, page) }).toEqual({ page, tags: SHARED_HEAD });
      expect({ page, titles: html.match(/<title>refnet · [^<]+<\/title>/g)?.length }).toEqual({ page, titles: 1 });
    }
  });

  it('when a page writes a shared tag itself, then the build is refused naming the page and the tag', () => {
    const html = '<!doctype html><html><head><meta name="viewport" content="width=400" /><title>x</title></head></html>';
    expect(() => sharedHeadFor(html, '/extra.html')).toThrow('/extra.html: <meta name="viewport"> is added to every page\'s head (viz/shared-head.ts): remove it from the page');
  });
});
