/**
 * The head every page shares — character set, phone viewport, no favicon request — written once
 * here and put into each viz/*.html by Vite (in `npx vite` and in the build alike), so a page's
 * own <head> holds only its title. A page that writes one of these itself is refused at build
 * time rather than shipped with it twice.
 */
import type { HtmlTagDescriptor, Plugin } from 'vite';
import { withPagesNav } from './shared-nav.js';

export const SHARED_HEAD: HtmlTagDescriptor[] = [
  { tag: 'meta', attrs: { charset: 'utf-8' }, injectTo: 'head-prepend' },
  { tag: 'meta', attrs: { name: 'viewport', content: 'width=device-width, initial-scale=1' }, injectTo: 'head-prepend' },
  { tag: 'link', attrs: { rel: 'icon', href: 'data:,' }, injectTo: 'head' },
];

/** What a page must not write itself, since SHARED_HEAD adds it. */
const WRITTEN_TWICE: [RegExp, string][] = [
  [/<meta\s[^>]*\bcharset=/i, '<meta charset>'],
  [/<meta\s[^>]*\bname="viewport"/i, '<meta name="viewport">'],
  [/<link\s[^>]*\brel="icon"/i, '<link rel="icon">'],
];

/** The tags for one page; throws naming the page when it already has one of them. */
export function sharedHeadFor(html: string, page: string): HtmlTagDescriptor[] {
  const twice = WRITTEN_TWICE.find(([pattern]) => pattern.test(html));
  if (twice) throw new Error(`${page}: ${twice[1]} is added to every page's head (viz/shared-head.ts): remove it from the page`);
  return SHARED_HEAD;
}

/** The plugin: each page's shared head tags, and its navigation (shared-nav.ts) filled in. */
export function sharedHead(): Plugin {
  return {
    name: 'refnet-shared-head',
    transformIndexHtml: { order: 'pre', handler: (html, ctx) => ({ html: withPagesNav(html, ctx.path), tags: sharedHeadFor(html, ctx.path) }) },
  };
}
