/**
 * The map page: loads GET /api/map, draws it with Sigma, and wires search, hover, selection,
 * the side panel, filters, views and the referral-path lookup. Tests drive it through
 * `window.__refnet` (see hooks.ts) so a scenario is one page.evaluate.
 */
import './styles.css';
import { describeError, getJson, getMe, onWaiting, type MapResponse } from './api.js';
import { fmt, h } from './dom.js';
import { exposeHooks } from './hooks.js';
import { createReducers, initialState, visibleCounts, type DisplayState, type Scales } from './map/display-state.js';
import { setupEmptyState } from './map/empty-state.js';
import { IMPORTED_EVENT } from './import/events.js';
import { download, viewAsPng, viewAsSvg, type Caption } from './map/export.js';
import { exportFileName } from './map/export-name.js';
import type { LabelBox } from './map/label-collisions.js';
import { legendEntries, legendTitle, renderLegend, type LegendPick } from './map/legend.js';
import { nodeKey, personId, toGraph, type MapGraph } from './map/map-graph.js';
import { renderPanel } from './map/panel.js';
import { lookupPaths, pathHighlight, renderPaths, type FoundPath, type TargetKind } from './map/paths.js';
import { LARGE_GRAPH, createRenderer, type MapSigma } from './map/renderer.js';
import { findPerson, nameWithId, namesakesOf, PersonRefError } from './people.js';
import { fieldError } from './form-errors.js';
import { CompanyRefError, findCompany } from './companies.js';
import { localDate, longDate } from './dates.js';
import { namesakeIds } from '../../graph/support/name-match.js';
import { setupSearch } from './map/search.js';
import { monthLabel, sliderMonths } from './map/timeline.js';
import { count } from '../../graph/support/words.js';
import { formatUrlState, parseUrlState, type UrlState } from './map/url-state.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Everything the page holds; one instance, exposed to tests. */
export interface MapPage {
  data?: MapResponse;
  graph?: MapGraph;
  renderer?: MapSigma;
  scales?: Scales;
  reducers?: ReturnType<typeof createReducers>;
  state: DisplayState;
  paths: FoundPath[];
  /** Always false: the server's positions are final and drawn as they are (kept for tests that wait on it). */
  layoutRunning: boolean;
  /** The labels drawn in the last frame, after the collision pass (label-collisions.ts). */
  drawnLabels(): LabelBox[];
  /** The months of the time slider (YYYY-MM-DD month ends). */
  months: string[];
  /** True once the URL's state has been applied (after the first load). */
  restored: boolean;
  /** The last path lookup, kept for the URL. */
  pathQuery?: { from: string; toKind: TargetKind; to: string; k: number };
  /** Bumped after each completed load/render, so tests can wait for it. */
  loads: number;
  /** Milliseconds of the last load's phases (fetch, graph, renderer): for tests and the benchmark. */
  timings: Record<string, number>;
}

const page: MapPage = { state: initialState(), paths: [], layoutRunning: false, loads: 0, timings: {}, drawnLabels: () => [], months: [], restored: false };
const params = new URLSearchParams(location.search);
/** ?naive: Sigma's default settings (the benchmark's baseline). ?maxNodes=N: a smaller size cap. */
const naive = params.has('naive');
/** The state the URL's hash asked for (url-state.ts); applied once, then the hash follows the page. */
const restored: UrlState = parseUrlState(location.hash);
let restoring = true;

/** The group chosen under Filters (by id), or the URL's until the group list has loaded. */
function chosenGroup(): string | undefined {
  const i = page.state.filters.group;
  return i === undefined ? (page.data ? undefined : restored.group) : page.data?.groups[i]?.id;
}

/** Bumped by every load: only the latest load's answer is drawn. */
let loadTicket = 0;

/**
 * Fetches the current view and redraws the map. A view that needs a subject not chosen yet asks
 * for it instead. Loads overlap (the slider moved by the keyboard, a view changed while a date
 * loads): an answer that arrives after a later load started is dropped, so the map never settles
 * on a date or view the controls no longer show.
 */
async function load(): Promise<void> {
  const ticket = ++loadTicket;
  const viewKind = $<HTMLSelectElement>('view-kind').value;
  const person = viewKind === 'ego' ? (selectedPerson() ?? $<HTMLInputElement>('search-input').dataset.id ?? (page.data ? undefined : restored.person)) : undefined;
  const group = viewKind === 'group' ? chosenGroup() : undefined;
  const missing = viewKind === 'group' && !group ? 'Choose a group under Filters → Group to show it.' : viewKind === 'ego' && !person ? 'Search or click a person to show the network around them.' : '';
  viewHint(missing);
  if (missing) {
    if (page.data) return;
    $<HTMLSelectElement>('view-kind').value = 'auto';
  }
  setStatus('Loading the network…');
  // A large network's first map after a start or an import waits for its layout: say why, in
  // full, where the map will be (the status line is too narrow for it); draw() replaces it.
  const stopHearing = onWaiting((w) => {
    if (!w.url.startsWith('/api/map')) return;
    setStatus('Waiting for the server…');
    showBanner(`${w.words} — asking again in ${w.retryAfterS} s…`);
  });
  const query = {
    view: missing ? 'auto' : viewKind,
    person,
    group,
    community: viewKind === 'community' ? (page.data ? $<HTMLSelectElement>('view-community').value : String(restored.community ?? 0)) : undefined,
    asOf: $<HTMLInputElement>('filter-asof').value || undefined,
    maxNodes: params.get('maxNodes') ?? undefined,
    maxEdges: params.get('maxEdges') ?? undefined,
  };
  let data: MapResponse;
  const started = performance.now();
  try {
    data = await getJson<MapResponse>('/api/map', query);
    page.timings = { fetch: performance.now() - started };
  } catch (e) {
    if (ticket !== loadTicket) return;
    setStatus(describeError(e));
    showBanner(`Could not load the map: ${describeError(e)}`);
    return;
  } finally {
    stopHearing();
  }
  if (ticket !== loadTicket) return;
  draw(data);
  followDate();
}

/**
 * What the map shows beside the network follows its new date and view: the open side panel is
 * read again (metrics, ties, queue as of the date) and a path lookup shown is asked again, so no
 * figure or path of the previous frame stays beside this one.
 */
function followDate(): void {
  const { graph } = page;
  const key = page.state.selected;
  if (graph && key !== undefined && graph.hasNode(key) && !$('panel').hidden) {
    void renderPanel($('panel-body'), key, { graph, asOf: $<HTMLInputElement>('filter-asof').value || undefined, onSelect: (o) => void select(o) });
  }
  const q = page.pathQuery;
  if (q) void findPaths(q.from, q.toKind, q.to, q.k, false);
}

function draw(data: MapResponse): void {
  page.renderer?.kill();
  page.data = data;
  const empty = data.total.people === 0;
  $('empty').hidden = !empty;
  if (empty) {
    page.graph = undefined;
    page.renderer = undefined;
    $('legend').hidden = true;
    setStatus('The network is empty.');
    page.loads += 1;
    return;
  }
  $('legend').hidden = false;
  let t = performance.now();
  const { graph, scales } = toGraph(data, { displayAttributes: naive });
  page.timings.graph = performance.now() - t;
  t = performance.now();
  page.graph = graph;
  page.scales = scales;
  if (page.state.selected && !graph.hasNode(page.state.selected)) closePanel();
  page.state.path = undefined;
  const created = createRenderer(graph, $('sigma'), naive, forcedLabels);
  page.renderer = created.renderer;
  page.drawnLabels = created.drawnLabels;
  // The whole network (any date) is framed by the version's whole layout: the slider's frames line up.
  if (data.view.kind === 'all') page.renderer.setCustomBBox(data.extent);
  if (!naive) {
    page.reducers = createReducers(graph, page.state, scales, { lightHover: graph.order + graph.size > LARGE_GRAPH });
    page.renderer.setSettings({ nodeReducer: page.reducers.nodeReducer, edgeReducer: page.reducers.edgeReducer });
  }
  wireRenderer(page.renderer, graph);
  applyState();
  page.timings.renderer = performance.now() - t;
  fillChoices(data);
  showBanner(data.filtered?.reason);
  fillTimeline(data);
  $('map-summary').textContent = `Network map of ${count(data.nodes.length, 'person')} and ${count(data.edges.length, 'tie')}${data.filtered ? ' (a filtered view)' : ''}. Use the search box to find a person; details open in the side panel.`;
  showCounts();
  page.loads += 1;
}

/** Nodes whose labels must show whatever the collision pass says: the selection and a path. */
function* forcedLabels(): Iterable<string> {
  const { selected, path } = page.state;
  if (path) yield* path.nodes;
  if (selected !== undefined) yield selected;
}

/** The view in words: its kind and subject by name (never an id), and the subject alone for a file name. */
function viewWords(data: MapResponse): { words: string; subject?: string } {
  const v = data.view;
  const label = (id: string) => (page.graph?.hasNode(nodeKey(id)) ? page.graph.getNodeAttribute(nodeKey(id), 'label') : id);
  if (v.kind === 'ego' && v.person !== undefined) return { words: `around ${label(v.person)}`, subject: label(v.person) };
  if (v.kind === 'group' && v.group !== undefined) {
    const name = data.groups.find((g) => g.id === v.group)?.name ?? v.group;
    return { words: `group ${name}`, subject: name };
  }
  if (v.kind === 'community') {
    const name = data.communityNames[v.community ?? 0] ?? `community ${v.community ?? 0}`;
    return { words: `community ${name}`, subject: name };
  }
  return { words: 'whole network' };
}

/**
 * What an export says and is called: the view, the date the map shows (the As of date, or today),
 * the people and ties left by the filters, and the legend as the page shows it.
 */
function exportWords(): { caption: Caption; fileName: string } {
  const { data, graph, scales } = page;
  const asOf = $<HTMLInputElement>('filter-asof').value;
  const date = asOf || localDate();
  if (!data || !graph || !scales) return { caption: { title: 'refnet map', legendTitle: '', legend: [] }, fileName: exportFileName(undefined, date) };
  const { words, subject } = viewWords(data);
  const shown = visibleCounts(graph, page.state.filters);
  const filtered = shown.people !== graph.order || shown.ties !== graph.size ? ` (filtered, of ${fmt(graph.order)} · ${fmt(graph.size)})` : '';
  const when = asOf ? `as of ${longDate(asOf)}` : `now, ${longDate(date)}`;
  return {
    caption: {
      title: `refnet map · ${words} · ${when} · ${count(shown.people, 'person')} · ${count(shown.ties, 'tie')}${filtered}`,
      legendTitle: legendTitle(page.state.colorBy),
      legend: legendEntries(page.state, scales).map(({ label, color, line }) => ({ label, color, line })),
    },
    fileName: exportFileName(subject, date),
  };
}

/** The status line: people and ties left on the map by the filters, of how many in the view. */
function showCounts(): void {
  const { graph, data } = page;
  if (!graph || !data) return;
  const shown = visibleCounts(graph, page.state.filters);
  const filtered = shown.people !== graph.order || shown.ties !== graph.size;
  setStatus(`${count(shown.people, 'person')} · ${count(shown.ties, 'tie')}${filtered ? ` (of ${fmt(graph.order)} · ${fmt(graph.size)})` : ''}`);
}

function wireRenderer(renderer: MapSigma, graph: MapGraph): void {
  const light = graph.order + graph.size > LARGE_GRAPH;
  // On large graphs only the hovered neighbourhood changes, so only it is re-processed.
  const refreshAround = (node: string) => {
    if (!light) return renderer.refresh({ skipIndexation: true });
    renderer.refresh({ partialGraph: { nodes: [node, ...graph.neighbors(node)], edges: graph.edges(node) }, skipIndexation: true });
  };
  renderer.on('enterNode', ({ node }) => {
    page.state.hovered = node;
    page.state.hoveredNeighbours = new Set(graph.neighbors(node));
    refreshAround(node);
    $('sigma').style.cursor = 'pointer';
  });
  renderer.on('leaveNode', ({ node }) => {
    page.state.hovered = undefined;
    page.state.hoveredNeighbours = undefined;
    refreshAround(node);
    $('sigma').style.cursor = '';
  });
  renderer.on('clickNode', ({ node }) => void select(personId(node)));
}

/** Re-applies the display state through Sigma's reducers and redraws the legend. */
function applyState(): void {
  const { renderer, graph, scales } = page;
  if (!renderer || !graph || !scales) return;
  page.reducers?.update();
  renderer.refresh();
  const sel = page.state.selected;
  renderLegend($('legend'), page.state, scales, sel && graph.hasNode(sel) ? graph.getNodeAttribute(sel, 'label') : undefined, pickLegend);
  showCounts();
  writeUrl();
}

/** A legend click: show only that category (or stage and later); the same click again shows everyone. */
function pickLegend(pick: LegendPick): void {
  const f = page.state.filters;
  if (pick.kind === 'stage') {
    f.minStage = f.minStage === pick.stage ? 0 : pick.stage;
    $<HTMLSelectElement>('filter-stage').value = String(f.minStage);
  } else {
    const same = f.category?.by === pick.by && f.category.keys.size === pick.entry.members.length && pick.entry.members.every((m) => f.category!.keys.has(m));
    f.category = same ? undefined : { by: pick.by, keys: new Set(pick.entry.members) };
  }
  applyState();
}

/** The person id of the selection (display state holds graph node keys). */
function selectedPerson(): string | undefined {
  return page.state.selected === undefined ? undefined : personId(page.state.selected);
}

/** Selects a person by id: highlights them, frames them with their contacts and opens the side panel. */
async function select(id: string): Promise<void> {
  const { graph, renderer } = page;
  const key = nodeKey(id);
  if (!graph || !renderer || !graph.hasNode(key)) return;
  page.state.selected = key;
  applyState();
  // Their contacts in view with them: centred on the person alone and zoomed in, a phone showed
  // one dot with its ties running off the screen.
  const shown = [key, ...graph.neighbors(key)].filter((n) => renderer.getNodeDisplayData(n)?.hidden === false);
  fitCamera(shown, 0.25);
  const panel = $('panel');
  panel.hidden = false;
  renderer.resize();
  panel.focus();
  await renderPanel($('panel-body'), key, { graph, asOf: $<HTMLInputElement>('filter-asof').value || undefined, onSelect: (o) => void select(o) });
}

function closePanel(): void {
  page.state.selected = undefined;
  $('panel').hidden = true;
  page.renderer?.resize();
  applyState();
}

function fillChoices(data: MapResponse): void {
  const groupSel = $<HTMLSelectElement>('filter-group');
  const current = groupSel.value;
  groupSel.replaceChildren(h('option', { value: '', text: 'All groups' }), ...data.groups.map((g, i) => h('option', { value: String(i), text: g.name })));
  groupSel.value = current && Number(current) < data.groups.length ? current : '';
  const industries = [...new Set(data.nodes.map((n) => n.industry).filter((x): x is string => !!x))].sort();
  const indSel = $<HTMLSelectElement>('filter-industry');
  const curInd = indSel.value;
  indSel.replaceChildren(h('option', { value: '', text: 'All industries' }), ...industries.map((i) => h('option', { value: i, text: i })));
  indSel.value = industries.includes(curInd) ? curInd : '';
  $('people-options').replaceChildren(...data.nodes.slice(0, 5000).map((n) => h('option', { value: n.label, 'data-id': n.id })));
  $('industry-options').replaceChildren(...industries.map((i) => h('option', { value: i })));
  const companies = [...new Set(data.nodes.map((n) => n.company).filter((x): x is string => !!x))].sort();
  $('company-options').replaceChildren(...companies.map((c) => h('option', { value: c })));
  // Communities by name (their dominant industry), largest first; the view's own stays chosen.
  const communitySel = $<HTMLSelectElement>('view-community');
  const shown = data.view.kind === 'community' ? String(data.view.community ?? 0) : communitySel.value;
  communitySel.replaceChildren(...data.categories.community.map((c) => h('option', { value: String(c), text: data.communityNames[c] ?? `community ${c}` })));
  communitySel.value = data.categories.community.map(String).includes(shown) ? shown : String(data.categories.community[0] ?? 0);
  const sizeBy = $<HTMLSelectElement>('size-by');
  (sizeBy.options[1] as HTMLOptionElement).disabled = !data.hasBetweenness;
  (sizeBy.options[1] as HTMLOptionElement).textContent = data.hasBetweenness ? `Betweenness${data.betweenness.exact === false ? ' (sampled)' : ''}` : 'Betweenness (still computing; reload later)';
}

/**
 * A person typed in a path field: an id, or a name found as the API and the CLI find it
 * (people.ts: any case, accents optional; a shared name is refused listing who shares it, next
 * to the field). Returns the id, or undefined when the field's error is shown.
 */
async function resolvePerson(input: HTMLInputElement): Promise<string | undefined> {
  fieldError(input, undefined);
  try {
    return (await findPerson(input.value, (t) => page.graph?.hasNode(nodeKey(t)) ?? false)).id;
  } catch (e) {
    if (!(e instanceof PersonRefError)) throw e;
    fieldError(input, e.message);
    return undefined;
  }
}

/** A company typed in the path's To field: its id, or undefined when the field's error is shown (companies.ts). */
async function resolveCompany(input: HTMLInputElement): Promise<string | undefined> {
  fieldError(input, undefined);
  try {
    return (await findCompany(input.value)).id;
  } catch (e) {
    if (!(e instanceof CompanyRefError)) throw e;
    fieldError(input, e.message);
    return undefined;
  }
}

let pathTicket = 0;

/** Runs a path lookup, lists the paths and draws them on the map (framing them, unless `frame` is false: the map redrawn under a lookup already shown). */
async function findPaths(from: string, toKind: TargetKind, to: string, k: number, frame = true): Promise<number> {
  page.pathQuery = { from, toKind, to, k };
  // Lookups overlap too (the slider moved again): only the latest one's paths are shown.
  const ticket = ++pathTicket;
  const out = $('path-results');
  out.replaceChildren(h('p', { class: 'evidence', text: 'Looking for warm paths…' }));
  try {
    const fromField = $<HTMLInputElement>('path-from');
    const toField = $<HTMLInputElement>('path-to');
    fromField.value = from;
    toField.value = to;
    $<HTMLInputElement>('path-k').value = String(k);
    // The form shows what was asked (a link or the URL may ask for a company): its kind, and that kind's suggestions.
    const kindField = $<HTMLSelectElement>('path-to-kind');
    if (kindField.value !== toKind) {
      kindField.value = toKind;
      kindField.dispatchEvent(new Event('change'));
    }
    fieldError(toField, undefined);
    const fromId = await resolvePerson(fromField);
    const toId = toKind === 'person' ? await resolvePerson(toField) : toKind === 'company' ? await resolveCompany(toField) : to;
    const me = (await getMe().catch(() => undefined))?.person ?? undefined;
    // Paths lead from one person to another: asked of the same person twice, the field says so in the user's words.
    if (fromId !== undefined && toKind === 'person' && toId === fromId) fieldError(toField, fromId === me ? 'Choose someone other than yourself.' : `Choose someone other than ${page.graph?.hasNode(nodeKey(fromId)) ? page.graph.getNodeAttribute(nodeKey(fromId), 'label') : fromField.value.trim()}: paths lead from one person to another.`);
    if (fromId === undefined || toId === undefined || (toKind === 'person' && toId === fromId)) {
      out.replaceChildren();
      page.state.path = undefined;
      applyState();
      return 0;
    }
    const result = await lookupPaths({
      from: fromId,
      toKind,
      to: toId,
      k,
      asOf: $<HTMLInputElement>('filter-asof').value || undefined,
    });
    if (ticket !== pathTicket) return result.paths.length;
    page.paths = result.paths;
    const graph = page.graph;
    const label = (id: string) => (graph?.hasNode(nodeKey(id)) ? graph.getNodeAttribute(nodeKey(id), 'label') : (result.contacts.get(id)?.name ?? id));
    // A name someone else in the network shares shows with its id (Hannah Wagner [p092]).
    const onPaths = [...new Set(result.paths.flatMap((p) => p.nodes))].filter((id) => label(id) !== id).map((id) => ({ id, name: label(id) }));
    const shared = await namesakesOf(onPaths);
    if (ticket !== pathTicket) return result.paths.length;
    renderPaths(out, result, (id) => nameWithId(label(id), id, shared), me);
    if (graph && result.paths.length > 0) {
      const hl = pathHighlight(graph, result.paths);
      page.state.path = { nodes: hl.nodes, edges: hl.edges };
      if (frame) fitCamera([...hl.nodes]);
      if (hl.missing > 0) out.append(h('p', { class: 'evidence', text: `${hl.missing} step(s) lie outside the people shown on the map.` }));
    } else page.state.path = undefined;
    applyState();
    if (frame) out.scrollIntoView({ block: 'nearest' });
    return result.paths.length;
  } catch (e) {
    out.replaceChildren(h('p', { class: 'error', role: 'alert', text: describeError(e) }));
    page.state.path = undefined;
    applyState();
    return 0;
  }
}

/** Moves the camera so these nodes fill most of the view, zoomed in no further than `minRatio`. */
function fitCamera(nodes: string[], minRatio = 0.08): void {
  const renderer = page.renderer;
  if (!renderer || nodes.length === 0) return;
  const pts = nodes.map((n) => renderer.getNodeDisplayData(n)).filter((d) => d !== undefined);
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // Framed-graph space: the whole graph spans about 1 at ratio 1.
  const ratio = Math.min(1, Math.max(minRatio, Math.max(x1 - x0, y1 - y0) * 1.5));
  void renderer.getCamera().animate({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio }, { duration: 400 });
}

/** The map's state as the URL says it (url-state.ts). */
function currentUrlState(): UrlState {
  const view = $<HTMLSelectElement>('view-kind').value;
  const f = page.state.filters;
  const q = page.pathQuery;
  return {
    ...(view === 'ego' || view === 'group' || view === 'community' ? { view } : {}),
    person: selectedPerson() ?? (view === 'ego' ? page.data?.view.person : undefined),
    group: f.group === undefined ? undefined : page.data?.groups[f.group]?.id,
    community: view === 'community' ? Number($<HTMLSelectElement>('view-community').value) || 0 : undefined,
    color: page.state.colorBy === 'industry' ? undefined : page.state.colorBy,
    size: page.state.sizeBy === 'degree' ? undefined : page.state.sizeBy,
    stage: f.minStage || undefined,
    industry: f.industry,
    dormant: f.dormantOnly || undefined,
    asOf: $<HTMLInputElement>('filter-asof').value || undefined,
    only: f.category ? [...f.category.keys] : undefined,
    onlyBy: f.category?.by,
    ...(q ? { from: q.from, toKind: q.toKind, to: q.to, k: q.k } : {}),
  };
}

/** Puts the state in the hash without a new history entry (not while the URL's own state is being restored). */
function writeUrl(): void {
  if (restoring) return;
  const hash = formatUrlState(currentUrlState());
  if (hash !== location.hash) history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}

/** Sets the controls the first load depends on from the URL. */
function restoreControls(u: UrlState): void {
  const set = (id: string, v: string | undefined) => {
    if (v !== undefined) $<HTMLInputElement | HTMLSelectElement>(id).value = v;
  };
  page.state.colorBy = u.color ?? 'industry';
  page.state.sizeBy = u.size ?? 'degree';
  page.state.filters.minStage = u.stage ?? 0;
  page.state.filters.dormantOnly = u.dormant ?? false;
  set('color-by', u.color);
  set('size-by', u.size);
  set('filter-stage', u.stage === undefined ? undefined : String(u.stage));
  $<HTMLInputElement>('filter-dormant').checked = u.dormant ?? false;
  set('filter-asof', u.asOf);
  set('view-kind', u.view);
  $('view-community-label').hidden = u.view !== 'community';
  set('path-from', u.from);
  set('path-to-kind', u.toKind);
  set('path-to', u.to);
  set('path-k', u.k === undefined ? undefined : String(u.k));
}

/** After the first load: the filters that need the data (group, industry, legend), the selection and the path. */
async function restoreSelection(u: UrlState): Promise<void> {
  const data = page.data;
  const f = page.state.filters;
  const gi = u.group === undefined ? -1 : (data?.groups.findIndex((g) => g.id === u.group) ?? -1);
  if (gi >= 0) {
    f.group = gi;
    $<HTMLSelectElement>('filter-group').value = String(gi);
  }
  if (u.industry !== undefined && Array.from($<HTMLSelectElement>('filter-industry').options).some((o) => o.value === u.industry)) {
    f.industry = u.industry;
    $<HTMLSelectElement>('filter-industry').value = u.industry;
  }
  if (u.only) f.category = { by: u.onlyBy ?? 'industry', keys: new Set(u.only) };
  applyState();
  if (u.person !== undefined) await select(u.person);
  if (u.from !== undefined && u.to !== undefined) await findPaths(u.from, u.toKind ?? 'person', u.to, u.k ?? 3);
}

/** Shows (or clears) the prompt under View when the chosen view needs a subject first. */
function viewHint(text: string): void {
  const el = $('view-hint');
  el.hidden = !text;
  el.textContent = text;
}

/** The time slider: one step a month from the first contact to now; the last step is now (sliderMonths). */
function fillTimeline(data: MapResponse): void {
  page.months = data.timeline ? sliderMonths(data.timeline.first) : [];
  const bar = $('timeline');
  bar.hidden = page.months.length < 2;
  const range = $<HTMLInputElement>('timeline-range');
  range.max = String(Math.max(0, page.months.length - 1));
  const asOf = $<HTMLInputElement>('filter-asof').value;
  const at = asOf ? page.months.findIndex((m) => m >= asOf) : -1;
  range.value = String(at < 0 ? page.months.length - 1 : at);
  timelineLabel();
}

/** The slider's words: the "As of" date when one is set that is no month's end, else the slider's month. */
function timelineLabel(dragging = false): void {
  const i = Number($<HTMLInputElement>('timeline-range').value);
  const month = page.months[i];
  const asOf = dragging ? '' : $<HTMLInputElement>('filter-asof').value;
  const words =
    month === undefined ? '' : asOf && asOf !== month ? `as of ${longDate(asOf)}` : i === page.months.length - 1 ? `now (${longDate(localDate())})` : `end of ${monthLabel(month)}`;
  $('timeline-label').textContent = words;
  // A screen reader says the date the slider stands on, not its step number.
  $('timeline-range').setAttribute('aria-valuetext', words);
}

/** Shows the network as of the slider's month; resolves when it is drawn. */
async function showMonth(i: number): Promise<void> {
  const last = page.months.length - 1;
  const index = Math.max(0, Math.min(last, i));
  $<HTMLInputElement>('timeline-range').value = String(index);
  $<HTMLInputElement>('filter-asof').value = index === last ? '' : page.months[index]!;
  timelineLabel();
  await load();
}

let playing = false;
/** Plays the months from the slider's position to now, one frame after another has drawn. */
async function play(): Promise<void> {
  const button = $<HTMLButtonElement>('timeline-play');
  if (playing) {
    playing = false;
    return;
  }
  playing = true;
  button.textContent = '❚❚';
  button.setAttribute('aria-label', 'Pause');
  let i = Number($<HTMLInputElement>('timeline-range').value);
  if (i >= page.months.length - 1) i = -1;
  while (playing && i < page.months.length - 1) {
    await showMonth(++i);
    // Long enough to see each month, then the next frame.
    if (playing) await new Promise((r) => setTimeout(r, 600));
  }
  playing = false;
  button.textContent = '▶';
  button.setAttribute('aria-label', 'Play the months');
}

function showBanner(text: string | undefined): void {
  const b = $('banner');
  b.hidden = !text;
  b.textContent = text ?? '';
}

function setStatus(text: string): void {
  $('status').textContent = text;
}

function wireControls(): void {
  $('timeline-range').addEventListener('input', () => timelineLabel(true));
  $('timeline-range').addEventListener('change', (e) => void showMonth(Number((e.target as HTMLInputElement).value)));
  $('timeline-play').addEventListener('click', () => void play());
  $('export-png').addEventListener('click', () => {
    const renderer = page.renderer;
    if (!renderer) return;
    const { caption, fileName } = exportWords();
    viewAsPng(renderer, caption, forcedLabels).then(
      (png) => download(png, 'image/png', `${fileName}.png`),
      (e: unknown) => setStatus(`Could not export the PNG: ${describeError(e)}`),
    );
  });
  $('export-svg').addEventListener('click', () => {
    if (!page.renderer) return;
    const { caption, fileName } = exportWords();
    download(viewAsSvg(page.renderer, page.drawnLabels(), caption), 'image/svg+xml', `${fileName}.svg`);
  });
  window.addEventListener('hashchange', () => {
    // Someone pasted or edited a link: its view replaces this one.
    if (location.hash !== formatUrlState(currentUrlState())) location.reload();
  });
  $<HTMLSelectElement>('color-by').addEventListener('change', (e) => {
    page.state.colorBy = (e.target as HTMLSelectElement).value as DisplayState['colorBy'];
    applyState();
  });
  $<HTMLSelectElement>('size-by').addEventListener('change', (e) => {
    page.state.sizeBy = (e.target as HTMLSelectElement).value as DisplayState['sizeBy'];
    applyState();
  });
  $('zoom-fit').addEventListener('click', () => void page.renderer?.getCamera().animatedReset({ duration: 300 }));
  $<HTMLSelectElement>('filter-stage').addEventListener('change', (e) => {
    page.state.filters.minStage = Number((e.target as HTMLSelectElement).value);
    applyState();
  });
  $<HTMLSelectElement>('filter-group').addEventListener('change', (e) => {
    const v = (e.target as HTMLSelectElement).value;
    page.state.filters.group = v === '' ? undefined : Number(v);
    applyState();
    if ($<HTMLSelectElement>('view-kind').value === 'group') void load();
  });
  $<HTMLSelectElement>('filter-industry').addEventListener('change', (e) => {
    const v = (e.target as HTMLSelectElement).value;
    page.state.filters.industry = v === '' ? undefined : v;
    applyState();
  });
  $<HTMLInputElement>('filter-dormant').addEventListener('change', (e) => {
    page.state.filters.dormantOnly = (e.target as HTMLInputElement).checked;
    applyState();
  });
  $<HTMLInputElement>('filter-asof').addEventListener('change', () => void load());
  $<HTMLSelectElement>('view-kind').addEventListener('change', (e) => {
    $('view-community-label').hidden = (e.target as HTMLSelectElement).value !== 'community';
    void load();
  });
  $<HTMLSelectElement>('view-community').addEventListener('change', () => void load());
  $('panel-close').addEventListener('click', closePanel);
  $('panel').addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      closePanel();
      $('search-input').focus();
    }
  });
  const toKind = $<HTMLSelectElement>('path-to-kind');
  toKind.addEventListener('change', () => {
    const to = $<HTMLInputElement>('path-to');
    to.setAttribute('list', `${toKind.value === 'person' ? 'people' : toKind.value}-options`);
    to.placeholder = toKind.value;
  });
  $<HTMLFormElement>('path-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void findPaths(
      $<HTMLInputElement>('path-from').value,
      toKind.value as TargetKind,
      $<HTMLInputElement>('path-to').value,
      Number($<HTMLInputElement>('path-k').value) || 3,
    );
  });
  setupSearch(
    $<HTMLInputElement>('search-input'),
    $<HTMLUListElement>('search-list'),
    () =>
      searchItems(),
    (id) => {
      $<HTMLInputElement>('search-input').dataset.id = id;
      void select(id);
    },
  );
}

/** The search's people: name, then company and industry — and the id when another person on the map has the same name. */
let searchCache: { data: MapResponse; items: { id: string; label: string; hint: string }[] } | undefined;
function searchItems(): { id: string; label: string; hint: string }[] {
  const data = page.data;
  if (!data) return [];
  if (searchCache?.data !== data) {
    const shared = namesakeIds(data.nodes.map((n) => ({ id: n.id, name: n.label })));
    searchCache = { data, items: data.nodes.map((n) => ({ id: n.id, label: n.label, hint: [n.company, n.industry, shared.has(n.id) ? `id ${n.id}` : undefined].filter(Boolean).join(' · ') })) };
  }
  return searchCache.items;
}

/**
 * Whose network it is: someone who is "me" (signed in, or chosen in local mode) lands on their
 * home page at `/` (the map stays at /index.html), and their paths start from them.
 */
async function start(): Promise<void> {
  const me = await getMe().catch(() => undefined);
  if (me?.person && location.pathname === '/' && !location.search && !location.hash) {
    location.replace('/home.html');
    return;
  }
  wireControls();
  if (me?.person) $<HTMLInputElement>('path-from').value = me.name ?? me.person;
  setupEmptyState(load);
  // An import from the nav's dialog redraws the map with what it wrote.
  window.addEventListener(IMPORTED_EVENT, () => void load());
  exposeHooks(page, { load, select, findPaths, closePanel, applyState, showMonth, svg: () => (page.renderer ? viewAsSvg(page.renderer, page.drawnLabels(), exportWords().caption) : '') });
  restoreControls(restored);
  await load();
  try {
    await restoreSelection(restored);
  } finally {
    restoring = false;
    page.restored = true;
    writeUrl();
  }
}

void start();
