/**
 * The diversity gap report page: what to act on first — the gaps in one ranking by referral
 * potential, each with people who could fill it and the warm path to them — then the person's or
 * group's shares of a dimension against the reference (chart and table, people with no value as
 * an "unknown" row and a warning, and — for a reader who does not see everyone — the categories
 * only other members' private contacts hold, which the answer counts but does not name, as one
 * row in words: "2 private contacts"). Target categories no one holds are refused as typos: each
 * closest spelling is offered as a one-click fix, and the user may include them instead
 * (recruiting targets: allowAbsent=true).
 * Opened without a subject in the address, it opens on "me" (me.ts: the signed-in account's
 * person, local mode's chosen one, this browser's choice on the home page) on the default
 * dimension; with no one to open on, or a report that cannot be shown, it says why and what to do.
 * The dimensions offered are the built-in ones and the attribute keys of the data
 * (dimension-choices.ts).
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
import { whoAmI, type WhoAmI } from '../me.js';
import { dimensionLabel, dimensionWord, offerDimensions } from './dimension-choices.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

interface Named {
  id: string;
  name: string;
}

/** The dimension a report is on when nothing says which (the API's own default elsewhere, introductions). */
const DEFAULT_DIMENSION = 'industry';

let people: Named[] = [];
let groups: Named[] = [];
/** People whose name someone else shares (of those the map lists). */
let namesakes = new Set<string>();
/** Why the subject picker lists no names, if it does not. */
let choicesProblem: string | undefined;

/** Loads names for the subject picker from the map data (people and groups). */
async function loadChoices(): Promise<void> {
  try {
    const map = await getJson<{ nodes: { id: string; label: string }[]; groups: Named[] }>('/api/map', { edges: false });
    people = map.nodes.map((n) => ({ id: n.id, name: n.label }));
    namesakes = namesakeIds(people);
    groups = map.groups;
  } catch (e) {
    // The picker lists no one; a name typed is still found (findPerson asks the API).
    people = [];
    choicesProblem = `The list of names could not be loaded (${describeError(e)}): type a name or an id.`;
  }
  fillSubjects();
}

/** Adds the attribute keys of the data to the dimension picker (GET /api/dimensions); says so when they cannot be listed. */
async function loadDimensions(): Promise<void> {
  try {
    const r = await getJson<{ dimensions: string[] }>('/api/dimensions');
    offerDimensions($<HTMLSelectElement>('report-dimension'), r.dimensions);
  } catch (e) {
    fieldError($('report-dimension'), `Attribute dimensions could not be listed (${describeError(e)}); the built-in ones can be chosen.`);
  }
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
    body.replaceChildren();
    if (e instanceof PersonRefError) {
      fieldError($('report-subject'), e.message);
      status.textContent = '';
    } else status.textContent = `Could not find ${subject}: ${describeError(e)}${whatToDo(e)}`;
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
    status.textContent = targetIssue ? 'Could not compute the report: see Target categories above.' : `Could not compute the report: ${describeError(e)}${whatToDo(e)}`;
    return -1;
  }
}

/** What the reader can do about a report that could not be shown, after the problem's own words. */
function whatToDo(e: unknown): string {
  const status = e instanceof ApiError ? e.status : undefined;
  if (status === 403) return '\nYour account or key may not read this report: ask an admin for access, or sign in as someone who may.';
  if (status === 404) return '\nChoose another person or group above.';
  if (status === 400) return '\nChange the form above and show the report again.';
  if (status === undefined || status >= 500) return '\nTry again in a moment: Show the report.';
  return '';
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

/** Redraws the report's chart when its box changes width (one report on the page at a time). */
let chartResize: ResizeObserver | undefined;

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
  const title = `${dimensionLabel(dimension)} diversity of ${subjectName}'s ${noun}`;
  const word = dimensionWord(dimension);
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
          text: `⚠ ${fmt(unknownMine)} of ${subjectName}'s ${count(subjectPeople, one, noun)} ${unknownMine === 1 ? 'has' : 'have'} no ${word} set: they count in no share below. Fill in their ${word} to complete the report.`,
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
    h('thead', {}, h('tr', {}, h('th', { text: word }), h('th', { text: `share of ${subjectName}'s ${noun}` }), h('th', { text: `${referenceLabel} share` }), h('th', { text: 'difference' }))),
    h('tbody', {}, ...allRows.map((x) => withheld.has(x.category)
      ? h('tr', {}, h('td', { text: x.category }), h('td', { text: WITHHELD }), h('td', { text: pct(x.reference) }), h('td', { text: '' }))
      : h('tr', {}, h('td', { text: x.category }), h('td', { text: pct(x.share) }), h('td', { text: pct(x.reference) }), h('td', { text: `${x.share >= x.reference ? '+' : '−'}${pct(Math.abs(x.share - x.reference))}` }))), unnamedRow, unknownRow),
  );
  const figure = h('figure', { 'data-testid': 'share-chart' });
  const caption = h('figcaption', { class: 'evidence', text: summary });
  figure.append(chartLegend(`${subjectName}'s ${noun}`, referenceLabel), caption);

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
  // Drawn once the figure is laid out, and again when its width changes (a phone turned, a window
  // resized): the chart is laid out for the width it is shown at (chart.ts).
  let drawnFor = -1;
  const draw = () => {
    const width = figure.clientWidth;
    if (width === drawnFor) return;
    drawnFor = width;
    figure.querySelector('svg.chart')?.remove();
    figure.insertBefore(shareChart(rows, title, summary, width || undefined), caption);
  };
  draw();
  chartResize?.disconnect();
  chartResize = new ResizeObserver(draw);
  chartResize.observe(figure);
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

/** The subject the address names (?person=ID or ?group=ID), if any. */
function subjectInAddress(q: URLSearchParams): { kind: 'person' | 'group'; id: string } | undefined {
  const kind = q.has('group') ? 'group' : 'person';
  const id = q.get(kind);
  return id ? { kind, id } : undefined;
}

/**
 * The form filled with a subject, a dimension and targets, as the report shown was asked. A
 * dimension the picker does not offer (a key shared by no two people, the attribute list not
 * loaded) is added to it, so the form never shows another one than the report's.
 */
function fillForm(kind: 'person' | 'group', id: string, dimension: string, target: string): void {
  $<HTMLSelectElement>('report-subject-kind').value = kind;
  fillSubjects();
  // A shared name would be ambiguous when the form is sent again: such a person stays an id.
  $<HTMLInputElement>('report-subject').value = kind === 'person' && namesakes.has(id) ? id : (resolve(kind, id)?.name ?? id);
  const select = $<HTMLSelectElement>('report-dimension');
  offerDimensions(select, [dimension]);
  select.value = dimension;
  $<HTMLInputElement>('report-target').value = target;
}

/** What the page says when there is no one to open a report on: why, and what to do. */
function nobodyToOpen(who: WhoAmI): HTMLElement {
  const choose = 'Choose a person or a group above, then Show the report.';
  const home = h('a', { href: '/home.html', text: 'the home page' });
  const why = who.caller?.local
    ? h('p', {}, 'You have not said who you are yet. ', choose, ' To have this page open on your own network, choose who you are on ', home, '.')
    : who.caller?.key
      ? h('p', {}, `This API key (${who.caller.key.name}) is no person, so there is no network of your own to open. `, choose, ' Or choose who you are on ', home, ': this browser remembers it.')
      : who.error !== undefined
        ? h('p', {}, `Could not tell who you are (${describeError(who.error)}). `, choose)
        : h('p', {}, 'Your account is linked to no person, so there is no network of your own to open. ', choose, ' An admin can link your account to your person on the Admin page.');
  return h('div', { class: 'empty-state', 'data-testid': 'report-nobody' }, why);
}

/**
 * Opens a report once names are loaded: the one the address names (?person=ID&dimension=industry&
 * target=…&allowAbsent=true), else "me"'s on the default dimension; with neither, says why.
 */
const ready = Promise.all([loadChoices(), loadDimensions(), whoAmI()]).then(async ([, , who]) => {
  const q = new URLSearchParams(location.search);
  const asked = subjectInAddress(q);
  const subject = asked ?? (who.person ? { kind: 'person' as const, id: who.person } : undefined);
  if (!subject) {
    $('report-status').textContent = choicesProblem ?? '';
    $('report-body').replaceChildren(nobodyToOpen(who));
    return;
  }
  const dimension = (asked && q.get('dimension')) || DEFAULT_DIMENSION;
  const target = asked ? (q.get('target') ?? '') : '';
  fillForm(subject.kind, subject.id, dimension, target);
  await showReport(subject.kind, subject.id, dimension, target, asked !== undefined && q.get('allowAbsent') === 'true');
  if (choicesProblem && $('report-status').textContent === '') $('report-status').textContent = choicesProblem;
});
window.__refnetReport = { ready, showReport };

// An import may add people and records: the names offered and the report shown are read again.
window.addEventListener(IMPORTED_EVENT, () => {
  void loadChoices().then(() => (shown ? showReport(...shown) : undefined));
});
