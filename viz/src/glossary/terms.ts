/**
 * The map's jargon in plain words: one entry per term, the single source for the tooltips
 * (`term()`) and the glossary page (glossary.html, one anchor per entry). The precise
 * definitions are in docs/ANALYTICS.md; each entry names the section.
 */
import { h } from '../dom.js';

export interface GlossaryEntry {
  /** the anchor on glossary.html */
  id: string;
  term: string;
  /** one sentence a member understands */
  plain: string;
  /** how refnet computes it, in a line or two */
  precise: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: 'chance',
    term: 'chance',
    plain: 'How likely every introduction along this path works out: the tie strengths of its steps and its connectors’ reliabilities multiplied (100% = certain).',
    precise: 'e^(−cost), cost = Σ −ln(strength) over the path’s ties as of the date shown (docs/ANALYTICS.md, “Warm paths”).',
  },
  {
    id: 'strength',
    term: 'tie strength',
    plain: 'How strong a relationship is now, from 0% to 100%: higher for later VCP stages, recent contact, long acquaintance and referrals both ways.',
    precise: 'min(1, base(stage) × 2^(−days since last contact / 180) × (1 + tenure + reciprocity)); base 0.9 / 0.6 / 0.3.',
  },
  {
    id: 'reliability',
    term: 'connector reliability',
    plain: 'How often this person has passed on the introductions they were asked for: 100% for someone never asked yet, lower for each request they declined or let lapse.',
    precise: 'r = (made + 2) / (asked + 2) over their decided intro requests (a request still asked after 30 days counts as declined); docs/ANALYTICS.md, “Warm paths”.',
  },
  {
    id: 'degree',
    term: 'degree',
    plain: 'How many people this person has a tie with.',
    precise: 'The number of ties (any stage) as of the date shown.',
  },
  {
    id: 'betweenness',
    term: 'betweenness',
    plain: 'How often this person sits on the shortest route between two others: a high value means they connect parts of the network that would otherwise be far apart. Values are small fractions; compare people, not the number itself.',
    precise: 'Brandes betweenness, unweighted, normalised by 2/((n−1)(n−2)); sampled on large networks (docs/ANALYTICS.md, “Definitions”).',
  },
  {
    id: 'effective-size',
    term: 'effective size',
    plain: 'How many of this person’s contacts bring something new: contacts who all know each other count as fewer. Higher means a less redundant network.',
    precise: 'Burt’s effective size of the ego network, as networkx computes it.',
  },
  {
    id: 'constraint',
    term: 'constraint',
    plain: 'How much this person depends on a few tightly knit contacts, from 0 to 1. Lower means more brokerage opportunities (bridges between groups).',
    precise: 'Burt’s constraint of the ego network, as networkx computes it.',
  },
  {
    id: 'shannon',
    term: 'Shannon',
    plain: 'How varied this person’s contacts are across industries: 0 when all share one industry, higher with more industries evenly represented.',
    precise: 'Shannon entropy −Σ p ln p over the share of contacts in each industry; contacts with no value left out.',
  },
  {
    id: 'blau',
    term: 'Blau',
    plain: 'The chance that two contacts picked at random work in different industries, from 0 (all the same) towards 1 (all different).',
    precise: 'Blau’s index 1 − Σ p² over the share of contacts in each industry.',
  },
  {
    id: 'vcp',
    term: 'VCP stage',
    plain: 'Visibility: they know each other. Credibility: a one-to-one, a referral or three interactions. Profitability: referrals both ways, at least one won.',
    precise: 'docs/ANALYTICS.md, “Definitions”: the thresholds are configurable.',
  },
  {
    id: 'dormant',
    term: 'dormant',
    plain: 'No contact for longer than the usual cadence: the tie is fading and worth a call.',
    precise: 'asOf − last contact > cadence (exactly at the cadence is not dormant).',
  },
  {
    id: 'community',
    term: 'community',
    plain: 'A cluster of people tied more to each other than to the rest, named after its most common industry.',
    precise: 'Louvain communities of the ties as of the date shown.',
  },
];

const BY_ID = new Map(GLOSSARY.map((e) => [e.id, e]));

/** The glossary entry of an id; throws on a typo so a missing entry is caught in development. */
export function entry(id: string): GlossaryEntry {
  const e = BY_ID.get(id);
  if (!e) throw new Error(`no glossary entry "${id}"`);
  return e;
}

/**
 * A term with its plain-words tooltip and a link to its definition: `label` (default the term)
 * with a `title`, then a small "?" link to glossary.html#id that opens in a new tab.
 */
export function term(id: string, label?: string): HTMLElement {
  const e = entry(id);
  return h('span', { class: 'term', title: e.plain, 'data-term': e.id }, label ?? e.term, glossaryLink(id));
}

/** The small "?" link to a term's definition alone (beside a heading that names the term). */
export function glossaryLink(id: string): HTMLElement {
  const e = entry(id);
  return h('a', { class: 'glossary-link', href: `/glossary.html#${e.id}`, target: '_blank', rel: 'noopener', 'aria-label': `What is ${e.term}?`, title: e.plain, text: '?' });
}
