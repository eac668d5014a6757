/** The glossary page: every entry of terms.ts under its own anchor, so tooltips can link to it. */
import '../styles.css';
import { h } from '../dom.js';
import { GLOSSARY } from './terms.js';

const list = document.getElementById('glossary-list')!;
list.replaceChildren(
  ...GLOSSARY.flatMap((e) => [h('dt', { id: e.id, text: e.term }), h('dd', {}, h('p', { text: e.plain }), h('p', { class: 'precise', text: e.precise }))]),
);
if (location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
