/** The legend for the current colour mode, as a list a screen reader can read too. */
import { STAGE_COLORS, type CategoryScale } from '../palette.js';
import type { DisplayState, Scales } from './display-state.js';

/** Renders the legend into `el`. */
export function renderLegend(el: HTMLElement, state: DisplayState, scales: Scales, selectedName?: string): void {
  const title =
    state.colorBy === 'industry' ? 'Industry' : state.colorBy === 'community' ? 'Community (Louvain)' : 'Stage of tie';
  const items =
    state.colorBy === 'stage'
      ? Object.entries(STAGE_COLORS).map(([label, color]) => ({ label, color, count: undefined as number | undefined }))
      : (state.colorBy === 'industry' ? scales.industry : labelCommunities(scales.community)).entries;
  const note =
    state.colorBy === 'stage'
      ? selectedName
        ? `Ties of ${selectedName}; grey: no tie.`
        : 'Select a person to colour their ties by stage.'
      : '';
  el.replaceChildren();
  const h = document.createElement('h3');
  h.textContent = title;
  const ul = document.createElement('ul');
  for (const item of items) {
    const li = document.createElement('li');
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = item.color;
    sw.setAttribute('aria-hidden', 'true');
    li.append(sw, document.createTextNode(item.count === undefined ? item.label : `${item.label} (${item.count})`));
    ul.append(li);
  }
  el.append(h, ul);
  const size = document.createElement('p');
  size.className = 'note';
  size.textContent = `Size: ${state.sizeBy}.${note ? ` ${note}` : ''}`;
  el.append(size);
}

function labelCommunities(scale: CategoryScale): CategoryScale {
  return { ...scale, entries: scale.entries.map((e) => ({ ...e, label: /^\d+$/.test(e.label) ? `community ${e.label}` : e.label })) };
}
