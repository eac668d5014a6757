/**
 * The side panel for one person: metrics from the analytics API, every tie with its stage and
 * evidence, and the re-networking queue. Each section loads on its own, so a slow or missing
 * endpoint shows its own message instead of blanking the panel.
 */
import { describeError, getJson } from '../api.js';
import { contactLinks, loadCard } from '../contact.js';
import { asText, day, fmt, h, pick } from '../dom.js';
import { term } from '../glossary/terms.js';
import { BADGE_INK, STAGE_COLORS } from '../palette.js';
import { STAGE_NAMES } from './display-state.js';
import { count as countOf, percent } from '../../../graph/support/words.js';
import { nodeKey, personId, type MapGraph } from './map-graph.js';

/** Ties whose evidence is fetched right away; the rest on demand. */
const EVIDENCE_EAGER = 12;

export interface PanelContext {
  graph: MapGraph;
  asOf?: string;
  /** Selects another person, by person id. */
  onSelect(id: string): void;
}

/**
 * Fills `body` with the details of the person at graph node `key`. Resolves when every section
 * has loaded or failed.
 */
export async function renderPanel(body: HTMLElement, key: string, ctx: PanelContext): Promise<void> {
  const id = personId(key);
  const a = ctx.graph.getNodeAttributes(key);
  const facts = [a.profession, a.industry, a.company, a.location].filter(Boolean).join(' · ');
  const metrics = h('section', { 'aria-busy': 'true' }, h('p', { class: 'evidence', text: 'Loading metrics…' }));
  const ties = h('ul', { class: 'ties' });
  const queue = h('section', { 'aria-busy': 'true' }, h('p', { class: 'evidence', text: 'Loading…' }));
  const contact = h('p', { class: 'sub' });
  body.replaceChildren(
    h('h2', { id: 'panel-title', dir: 'auto', text: a.label }),
    h('p', { class: 'sub', text: facts || id }),
    contact,
    h('h3', { text: 'Metrics' }),
    metrics,
    h('h3', { text: `Ties (${ctx.graph.degree(key)})` }),
    ties,
    h('h3', { text: 'Re-networking queue' }),
    queue,
  );
  const asOf = ctx.asOf;
  const tieJobs = renderTies(ties, key, ctx);
  await Promise.all([
    loadCard(id).then((card) => contact.replaceChildren(contactLinks(card))),
    getJson(`/api/people/${encodeURIComponent(id)}/metrics`, { asOf })
      .then((m) => metrics.replaceChildren(metricsGrid(m)))
      .catch((e) => metrics.replaceChildren(h('p', { class: 'evidence', text: `Metrics unavailable: ${describeError(e)}` })))
      .finally(() => metrics.removeAttribute('aria-busy')),
    getJson(`/api/renetworking`, { person: id, limit: 8, asOf })
      // "Every tie is in touch" would be an odd thing to say of someone without a tie.
      .then((q) => queue.replaceChildren(queueList(q, ctx, ctx.graph.degree(key) > 0)))
      .catch((e) => queue.replaceChildren(h('p', { class: 'evidence', text: `Queue unavailable: ${describeError(e)}` })))
      .finally(() => queue.removeAttribute('aria-busy')),
    tieJobs,
  ]);
}

function metricsGrid(m: unknown): HTMLElement {
  // A label that is jargon gets its plain-words tooltip and a link to its definition.
  const JARGON: Record<string, string> = {
    betweenness: 'betweenness',
    'effective size': 'effective-size',
    constraint: 'constraint',
    Shannon: 'shannon',
    Blau: 'blau',
  };
  const cell = (label: string, v: unknown) =>
    h('div', { class: 'metric' }, h('b', { text: fmt(v) }), JARGON[label] ? term(JARGON[label], label) : h('span', { text: label }));
  const groups = pick(m, 'visibility', 'groups');
  const industry = pick(m, 'diversity', 'industry') ?? pick(m, 'diversity');
  return h(
    'div',
    { class: 'metrics', 'data-testid': 'metrics' },
    cell('degree', pick(m, 'visibility', 'degree')),
    cell('betweenness', pick(m, 'visibility', 'betweenness')),
    cell('groups', Array.isArray(groups) ? groups.length : groups),
    cell('effective size', pick(m, 'brokerage', 'effectiveSize')),
    cell('constraint', pick(m, 'brokerage', 'constraint')),
    cell('events', pick(m, 'visibility', 'events')),
    cell('referrals given', pick(m, 'reciprocity', 'given')),
    cell('received', pick(m, 'reciprocity', 'received')),
    cell('balance', pick(m, 'reciprocity', 'balance')),
    cell('industries', pick(industry, 'richness')),
    cell('Shannon', pick(industry, 'shannon')),
    cell('Blau', pick(industry, 'blau')),
  );
}

async function renderTies(list: HTMLUListElement, key: string, ctx: PanelContext): Promise<void> {
  const rows: { other: string; stage: number; dormant: boolean }[] = [];
  ctx.graph.forEachEdge(key, (_e, attrs, s, t) => rows.push({ other: s === key ? t : s, stage: attrs.stage, dormant: attrs.dormant }));
  rows.sort((x, y) => y.stage - x.stage || Number(x.dormant) - Number(y.dormant));
  if (rows.length === 0) {
    // A person is on the map before their first tie (imported contacts, a new member), or their
    // ties lie outside this view or date: say so, and how a tie starts.
    list.append(h('li', { class: 'evidence', 'data-testid': 'no-ties' }, 'No ties on this map: a shared event, an interaction or a referral makes one. ', h('a', { href: '/home.html', text: 'Log one on the home page' }), '.'));
    return;
  }
  const jobs: Promise<void>[] = [];
  rows.forEach((r, i) => {
    const stage = STAGE_NAMES[r.stage]!;
    const evidence = h('div', { class: 'evidence' });
    const name = h('button', { type: 'button', class: 'link', dir: 'auto', text: ctx.graph.getNodeAttribute(r.other, 'label') });
    const other = personId(r.other);
    name.addEventListener('click', () => ctx.onSelect(other));
    const badge = h('span', { class: 'badge', text: stage });
    badge.style.background = STAGE_COLORS[stage];
    badge.style.color = BADGE_INK;
    const li = h('li', { 'data-person': other }, name, badge, r.dormant && h('span', { class: 'badge dormant', text: 'dormant' }), evidence);
    list.append(li);
    const load = () => loadEvidence(evidence, personId(key), other, ctx.asOf);
    if (i < EVIDENCE_EAGER) jobs.push(load());
    else {
      const more = h('button', { type: 'button', class: 'link', text: 'show evidence' });
      more.addEventListener('click', () => void load());
      evidence.append(more);
    }
  });
  await Promise.all(jobs);
}

async function loadEvidence(el: HTMLElement, a: string, b: string, asOf?: string): Promise<void> {
  try {
    const r = await getJson(`/api/relationships/${encodeURIComponent(a)}/${encodeURIComponent(b)}`, { asOf });
    const ev = pick(r, 'evidence') ?? pick(r, 'vcp', 'evidence');
    const reason = pick(r, 'reason') ?? pick(r, 'vcp', 'reason');
    const strength = pick(r, 'strength', 'strength') ?? pick(r, 'strength');
    el.replaceChildren(evidenceText(ev, typeof reason === 'string' ? reason : undefined), typeof strength === 'number' ? ' · ' : '', typeof strength === 'number' ? term('strength', `strength ${percent(strength)}`) : '');
  } catch (e) {
    el.replaceChildren(`evidence unavailable: ${describeError(e)}`);
  }
}

/**
 * The evidence of a tie in one line: the stage's reason first, then each fact once — a fact the
 * reason already states ("6 interactions") is not repeated, and counts of zero are left out.
 */
export function evidenceText(ev: unknown, reason: string | undefined): string {
  const count = (k: string) => (typeof pick(ev, k) === 'number' ? (pick(ev, k) as number) : 0);
  const given = count('referralsGiven');
  const received = count('referralsReceived');
  const facts = [
    count('interactions') > 0 && countOf(count('interactions'), 'interaction'),
    count('oneToOnes') > 0 && countOf(count('oneToOnes'), 'one-to-one meeting'),
    given + received > 0 && `referrals ${fmt(given)} given / ${fmt(received)} received (${fmt(count('referralsWon'))} won)`,
    count('coAttendedEvents') > 0 && countOf(count('coAttendedEvents'), 'shared event'),
  ].filter((f): f is string => typeof f === 'string' && !(reason ?? '').includes(f));
  const lead = reason ? [`${reason[0]!.toUpperCase()}${reason.slice(1)}`] : [];
  return [...lead, ...facts, `last contact ${day(pick(ev, 'lastContact'))}`].join(' · ');
}

function queueList(q: unknown, ctx: PanelContext, hasTies: boolean): HTMLElement {
  const items = (Array.isArray(q) ? q : ((pick(q, 'queue') ?? pick(q, 'items') ?? []) as unknown[])) as unknown[];
  const followUps = (pick(q, 'followUps') ?? []) as unknown[];
  if (items.length === 0 && followUps.length === 0) return h('p', { class: 'evidence', text: hasTies ? 'Nothing to re-network: every tie is in touch.' : 'Nothing to re-network.' });
  const row = (it: unknown, prefix = '') => {
    const other = asText(pick(it, 'person') ?? pick(it, 'other') ?? pick(it, 'id'));
    const key = nodeKey(other);
    const name = asText(pick(it, 'name') ?? (ctx.graph.hasNode(key) ? ctx.graph.getNodeAttribute(key, 'label') : other));
    const btn = h('button', { type: 'button', class: 'link', text: name });
    btn.addEventListener('click', () => ctx.graph.hasNode(key) && ctx.onSelect(other));
    const reach = h('div', { class: 'evidence' });
    void loadCard(other).then((card) => reach.replaceChildren(contactLinks(card)));
    return h('li', {}, prefix, btn, h('div', { class: 'evidence', text: asText(pick(it, 'reason')) }), reach);
  };
  return h(
    'ol',
    { class: 'queue', 'data-testid': 'renetworking' },
    ...items.map((it) => row(it)),
    ...followUps.map((it) => row(it, 'follow up: ')),
  );
}
