/**
 * Search with autocomplete, keyboard first: type, ↓/↑ to move, Enter to choose, Escape to close.
 * Matches people on the map by name or id, then by company or industry (all local, so it is instant).
 */
import { compareIds } from '../../../graph/support/id-order.js';
import { foldText } from '../../../graph/support/name-match.js';

export interface SearchItem {
  id: string;
  label: string;
  hint?: string;
}

const MAX_RESULTS = 12;

/** Wires the combobox; `onChoose` runs with the chosen id. Returns a cleanup. */
export function setupSearch(
  input: HTMLInputElement,
  list: HTMLUListElement,
  items: () => SearchItem[],
  onChoose: (id: string) => void,
): () => void {
  let matches: SearchItem[] = [];
  let active = -1;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const render = () => {
    list.replaceChildren(
      ...matches.map((m, i) => {
        const li = document.createElement('li');
        li.id = `search-option-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', String(i === active));
        li.dataset.id = m.id;
        const name = document.createElement('span');
        name.dir = 'auto';
        name.textContent = m.label;
        li.append(name);
        if (m.hint) {
          const small = document.createElement('small');
          small.textContent = m.hint;
          li.append(small);
        }
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          choose(i);
        });
        return li;
      }),
    );
    list.hidden = matches.length === 0;
    input.setAttribute('aria-expanded', String(matches.length > 0));
    if (active >= 0) input.setAttribute('aria-activedescendant', `search-option-${active}`);
  };
  const choose = (i: number) => {
    const m = matches[i];
    if (!m) return;
    input.value = m.label;
    close();
    onChoose(m.id);
  };
  const onInput = () => {
    const q = input.value.trim();
    matches = q ? rank(items(), q) : [];
    active = matches.length > 0 ? 0 : -1;
    render();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (matches.length === 0) return;
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : -1) + matches.length) % matches.length;
      render();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(Math.max(0, active));
    } else if (e.key === 'Escape') close();
  };
  input.addEventListener('input', onInput);
  input.addEventListener('keydown', onKey);
  input.addEventListener('blur', close);
  return () => {
    input.removeEventListener('input', onInput);
    input.removeEventListener('keydown', onKey);
    input.removeEventListener('blur', close);
  };
}

/**
 * Names first: name prefix, then a word of the name, then anywhere in the name, then the exact
 * id; a company or industry matches only by the start of one of its words (so "gra" finds the
 * Graces, not everyone in Photography), and only after every name match. Case and accents do not
 * count, as in the API's search and the CLI (graph/support/name-match.ts): "zoe" finds "Zoë".
 */
export function rank(items: SearchItem[], typed: string): SearchItem[] {
  const q = foldText(typed.trim());
  if (!q) return [];
  const scored: [number, SearchItem][] = [];
  const wordStart = (text: string) => text.startsWith(q) || text.includes(` ${q}`);
  for (const it of items) {
    const name = foldText(it.label);
    let score = -1;
    if (name.startsWith(q)) score = 0;
    else if (name.includes(` ${q}`)) score = 1;
    else if (name.includes(q)) score = 2;
    else if (foldText(it.id) === q) score = 2;
    else if (it.hint && wordStart(foldText(it.hint))) score = 3;
    if (score >= 0) scored.push([score, it]);
  }
  scored.sort((a, b) => a[0] - b[0] || compareIds(a[1].label, b[1].label));
  return scored.slice(0, MAX_RESULTS).map(([, it]) => it);
}
