/**
 * The map page: loads GET /api/map, draws it with Sigma, and wires search, hover, selection,
 * the side panel, filters, views and the referral-path lookup. Tests drive it through
 * `window.__refnet` (see hooks.ts) so a scenario is one page.evaluate.
 */
import './styles.css';
import { describeError, getJson, getMe, type MapResponse } from './api.js';
import { h } from './dom.js';
import { exposeHooks } from './hooks.js';
import { createReducers, initialState, type DisplayState, type Scales } from './map/display-state.js';
import { setupEmptyState } from './map/empty-state.js';
import { IMPORTED_EVENT } from './import/events.js';
import { startClientLayout } from './map/layout.js';
import { renderLegend } from './map/legend.js';
import { nodeKey, personId, toGraph, type MapGraph } from './map/map-graph.js';
import { renderPanel } from './map/panel.js';
import { lookupPaths, pathHighlight, renderPaths, type FoundPath, type TargetKind } from './map/paths.js';
import { LARGE_GRAPH, createRenderer, type MapSigma } from './map/renderer.js';
import { setupSearch } from './map/search.js';

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
  stopLayout?: () => void;
  layoutRunning: boolean;
  /** Bumped after each completed load/render, so tests can wait for it. */
  loads: number;
  /** Milliseconds of the last load's phases (fetch, graph, renderer): for tests and the benchmark. */
  timings: Record<string, number>;
}

const page: MapPage = { state: initialState(), paths: [], layoutRunning: false, loads: 0, timings: {} };
const params = new URLSearchParams(location.search);
/** ?naive: Sigma's default settings (the benchmark's baseline). ?maxNodes=N: a smaller size cap. */
const naive = params.has('naive');

/** Fetches the current view and redraws the map. */
async function load(): Promise<void> {
  setStatus('Loading the network…');
  const viewKind = $<HTMLSelectElement>('view-kind').value;
  const query = {
    view: viewKind,
    person: viewKind === 'ego' ? (selectedPerson() ?? $<HTMLInputElement>('search-input').dataset.id) : undefined,
    group: viewKind === 'group' ? page.data?.groups[page.state.filters.group ?? -1]?.id : undefined,
    community: viewKind === 'community' ? $<HTMLInputElement>('view-community').value : undefined,
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
    setStatus(describeError(e));
    showBanner(`Could not load the map: ${describeError(e)}`);
    return;
  }
  draw(data);
}

function draw(data: MapResponse): void {
  page.stopLayout?.();
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
  page.renderer = createRenderer(graph, $('sigma'), naive);
  if (!naive) {
    page.reducers = createReducers(graph, page.state, scales, { lightHover: graph.order + graph.size > LARGE_GRAPH });
    page.renderer.setSettings({ nodeReducer: page.reducers.nodeReducer, edgeReducer: page.reducers.edgeReducer });
  }
  wireRenderer(page.renderer, graph);
  applyState();
  page.timings.renderer = performance.now() - t;
  fillChoices(data);
  showBanner(data.filtered?.reason);
  $('map-summary').textContent = `Network map of ${data.nodes.length} people and ${data.edges.length} ties${data.filtered ? ' (a filtered view)' : ''}. Use the search box to find a person; details open in the side panel.`;
  setStatus(`${data.nodes.length.toLocaleString('en')} people · ${data.edges.length.toLocaleString('en')} ties`);
  if (data.layout === 'client' && !naive && graph.size > 0) {
    page.layoutRunning = true;
    page.stopLayout = startClientLayout(graph, () => {
      page.layoutRunning = false;
      void page.renderer?.getCamera().animatedReset({ duration: 300 });
    });
  }
  page.loads += 1;
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
  renderLegend($('legend'), page.state, scales, sel && graph.hasNode(sel) ? graph.getNodeAttribute(sel, 'label') : undefined);
}

/** The person id of the selection (display state holds graph node keys). */
function selectedPerson(): string | undefined {
  return page.state.selected === undefined ? undefined : personId(page.state.selected);
}

/** Selects a person by id: highlights them, centres the camera and opens the side panel. */
async function select(id: string): Promise<void> {
  const { graph, renderer } = page;
  const key = nodeKey(id);
  if (!graph || !renderer || !graph.hasNode(key)) return;
  page.state.selected = key;
  applyState();
  const pos = renderer.getNodeDisplayData(key);
  if (pos) void renderer.getCamera().animate({ x: pos.x, y: pos.y, ratio: Math.min(renderer.getCamera().ratio, 0.5) }, { duration: 400 });
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
  const sizeBy = $<HTMLSelectElement>('size-by');
  (sizeBy.options[1] as HTMLOptionElement).disabled = !data.hasBetweenness;
  (sizeBy.options[1] as HTMLOptionElement).textContent = data.hasBetweenness ? `Betweenness${data.betweenness.exact === false ? ' (sampled)' : ''}` : 'Betweenness (still computing; reload later)';
}

/** A name typed in a path field: an id, or the name of someone on the map. Returns a person id. */
function resolvePerson(text: string): string {
  const graph = page.graph;
  if (!graph) return text;
  if (graph.hasNode(nodeKey(text))) return text;
  const lower = text.trim().toLowerCase();
  const found = graph.findNode((_n, a) => a.label.toLowerCase() === lower);
  return found === undefined ? text : personId(found);
}

/** Runs a path lookup, lists the paths and draws them on the map. */
async function findPaths(from: string, toKind: TargetKind, to: string, k: number): Promise<number> {
  const out = $('path-results');
  out.replaceChildren(h('p', { class: 'evidence', text: 'Looking for warm paths…' }));
  try {
    const result = await lookupPaths({
      from: resolvePerson(from),
      toKind,
      to: toKind === 'person' ? resolvePerson(to) : to,
      k,
      asOf: $<HTMLInputElement>('filter-asof').value || undefined,
    });
    page.paths = result.paths;
    const graph = page.graph;
    renderPaths(out, result, (id) => (graph?.hasNode(nodeKey(id)) ? graph.getNodeAttribute(nodeKey(id), 'label') : id));
    if (graph && result.paths.length > 0) {
      const hl = pathHighlight(graph, result.paths);
      page.state.path = { nodes: hl.nodes, edges: hl.edges };
      fitCamera([...hl.nodes]);
      if (hl.missing > 0) out.append(h('p', { class: 'evidence', text: `${hl.missing} step(s) lie outside the people shown on the map.` }));
    } else page.state.path = undefined;
    applyState();
    out.scrollIntoView({ block: 'nearest' });
    return result.paths.length;
  } catch (e) {
    out.replaceChildren(h('p', { class: 'error', role: 'alert', text: describeError(e) }));
    page.state.path = undefined;
    applyState();
    return 0;
  }
}

/** Moves the camera so these nodes fill most of the view. */
function fitCamera(nodes: string[]): void {
  const renderer = page.renderer;
  if (!renderer || nodes.length === 0) return;
  const pts = nodes.map((n) => renderer.getNodeDisplayData(n)).filter((d) => d !== undefined);
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // Framed-graph space: the whole graph spans about 1 at ratio 1.
  const ratio = Math.min(1, Math.max(0.08, Math.max(x1 - x0, y1 - y0) * 1.5));
  void renderer.getCamera().animate({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio }, { duration: 400 });
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
  $<HTMLInputElement>('view-community').addEventListener('change', () => void load());
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
      page.data?.nodes.map((n) => ({ id: n.id, label: n.label, hint: [n.company, n.industry].filter(Boolean).join(' · ') })) ?? [],
    (id) => {
      $<HTMLInputElement>('search-input').dataset.id = id;
      void select(id);
    },
  );
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
  exposeHooks(page, { load, select, findPaths, closePanel, applyState });
  await load();
}

void start();
