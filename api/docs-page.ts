/**
 * The API docs page: Swagger UI (swagger-ui-dist) served from this server — the machine running
 * refnet may have no internet, so no CDN — over /api/openapi.json, with "try it out" against the
 * same server. Only the three files the page needs are served. Swagger UI's install-time Scarf
 * telemetry never runs (its install script is denied in package.json) and nothing on the page
 * calls out: the online spec validator is off (validatorUrl: null) and the CSP allows this origin
 * only.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The swagger-ui-dist files the page loads, by the name they are served under /api/docs/. */
export const SWAGGER_FILES: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'application/javascript',
  'favicon-32x32.png': 'image/png',
};

const SWAGGER_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

export const swaggerFile = (name: string) => join(SWAGGER_DIR, name);

export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>refnet API</title>
<link rel="icon" href="/api/docs/favicon-32x32.png">
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
<link rel="stylesheet" href="/api/docs/page.css">
</head>
<body>
<header class="refnet-bar"><a href="/home.html">refnet</a> <span>API</span> <a href="/api/openapi.json">openapi.json</a></header>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;

export const DOCS_CSS = `body { margin: 0; }
.refnet-bar { background: #1d2330; color: #fff; padding: 10px 20px; font: 600 16px system-ui, sans-serif; display: flex; gap: 14px; align-items: baseline; }
.refnet-bar a { color: #fff; text-decoration: none; }
.refnet-bar a:last-child { margin-left: auto; font-weight: 400; font-size: 13px; text-decoration: underline; }
.swagger-ui .info { margin: 24px 0; }`;

/**
 * Starts Swagger UI. Writes made with "try it out" from a signed-in browser carry the session's
 * CSRF token (from GET /api/me), as the refnet pages' own writes do; key and local-mode writes
 * need none.
 */
export const DOCS_JS = `'use strict';
(function () {
  var csrf;
  function token() {
    if (!csrf) csrf = fetch('/api/me', { credentials: 'same-origin' }).then(function (r) { return r.ok ? r.json() : {}; }).then(function (me) { return me.csrfToken; }, function () { return undefined; });
    return csrf;
  }
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    tryItOutEnabled: true,
    validatorUrl: null,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    defaultModelExpandDepth: 2,
    displayRequestDuration: true,
    filter: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    requestInterceptor: function (req) {
      var method = (req.method || 'GET').toUpperCase();
      if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || req.url.indexOf('/api/me') !== -1) return req;
      return token().then(function (t) { if (t) req.headers['x-csrf-token'] = t; return req; });
    },
  });
})();
`;
