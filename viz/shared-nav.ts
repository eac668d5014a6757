/**
 * The pages' navigation, written once: a page holds `<nav data-pages-nav></nav>` (with
 * `data-import` where it offers the import dialog) and Vite fills it in (shared-head.ts's plugin),
 * marking the page itself as current. The Account, Admin and Sign out entries stay hidden until
 * the session script (src/session/main.ts) knows who is signed in.
 */

const LINKS: [href: string, label: string][] = [
  ['/home.html', 'Home'],
  ['/index.html', 'Map'],
  ['/report.html', 'Diversity gap'],
  ['/chapter.html', 'Chapter report'],
];

const PLACEHOLDER = /<nav data-pages-nav( data-import)?><\/nav>/;

/** The page's html with its navigation filled in (`page`: its path, e.g. "/admin.html"); unchanged without the placeholder. */
export function withPagesNav(html: string, page: string): string {
  const m = PLACEHOLDER.exec(html);
  if (!m) return html;
  const current = (href: string) => (href === page ? ' aria-current="page"' : '');
  const entries = [
    ...LINKS.map(([href, label]) => `<a href="${href}"${current(href)}>${label}</a>`),
    ...(m[1] ? ['<button type="button" class="nav-import" data-import-open>Import</button>'] : []),
    `<a href="/account.html" data-account-link${current('/account.html')} hidden>Account</a>`,
    `<a href="/admin.html" data-admin-link${current('/admin.html')} hidden>Admin</a>`,
    '<button type="button" class="nav-sign-out" data-sign-out hidden>Sign out</button>',
  ];
  return html.replace(PLACEHOLDER, `<nav aria-label="Pages">\n        ${entries.join('\n        ')}\n      </nav>`);
}
