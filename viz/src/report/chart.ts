/**
 * A grouped horizontal bar chart in SVG: each category's share among the subject's ties (or
 * members) against the reference share. SVG prints crisply; the same numbers go in a table beside
 * it as the text alternative (screen readers, and anyone who wants the figures). The legend is
 * HTML above the SVG and wraps, so a long group name in it cannot run over the other entry or
 * the category labels.
 */
import { h } from '../dom.js';
import { OKABE_ITO } from '../palette.js';
import type { ShareRow } from './top-categories.js';

export type { ShareRow } from './top-categories.js';

const SUBJECT = OKABE_ITO[3]; // blue
const REFERENCE = OKABE_ITO[0]; // orange
const NS = 'http://www.w3.org/2000/svg';
const LABEL_CHARS = 28;

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The legend: one swatch and label per series, as wrapping HTML. */
export function chartLegend(subjectLabel: string, referenceLabel: string): HTMLElement {
  const item = (colour: string, label: string, series: string) =>
    h('li', { 'data-series': series }, h('span', { class: 'swatch', style: `background:${colour}`, 'aria-hidden': 'true' }), label);
  return h('ul', { class: 'chart-legend', 'data-testid': 'chart-legend' }, item(SUBJECT, subjectLabel, 'subject'), item(REFERENCE, referenceLabel, 'reference'));
}

/** The width the chart is laid out for when the page gives none (a wide screen, print). */
export const CHART_WIDTH = 770;

/**
 * Draws the chart; `title` and `summary` become its accessible name and description. It is laid
 * out for `width`, the CSS pixels it will be shown at: the SVG scales to its box, so a chart laid
 * out for a desktop and shown on a phone would draw its labels at a third of their size. Narrower,
 * the labels' column and the bars share the width instead, and the text keeps its size.
 */
export function shareChart(rows: ShareRow[], title: string, summary: string, width = CHART_WIDTH): SVGSVGElement {
  width = Math.max(280, Math.min(CHART_WIDTH, Math.round(width)));
  const labelW = Math.round(Math.min(200, width * 0.32));
  const barW = width - labelW - 70;
  const labelChars = Math.max(10, Math.floor((LABEL_CHARS * labelW) / 200));
  const rowH = 34;
  const top = 6;
  const height = top + rows.length * rowH + 10;
  const max = Math.max(0.01, ...rows.flatMap((r) => [r.share, r.reference]));
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-labelledby': 'chart-title chart-desc' });
  svg.append(el('title', { id: 'chart-title' }, title), el('desc', { id: 'chart-desc' }, summary));
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const g = el('g', { 'aria-hidden': 'true', 'data-category': r.category });
    const label = el('text', { x: labelW - 8, y: y + 18, 'text-anchor': 'end', 'font-size': 12 }, truncate(r.category, labelChars));
    label.append(el('title', {}, r.category));
    g.append(label);
    const w1 = (r.share / max) * barW;
    const w2 = (r.reference / max) * barW;
    g.append(el('rect', { x: labelW, y: y + 3, width: Math.max(w1, 0.5), height: 12, fill: SUBJECT, rx: 2 }));
    g.append(el('text', { x: labelW + w1 + 4, y: y + 13, 'font-size': 10, fill: '#1d2330' }, pct(r.share)));
    g.append(el('rect', { x: labelW, y: y + 17, width: Math.max(w2, 0.5), height: 12, fill: REFERENCE, rx: 2, 'fill-opacity': 0.9 }));
    g.append(el('text', { x: labelW + w2 + 4, y: y + 27, 'font-size': 10, fill: '#1d2330' }, pct(r.reference)));
    svg.append(g);
  });
  return svg;
}

export function pct(v: number): string {
  return `${(v * 100).toFixed(v > 0 && v < 0.1 ? 1 : 0)}%`;
}

function truncate(s: string, n: number): string {
  return [...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s;
}
