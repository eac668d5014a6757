/**
 * The diversity gap report page: what to act on first — the gaps in one ranking by referral
 * potential, each with people who could fill it and the warm path to them — then the person's or
 * group's shares of a dimension against the reference (chart and table, people with no value as
 * an "unknown" row and a warning, and — for a reader who does not see everyone — the categories
 * only other members' private contacts hold, which the answer counts but does not name, as one
 * row in words: "2 private contacts"). Target categories no one holds are refused as typos: each
 * closest spelling is offered as a one-click fix, and the user may include them instead
 * (recruiting targets: allowAbsent=true).
 * Prints cleanly (@media print in styles.css).
 */
import '../styles.css';
import type { UnknownValue } from '../../../graph/service/errors.js';
import { ApiError, describeError, getJson, issueWords, unknownValues } from '../api.js';
import { fieldError } from '../form-errors.js';
import { IMPORTED_EVENT } from '../import/events.js';
import { findPerson, nameWithId, PersonRefError } from '../people.js';
import { namesakeIds } from '../../../graph/support/name-match.js';
import { contactLinks, loadCard } from '../contact.js';
import { asText, fmt, h, pick } from '../dom.js';
import { chartLegend, pct, shareChart, type ShareRow } from './chart.js';
import { replaceTarget } from './target-list.js';
import { topCategories } from './top-categories.js';
import { count, percent } from '../../../graph/support/words.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

interface Named {
  id: string;
  name: string;
}

let people: Named[] = [];
let groups: Named[] = [];
/** People whose name someone else shares (of those the map lists). */
let namesakes = new Set<string>();

/** Loads names for the subject picker from the map data (people and groups). */
async function loadChoices(): Promise<void> {
  try {
    const map = await getJson<{ nodes: { id: string; label: string }[]; groups: Named[] }>('/api/map', { edges: false });
    people = map.nodes.map((n) => ({ id: n.id, name: n.label }));
    namesakes = namesakeIds(people);
    groups = map.groups;
  } catch {
    people = [];
  }
  fillSubjects();
}

function fillSubjects(): void {
  const list = $<HTMLSelectElement>('report-subject-kind').value === 'group' ? groups : people;
  $('subject-options').replaceChildren(...list.slice(0, 5000).map((p) => h('option', { value: p.name, label: p.id })));
}

function resolve(kind: string, text: string): Named | undefined {
  const list = kind === 'group' ? groups : people;
  const t = text.trim().toLowerCase();
  return list.find((p) => p.id === text) ?? list.find((p) => p.name.toLowerCase() === t);
}

/** The subject typed: a group by id or name; a person found as the API and the CLI find one (people.ts). */
async function subjectOf(kind: string, text: string): Promise<Named> {
  if (kind === 'group') return resolve(kind, text) ?? { id: text, name: text };
  const p = await findPerson(text, (t) => people.some((x) => x.id === t));
  return { id: p.id, name: p.name === p.id ? (resolve(kind, p.id)?.name ?? p.id) : p.name };
}

/** Fetches and renders the report; resolves with the number of gaps shown, -1 when it failed. */
/** What the report shown was asked with, to ask again after an import. */
let shown: Parameters<typeof showReport> | undefined;

export async function showReport(kind: string, subject: string, dimension: string, target: string, allowAbsent = false): Promise<number> {
  shown = [kind, subject, dimension, target, allowAbsent];
  const status = $('report-status');
  const body = $('report-body');
  // The form says what the report shown was asked with, whether asked from the form, the address or a button.
  $<HTMLInputElement>('report-allow-absent').checked = allowAbsent;
  status.textContent = 'Computing the report…';
  fieldError($('report-subject'), undefined);
  fieldError($('report-target'), undefined);
  let who: Named;
  try {
    who = await subjectOf(kind, subject);
  } catch (e) {
    if (!(e instanceof PersonRefError)) throw e;
    fieldError($('report-subject'), e.message);
    status.textContent = '';
    body.replaceChildren();
    return -1;
  }
  try {
    const r = await getJson<unknown>('/api/reports/diversity-gap', { [kind]: who.id, dimension, target: target || undefined, allowAbsent: allowAbsent || undefined });
    const count = renderReport(body, r, who.name, dimension, kind);
    status.textContent = '';
    const params = new URLSearchParams({ [kind]: who.id, dimension, ...(target ? { target } : {}), ...(allowAbsent ? { allowAbsent: 'true' } : {}) });
    history.replaceState(null, '', `?${params}`);
    return count;
  } catch (e) {
    const unheld = allowAbsent ? undefined : unknownValues(e, '/query/target');
    if (unheld?.length) {
      // Each target no one holds is a typo to correct (its closest spellings, as the problem
      // lists them) or a category to recruit, which the user may take as a target anyway.
      status.textContent = `Could not compute the report: ${(e as Error).message}`;
      body.replaceChildren(unheldTargetOffer(unheld));
      return -1;
    }
    body.replaceChildren();
    // A problem with the target list is said next to it, once.
    const targetIssue = e instanceof ApiError && Array.isArray(e.problem?.errors) ? (e.problem.errors as { path?: unknown }[]).find((x) => x.path === '/query/target') : undefined;
    if (targetIssue) fieldError($('report-target'), issueWords(targetIssue));
    status.textContent = targetIssue ? 'Could not compute the report: see Target categories above.' : `Could not compute the report: ${describeError(e)}`;
    return -1;
  }
}

/**
 * What to do about target categories no one holds, each in the order asked: use a close spelling
 * (it replaces the misspelt entry in the Target categories field and asks again), or include them
 * all, which ticks the form's box and asks again. Both ask with what the form holds now (edited
 * since, or not).
 */
function unheldTargetOffer(unheld: UnknownValue[]): HTMLElement {
  const ask = () => $<HTMLFormElement>('report-form').requestSubmit();
  const use = (u: UnknownValue, spelling: string) => {
    const b = h('button', { type: 'button', 'data-testid': 'use-suggestion', 'aria-label': `Use "${spelling}" instead of "${u.value}"`, text: `Use "${spelling}"` });
    b.addEventListener('click', () => {
      const field = $<HTMLInputElement>('report-target');
      field.value = replaceTarget(field.value, u.value, spelling);
      ask();
    });
    return b;
  };
  const include = h('button', { type: 'button', 'data-testid': 'include-absent', text: 'Include categories nobody has yet' });
  include.addEventListener('click', () => {
    $<HTMLInputElement>('report-allow-absent').checked = true;
    ask();
  });
  return h(
    'div',
    { class: 'warning', 'data-testid': 'absent-targets' },
    h('p', { text: unheld.length === 1 ? 'Nobody has this target category:' : 'Nobody has these target categories:' }),
    h(
      'ul',
      { class: 'unheld-targets' },
      ...unheld.map((u) =>
        h(
          'li',
          { 'data-value': u.value },
          // Straight quotes, as in the problem's words above and on the buttons.
          `"${u.value}"`,
          ...(u.didYouMean.length ? [' — a misspelling? ', ...u.didYouMean.map((s) => use(u, s))] : [h('span', { class: 'evidence', text: ' — no close spelling' })]),
        ),
      ),
    ),
    h('p', { text: 'A category nobody has yet can still be a target, someone to recruit: it is listed as missing, with no one to fill it yet.' }),
    include,
  );
}

function renderReport(body: HTMLElement, r: unknown, subjectName: string, dimension: string, kind: string): number {
  // A person's report is about their ties, a group's about its members: say which everywhere.
  const noun = kind === 'group' ? 'members' : 'ties';
  const one = kind === 'group' ? 'member' : 'tie';
  const rawShares = (pick(r, 'shares') ?? []) as Record<string, unknown>[];
  // On a sensitive dimension a share resting on fewer than k people is null (withheld): it is
  // said so in the table and left out of the chart and the summary, never drawn as 0.
  const withheld = new Set(rawShares.filter((s) => s.subjectShare === null).map((s) => asText(s.category, '?')));
  const allRows: ShareRow[] = rawShares.map((s) => ({
    category: asText(s.category, '?'),
    share: Number(s.subjectShare ?? 0),
    reference: Number(s.referenceShare ?? 0),
  }));
  const rows = topCategories(allRows.filter((x) => !withheld.has(x.category)));
  const referenceLabel = pick(r, 'reference') === 'target' ? 'target list' : 'whole network';
  // Missing and under-represented gaps in the server's one ranking (docs/ANALYTICS.md).
  const tag = (list: unknown, gapKind: string) => ((Array.isArray(list) ? list : []) as Record<string, unknown>[]).map((g): Record<string, unknown> => ({ ...g, kind: gapKind }));
  const gaps = [...tag(pick(r, 'missing'), 'missing'), ...tag(pick(r, 'underRepresented'), 'under-represented')].sort(
    (a, b) => Number(a.rank ?? Infinity) - Number(b.rank ?? Infinity),
  );
  const title = `${dimension[0]!.toUpperCase()}${dimension.slice(1)} diversity of ${subjectName}'s ${noun}`;
  // The largest shortfall of one category: "other" is many categories, never named as one.
  const biggest = rows.filter((x) => !x.merged).sort((a, b) => b.reference - b.share - (a.reference - a.share))[0];
  const summary =
    `${count(allRows.length, 'category', 'categories')}${rows.some((x) => x.merged) ? `, the ${rows.length - 1} largest drawn and the rest as "other"` : ''}. ` +
    (biggest ? `Largest shortfall: ${biggest.category}, ${pct(biggest.share)} against ${pct(biggest.reference)} in the ${referenceLabel}.` : '');

  const subjectPeople = Number(pick(r, 'subjectPeople') ?? 0);
  const unknownMine = pick(r, 'unknown', 'subject');
  const unknownAll = pick(r, 'unknown', 'network');
  const unknownRow = h(
    'tr',
    { class: 'unknown', 'data-testid': 'unknown-row' },
    h('td', { text: 'unknown (no value)' }),
    h('td', { text: typeof unknownMine === 'number' ? `${fmt(unknownMine)} of ${count(subjectPeople, one, noun)}${subjectPeople ? ` (${pct(unknownMine / subjectPeople)})` : ''}` : WITHHELD }),
    h('td', { text: typeof unknownAll === 'number' ? `${count(unknownAll, 'person')} in the network` : WITHHELD }),
    h('td', { text: 'not in any share' }),
  );
  const warning =
    typeof unknownMine === 'number' && unknownMine > 0
      ? h('p', {
          class: 'warning',
          role: 'note',
          'data-testid': 'unknown-warning',
          text: `⚠ ${fmt(unknownMine)} of ${subjectName}'s ${count(subjectPeople, one, noun)} ${unknownMine === 1 ? 'has' : 'have'} no ${dimension} set: they count in no share below. Fill in their ${dimension} to complete the report.`,
        })
      : null;

  // Categories no one the reader sees holds (only other members' private contacts do): counted, never named.
  const unnamed = pick(r, 'unnamed') as Record<string, unknown> | undefined;
  const unnamedRow =
    unnamed &&
    h(
      'tr',
      { class: 'unnamed', 'data-testid': 'unnamed-row' },
      h('td', { text: "other members' private contacts (categories not shown)" }),
      h('td', {
        text:
          typeof unnamed.subjectCount === 'number' && typeof unnamed.subjectShare === 'number'
            ? `${pct(unnamed.subjectShare)} (${count(unnamed.subjectCount, 'private contact')})`
            : WITHHELD,
      }),
      h('td', { text: pct(Number(unnamed.referenceShare ?? 0)) }),
      h('td', { text: 'held only by people you do not see' }),
    );

  const table = h(
    'table',
    { class: 'data', 'data-testid': 'shares-table' },
    h('caption', { class: 'visually-hidden', text: `${title}: shares against the ${referenceLabel}` }),
    h('thead', {}, h('tr', {}, h('th', { text: dimension }), h('th', { text: `share of ${subjectName}'s ${noun}` }), h('th', { text: `${referenceLabel} share` }), h('th', { text: 'difference' }))),
    h('tbody', {}, ...allRows.map((x) => withheld.has(x.category)
      ? h('tr', {}, h('td', { text: x.category }), h('td', { text: WITHHELD }), h('td', { text: pct(x.reference) }), h('td', { text: '' }))
      : h('tr', {}, h('td', { text: x.category }), h('td', { text: pct(x.share) }), h('td', { text: pct(x.reference) }), h('td', { text: `${x.share >= x.reference ? '+' : '−'}${pct(Math.abs(x.share - x.reference))}` }))), unnamedRow, unknownRow),
  );
  const figure = h('figure', { 'data-testid': 'share-chart' });
  figure.append(chartLegend(`${subjectName}'s ${noun}`, referenceLabel), shareChart(rows, title, summary), h('figcaption', { class: 'evidence', text: summary }));

  const gapList = h('ol', { class: 'gaps', 'data-testid': 'gaps' }, ...gaps.map((g) => gapItem(g, noun)));
  body.replaceChildren(
    h('h2', { text: title }),
    h('p', { class: 'evidence', text: `Reference: the ${referenceLabel}. ${count(subjectPeople, one, noun)}. Generated ${new Date().toISOString().slice(0, 10)}.` }),
    ...(warning ? [warning] : []),
    h('h3', { text: gaps.length > 0 ? `Gaps to close, by referral potential (${gaps.length})` : 'No gaps: the network covers the reference.' }),
    gapList,
    h('h3', { text: 'Shares' }),
    figure,
    table,
  );
  return gaps.length;
}

/** What a withheld share (a sensitive dimension, fewer than k people or none) reads as. */
const WITHHELD = 'withheld (fewer than k people, or none)';

function gapItem(g: Record<string, unknown>, noun: string): HTMLElement {
  const candidates = (g.candidates ?? []) as Record<string, unknown>[];
  const kind = String(g.kind);
  const share = g.subjectShare === null ? WITHHELD : `${pct(Number(g.subjectShare ?? 0))} of ${noun}`;
  const potential = g.referralPotential;
  return h(
    'li',
    { 'data-kind': kind, 'data-category': asText(g.category, '?') },
    h('strong', { text: asText(g.category, '?') }),
    ` — ${kind}: ${share} against ${pct(Number(g.referenceShare ?? 0))}`,
    potential !== undefined && potential !== null && h('span', { class: 'evidence', text: ` · referral potential ${fmt(potential)}` }),
    candidates.length > 0
      ? h('ul', {}, ...candidates.map(candidateItem))
      : h('div', { class: 'evidence', text: 'No one reachable in this category yet.' }),
  );
}

function candidateItem(c: Record<string, unknown>): HTMLElement {
  const name = nameOf(asText(c.person ?? c.id, '?'), typeof c.name === 'string' ? c.name : undefined);
  const path = (c.path ?? undefined) as Record<string, unknown> | undefined;
  const nodes = (pick(path, 'people') ?? pick(path, 'nodes') ?? []) as unknown[];
  const names = nodes.map((n) => (n === null ? 'a private contact' : nameOf(asText(n)))); // null: a hop withheld from you
  const chance = pick(path, 'strength') ?? pick(path, 'probability');
  const reach = h('div', { class: 'evidence' });
  const id = asText(c.person ?? c.id);
  if (id) void loadCard(id).then((card) => reach.replaceChildren(contactLinks(card)));
  return h(
    'li',
    {},
    h('b', { text: name }),
    names.length > 0 ? `: ${names.join(' → ')}` : ' (no warm path within reach)',
    typeof chance === 'number' ? h('span', { class: 'evidence', text: ` · chance ${percent(chance)}` }) : null,
    reach,
  );
}

/** A person's name, with the id when someone else in the network has the same name (Sneha Gupta [p120]). */
function nameOf(id: string, known?: string): string {
  const name = known ?? people.find((p) => p.id === id)?.name;
  return name === undefined ? id : nameWithId(name, id, namesakes);
}

$<HTMLSelectElement>('report-subject-kind').addEventListener('change', fillSubjects);
$<HTMLFormElement>('report-form').addEventListener('submit', (e) => {
  e.preventDefault();
  void showReport(
    $<HTMLSelectElement>('report-subject-kind').value,
    $<HTMLInputElement>('report-subject').value,
    $<HTMLSelectElement>('report-dimension').value,
    $<HTMLInputElement>('report-target').value,
    $<HTMLInputElement>('report-allow-absent').checked,
  );
});
$('report-print').addEventListener('click', () => window.print());

declare global {
  interface Window {
    __refnetReport?: { ready: Promise<void>; showReport: typeof showReport };
  }
}

/** Opens a report from the address (?person=ID&dimension=industry&target=…&allowAbsent=true) once names are loaded. */
const ready = loadChoices().then(async () => {
  const q = new URLSearchParams(location.search);
  const kind = q.has('group') ? 'group' : 'person';
  const id = q.get(kind);
  if (!id) return;
  $<HTMLSelectElement>('report-subject-kind').value = kind;
  fillSubjects();
  // A shared name would be ambiguous when the form is sent again: such a person stays an id.
  $<HTMLInputElement>('report-subject').value = kind === 'person' && namesakes.has(id) ? id : (resolve(kind, id)?.name ?? id);
  $<HTMLSelectElement>('report-dimension').value = q.get('dimension') ?? 'industry';
  $<HTMLInputElement>('report-target').value = q.get('target') ?? '';
  await showReport(kind, id, q.get('dimension') ?? 'industry', q.get('target') ?? '', q.get('allowAbsent') === 'true');
});
window.__refnetReport = { ready, showReport };

// An import may add people and records: the names offered and the report shown are read again.
window.addEventListener(IMPORTED_EVENT, () => {
  void loadChoices().then(() => (shown ? showReport(...shown) : undefined));
});
