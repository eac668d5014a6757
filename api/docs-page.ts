/**
 * A self-contained API docs page (the machine running refnet may have no internet, so no CDN):
 * plain HTML plus a small script, served from the same origin so helmet's CSP allows it, that
 * fetches /api/openapi.json and renders every path, parameter, body, response and schema.
 */

export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>refnet API</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 980px; padding: 1rem 1.5rem; color: #1d232a; }
  h1 { margin-bottom: 0; } .lead { color: #555; margin-top: .3rem; }
  h2 { border-bottom: 1px solid #ddd; padding-bottom: .2rem; margin-top: 2rem; text-transform: capitalize; }
  details { border: 1px solid #dde; border-radius: 6px; margin: .4rem 0; }
  summary { cursor: pointer; padding: .45rem .6rem; }
  .m { display: inline-block; min-width: 4.2rem; font-weight: 700; font-family: monospace; text-transform: uppercase; }
  .get { color: #0a6; } .post { color: #06c; } .put { color: #a60; } .patch { color: #909; } .delete { color: #c22; }
  code, pre { font-family: ui-monospace, monospace; font-size: 13px; }
  pre { background: #f6f8fa; padding: .6rem; overflow: auto; border-radius: 4px; margin: .3rem 0; }
  .body { padding: 0 .8rem .6rem; } table { border-collapse: collapse; } td, th { padding: .15rem .6rem .15rem 0; text-align: left; vertical-align: top; }
  #filter { width: 100%; padding: .4rem; font-size: 15px; margin: .8rem 0; }
</style>
</head>
<body>
<h1>refnet API</h1>
<p class="lead">Generated from <a href="/api/openapi.json">/api/openapi.json</a>. Errors are RFC 9457 <code>application/problem+json</code>.</p>
<input id="filter" placeholder="Filter paths (e.g. people, import, referral)">
<main id="out">Loading…</main>
<script src="/api/docs/app.js"></script>
</body>
</html>`;

export const DOCS_JS = `'use strict';
(async () => {
  const out = document.getElementById('out');
  const spec = await (await fetch('/api/openapi.json')).json();
  const el = (tag, attrs = {}, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    for (const kid of kids) e.append(kid);
    return e;
  };
  const refName = (s) => s && s.$ref ? s.$ref.split('/').pop() : undefined;
  // A compact, TypeScript-like rendering: one field per line, required ones unmarked, optional with '?'.
  const typeOf = (s, depth) => {
    if (!s) return 'any';
    if (refName(s)) return refName(s);
    if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
    if (s.const !== undefined) return JSON.stringify(s.const);
    const alts = s.anyOf || s.oneOf;
    if (alts) return alts.map((a) => typeOf(a, depth)).join(' | ');
    if (s.type === 'array') return typeOf(s.items, depth) + '[]';
    if (s.type === 'object' || s.properties) {
      const pad = '  '.repeat(depth + 1);
      const req = new Set(s.required || []);
      const lines = Object.entries(s.properties || {}).map(([k, v]) =>
        pad + k + (req.has(k) ? '' : '?') + ': ' + typeOf(v, depth + 1) + (v.description ? '  // ' + v.description : ''));
      if (s.additionalProperties && typeof s.additionalProperties === 'object') lines.push(pad + '[key]: ' + typeOf(s.additionalProperties, depth + 1));
      return lines.length ? '{\\n' + lines.join('\\n') + '\\n' + '  '.repeat(depth) + '}' : 'object';
    }
    const t = Array.isArray(s.type) ? s.type.join(' | ') : s.type || 'any';
    const facts = [s.format, s.minLength !== undefined && 'min ' + s.minLength, s.maxLength !== undefined && 'max ' + s.maxLength,
      s.minimum !== undefined && '≥ ' + s.minimum, s.maximum !== undefined && '≤ ' + s.maximum, s.default !== undefined && 'default ' + s.default].filter(Boolean);
    return t + (facts.length ? ' (' + facts.join(', ') + ')' : '');
  };
  const show = (schema) => el('pre', {}, typeOf(schema, 0));
  const byTag = new Map();
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = (op.tags && op.tags[0]) || 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ path, method, op });
    }
  }
  out.textContent = '';
  for (const [tag, ops] of byTag) {
    const section = el('section', {}, el('h2', {}, tag));
    out.append(section);
    for (const { path, method, op } of ops) {
      const body = el('div', { class: 'body' });
      if (op.parameters && op.parameters.length) {
        const t = el('table', {}, el('tr', {}, el('th', {}, 'parameter'), el('th', {}, 'in'), el('th', {}, 'type'), el('th', {}, 'description')));
        for (const p of op.parameters) {
          const s = p.schema || {};
          t.append(el('tr', {}, el('td', {}, el('code', {}, p.name + (p.required ? ' *' : ''))), el('td', {}, p.in),
            el('td', {}, (s.type || (s.enum ? 'enum' : '')) + (s.enum ? ' ' + s.enum.join('|') : '') + (s.default !== undefined ? ' = ' + s.default : '')),
            el('td', {}, p.description || '')));
        }
        body.append(t);
      }
      const rb = op.requestBody && op.requestBody.content;
      if (rb) for (const [type, c] of Object.entries(rb)) body.append(el('p', {}, 'Body (' + type + '):'), show(c.schema));
      for (const [status, r] of Object.entries(op.responses || {})) {
        body.append(el('p', {}, el('b', {}, status), ' ' + (r.description || '')));
        for (const c of Object.values(r.content || {})) if (!refName(c.schema) || status < 300) body.append(show(c.schema));
      }
      section.append(el('details', { 'data-key': (path + ' ' + method + ' ' + (op.summary || '')).toLowerCase() },
        el('summary', {}, el('span', { class: 'm ' + method }, method), ' ', el('code', {}, path), ' — ' + (op.summary || '')), body));
    }
  }
  const schemas = el('section', {}, el('h2', {}, 'schemas'));
  out.append(schemas);
  for (const [name, schema] of Object.entries((spec.components && spec.components.schemas) || {})) {
    schemas.append(el('details', { 'data-key': name.toLowerCase() }, el('summary', {}, el('code', {}, name)), el('div', { class: 'body' }, show(schema))));
  }
  document.getElementById('filter').addEventListener('input', (e) => {
    const q = e.target.value.toLowerCase();
    for (const section of out.querySelectorAll('section')) {
      let any = false;
      for (const d of section.querySelectorAll('details')) {
        const hit = d.dataset.key.includes(q);
        d.style.display = hit ? '' : 'none';
        any = any || hit;
      }
      section.style.display = any ? '' : 'none';
    }
  });
})().catch((err) => { document.getElementById('out').textContent = 'Could not load the API description: ' + err; });
`;
