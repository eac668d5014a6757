/**
 * The legend for the current colour mode, as a list a screen reader can read too. Each entry is
 * a toggle button that filters the map on click: a category (or "other", or "not set") shows only
 * its people; a stage shows only ties of that stage or later. Clicking the pressed entry clears it.
 */
import { h } from '../dom.js';
import { entry, glossaryLink } from '../glossary/terms.js';
import { STAGE_COLORS, type CategoryEntry } from '../palette.js';
import { STAGE_NAMES, type DisplayState, type Scales } from './display-state.js';

export type LegendPick = { kind: 'category'; by: 'industry' | 'community'; entry: CategoryEntry } | { kind: 'stage'; stage: number };

/** One entry of the legend: its words, its colour, a line (a tie's stage) or a disc, whether it is the filter in force. */
export interface LegendEntry {
  label: string;
  color: string;
  line: boolean;
  pressed: boolean;
  pick: LegendPick;
}

/** The legend's title for the colour mode. */
export const legendTitle = (by: DisplayState['colorBy']): string => (by === 'industry' ? 'Industry' : by === 'community' ? 'Community' : 'Stage of tie');

/** The legend's entries for the current colour mode: what the page shows and an exported image carries. */
export function legendEntries(state: DisplayState, scales: Scales): LegendEntry[] {
  const by = state.colorBy;
  if (by === 'stage') {
    return STAGE_NAMES.map((name, stage): LegendEntry => ({ label: stage === 0 ? name : `${name}+`, color: STAGE_COLORS[name], line: true, pressed: state.filters.minStage === stage && stage > 0, pick: { kind: 'stage', stage } }));
  }
  const scale = by === 'industry' ? scales.industry : scales.community;
  const chosen = state.filters.category?.by === by ? state.filters.category.keys : undefined;
  return scale.entries.map((entry): LegendEntry => ({
    label: `${entry.label} (${entry.count})`,
    color: entry.color,
    line: false,
    pressed: chosen !== undefined && entry.members.length === chosen.size && entry.members.every((m) => chosen.has(m)),
    pick: { kind: 'category', by, entry },
  }));
}

/** Renders the legend into `el`; `onPick` runs when an entry is clicked. */
export function renderLegend(el: HTMLElement, state: DisplayState, scales: Scales, selectedName: string | undefined, onPick: (pick: LegendPick) => void): void {
  const by = state.colorBy;
  const jargon = by === 'community' ? 'community' : by === 'stage' ? 'vcp' : undefined;
  const title = h('h3', { title: jargon ? entry(jargon).plain : undefined }, legendTitle(by));
  const ul = document.createElement('ul');
  for (const { label, color, line, pressed, pick } of legendEntries(state, scales)) {
    const button = h('button', { type: 'button', class: 'legend-item', 'aria-pressed': String(pressed), title: pressed ? 'Show everyone again' : `Show only ${label}` });
    const sw = h('span', { class: line ? 'swatch line' : 'swatch', 'aria-hidden': 'true' });
    sw.style.background = color;
    button.append(sw, label);
    button.addEventListener('click', () => onPick(pick));
    const li = document.createElement('li');
    li.append(button);
    ul.append(li);
  }
  const note =
    by === 'stage'
      ? selectedName
        ? `Ties of ${selectedName}; grey: no tie.`
        : 'Ties by stage (faded: dormant); people by their most advanced tie. Select a person to colour their contacts.'
      : 'Click an entry to show only it.';
  const size = h('p', { class: 'note', title: entry('strength').plain }, `Size: ${state.sizeBy}; tie width: strength. ${note}`);
  el.replaceChildren(title, ...(jargon ? [glossaryLink(jargon)] : []), ul, size);
}

