/**
 * The head every page shares is written once (viz/shared-head.ts) and added to each page by Vite:
 * no page repeats it, each keeps its own title, and a page that writes one of the shared tags
 * itself is refused at build time, naming the page, rather than shipped with it twice.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedHeadFor, SHARED_HEAD } from '../../viz/shared-head.js';
import { withPagesNav } from '../../viz/shared-nav.js';

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

describe('the pages\' shared navigation', () => {
  it('when the pages are built, then every page but sign-in gets the same links in the same order, its own marked current, Import where it offers the dialog', () => {
    for (const page of pages) {
      const source = readFileSync(join(VIZ, page), 'utf8');
      const html = withPagesNav(source, `/${page}`);
      const nav = /<nav aria-label="Pages">[\s\S]*?<\/nav>/.exec(html)?.[0];
      if (page === 'signin.html') {
        expect(nav).toBeUndefined();
        continue;
      }
      expect({ page, written: /<nav aria-label="Pages">/.test(source) }).toEqual({ page, written: false });
      const hrefs = [...nav!.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
      expect({ page, hrefs }).toEqual({ page, hrefs: ['/home.html', '/index.html', '/report.html', '/chapter.html', '/account.html', '/admin.html'] });
      const current = [...nav!.matchAll(/href="([^"]+)"[^>]*aria-current="page"/g)].map((m) => m[1]);
      expect({ page, current }).toEqual({ page, current: hrefs.includes(`/${page}`) ? [`/${page}`] : [] });
      expect({ page, importButton: nav!.includes('data-import-open') }).toEqual({ page, importButton: source.includes('data-pages-nav data-import') });
      expect(nav).toContain('data-sign-out');
    }
  });
});
