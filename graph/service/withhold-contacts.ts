/**
 * Answers as a viewer may see them (graph/service/contact-visibility.ts decides who sees whom):
 * every answer that names people passes through here before it is sent. Analytics are computed
 * over the whole network, private contacts included; here a withheld person is
 * - a subject (the person of /people/{id}/…, a path's ends, an ego view): UnknownIdError, the
 *   same 404 an unknown id gets, so existence does not leak (a warm path's targets are resolved
 *   among the people the viewer sees, `ranking`, so its ends are never withheld);
 * - a row or list entry (a candidate, a queue item, a map node, a report row): left out;
 * - a hop inside a warm path: kept as an anonymous hop (`null`, with "a contact of Ann").
 */
import type { DiversityGapAnswer, GroupMetricsAnswer, PersonMetricsAnswer } from '../analytics/engine.js';
import { UnknownIdError, type Sees } from '../analytics/context.js';
import type { ChapterReport } from '../analytics/chapter.js';
import type { Introduction } from '../analytics/introductions.js';
import type { RenetworkingQueue } from '../analytics/renetworking.js';
import type { WarmPath, WarmPathsResult } from '../analytics/warm-paths.js';
import type { MapResponse } from '../map/schema.js';
import type { RecordSet } from '../record-set.js';
import { anonymousHop, withheldPeople, type ContactViewer } from './contact-visibility.js';
import { parseRowKey, type ThisWeek } from './this-week.js';

/** A warm path as a viewer sees it: withheld hops are `null`, described in `anonymous`. */
export type VisiblePath = Omit<WarmPath, 'people' | 'steps'> & {
  people: (string | null)[];
  steps: (Omit<WarmPath['steps'][number], 'from' | 'to'> & { from: string | null; to: string | null })[];
  /** the withheld hops: their place in `people` and whose contact each is */
  anonymous?: { index: number; contactOf: string | null; label: string }[];
};

export class ContactFilter {
  readonly withheld: ReadonlySet<string>;
  private readonly records: RecordSet | undefined;

  /** `records` is read only for a viewer who does not see all (a function: not even fetched otherwise). */
  constructor(
    records: RecordSet | (() => RecordSet),
    private readonly viewer: ContactViewer,
  ) {
    this.records = viewer.seesAll ? undefined : typeof records === 'function' ? records() : records;
    this.withheld = this.records ? withheldPeople(this.records, viewer) : new Set();
  }

  /** True when the person may be named to the viewer. */
  sees = (person: string): boolean => !this.withheld.has(person);

  /**
   * What to add to the options of an analytic that cuts a list to N, so that it ranks among the
   * people the viewer sees: nothing when the viewer sees everyone (the answer is the one everyone
   * gets, cached answers included).
   */
  get ranking(): { sees?: Sees } {
    return this.withheld.size === 0 ? {} : { sees: this.sees };
  }

  /** Throws the unknown-person error for a withheld person (the subject of an answer). */
  subject(person: string): void {
    if (this.withheld.has(person)) throw new UnknownIdError('person', person);
  }

  path(p: WarmPath): VisiblePath {
    if (this.withheld.size === 0 || p.people.every(this.sees)) return p;
    const hide = (id: string) => (this.sees(id) ? id : null);
    const records = this.records!; // something is withheld, so the viewer does not see all
    const anonymous = p.people.flatMap((id, index) => (this.sees(id) ? [] : [{ index, ...anonymousHop(records, this.viewer, id) }]));
    // A connector's record and the weakest link name people: withheld ones are left out with them.
    const steps = p.steps.map(({ connector, ...s }) => ({ ...s, from: hide(s.from), to: hide(s.to), ...(connector && this.sees(connector.person) && { connector }) }));
    const { weakestLink, ...rest } = p;
    return { ...rest, people: p.people.map(hide), steps, anonymous, ...(weakestLink && weakestLink.people.every(this.sees) && { weakestLink }) };
  }

  /**
   * Warm paths searched with `ranking` (their ends are people the viewer sees): the withheld hops
   * inside are anonymous, and lose their contact cards.
   */
  paths<R extends WarmPathsResult & { contacts?: { id: string }[] }>(r: R): Omit<R, 'paths'> & { paths: VisiblePath[] } {
    if (this.withheld.size === 0) return r;
    const contacts = r.contacts && { contacts: r.contacts.filter((c) => this.sees(c.id)) };
    return { ...r, paths: r.paths.map((p) => this.path(p)), ...contacts };
  }

  /** Network metrics: counts keep everyone; the top brokers it names leave withheld people out. */
  networkMetrics<R extends { topBrokers: { person: string }[] }>(r: R): R {
    return this.withheld.size === 0 ? r : { ...r, topBrokers: r.topBrokers.filter((b) => this.sees(b.person)) };
  }

  /** A person's metrics: the referral partners it names leave withheld people out (the counts keep them). */
  personMetrics(r: PersonMetricsAnswer): PersonMetricsAnswer {
    if (this.withheld.size === 0) return r;
    const rec = r.reciprocity;
    return { ...r, reciprocity: { ...rec, reciprocatedPartners: rec.reciprocatedPartners.filter(this.sees), owed: rec.owed.filter(this.sees) } };
  }

  introductions<R extends { introductions: Introduction[] }>(r: R): R {
    return { ...r, introductions: r.introductions.filter((i) => this.sees(i.a) && this.sees(i.b)) };
  }

  renetworking(r: RenetworkingQueue): RenetworkingQueue {
    return { ...r, queue: r.queue.filter((i) => this.sees(i.person)), followUps: r.followUps.filter((f) => this.sees(f.person)) };
  }

  diversityGap(r: DiversityGapAnswer): DiversityGapAnswer {
    if (this.withheld.size === 0) return r;
    const category = <C extends { candidates: { person: string; path: WarmPath | null }[] }>(c: C): C => ({
      ...c,
      candidates: c.candidates.filter((x) => this.sees(x.person)).map((x) => ({ ...x, path: x.path && (this.path(x.path) as WarmPath) })),
    });
    return { ...r, missing: r.missing.map(category), underRepresented: r.underRepresented.map(category) } as DiversityGapAnswer;
  }

  groupMetrics(r: GroupMetricsAnswer): GroupMetricsAnswer {
    if (this.withheld.size === 0) return r;
    const ids = (list: string[]) => list.filter(this.sees);
    const coverage = r.coverage.map((c) => {
      if (!Array.isArray(c.missing)) return c; // counts only (a sensitive dimension): nobody named
      const categories = Object.fromEntries(Object.entries(c.categories as Record<string, string[]>).map(([k, v]) => [k, ids(v)]));
      const overlaps = (c.overlaps as { category: string; members: string[] }[]).map((o) => ({ ...o, members: ids(o.members) }));
      return { ...c, categories, overlaps, missing: ids(c.missing) };
    });
    return { ...r, coverage };
  }

  chapterReport(r: ChapterReport): ChapterReport {
    if (this.withheld.size === 0) return r;
    const by = <T extends { person: string }>(list: T[]) => list.filter((x) => this.sees(x.person));
    return {
      ...r,
      members: by(r.members),
      visitors: by(r.visitors),
      oneToOnesThatWouldPay: r.oneToOnesThatWouldPay.filter((o) => this.sees(o.a) && this.sees(o.b)),
      openSeats: r.openSeats.map((s) => ({ ...s, candidates: by(s.candidates).map((c) => ({ ...c, path: this.path(c.path) as WarmPath })) })),
      giversAndTakers: by(r.giversAndTakers),
      powerTeams: r.powerTeams.map((t) => ({ ...t, members: t.members.filter(this.sees) })),
      change: by(r.change),
      people: r.people.filter((p) => this.sees(p.id)),
    };
  }

  week<W extends ThisWeek>(w: W): W {
    if (this.withheld.size === 0) return w;
    const rows = <R extends { person: { id: string } }>(list: R[]) => list.filter((x) => this.sees(x.person.id));
    return {
      ...w,
      followUps: rows(w.followUps),
      dormant: rows(w.dormant),
      owed: rows(w.owed),
      introductions: rows(w.introductions).filter((i) => this.sees(i.other.id)),
      slips: rows(w.slips),
      hidden: w.hidden.filter((h) => parseRowKey(h.key)?.ids.every(this.sees) ?? true),
    };
  }

  /** The map without withheld people and their ties (indexes renumbered); totals still count them. */
  map(view: MapResponse): MapResponse {
    if (this.withheld.size === 0) return view;
    const renumber = new Map<number, number>();
    const nodes = view.nodes.filter((n, i) => this.sees(n.id) && renumber.set(i, renumber.size));
    const edges = view.edges.flatMap(([s, t, ...facts]): MapResponse['edges'] => {
      const a = renumber.get(s);
      const b = renumber.get(t);
      return a === undefined || b === undefined ? [] : [[a, b, ...facts]];
    });
    return { ...view, nodes, edges };
  }
}
