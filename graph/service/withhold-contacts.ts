/**
 * Answers as a viewer may see them (graph/service/contact-visibility.ts decides who sees whom).
 * Analytics are computed over the whole network, private contacts included, and every answer that
 * names people is shaped here for the viewer, at one of two moments:
 * - before: a list the analytics cut to the best N (warm paths' targets, introductions, the
 *   re-networking queue, gap and open-seat candidates, the one-to-ones that would pay, top
 *   brokers, the map's ego view, "this week") is ranked among the people the viewer sees, and
 *   people put together (a group's coverage with its overlaps, a chapter's power teams) are put
 *   together among them: `ranking` passes them in (`sees`, graph/analytics/context.ts). Filtered
 *   afterwards, such a list would come back short, or empty, while people the viewer sees could
 *   fill it, and an overlap or a team could come back as one person, or none. The same `sees`
 *   keeps categories only withheld people hold from being named (counts keep them, in `unnamed`);
 * - after (below): a subject (the person of /people/{id}/…, a path's ends, an ego view) withheld
 *   from the viewer is UnknownIdError, the same 404 an unknown id gets, so existence does not
 *   leak; an entry of a list that is not cut (a report row, a group's members, referral partners)
 *   is left out; a hop inside a warm path is kept as an anonymous hop (`null`, "a contact of Ann").
 */
import type { DiversityGapAnswer, PersonMetricsAnswer } from '../analytics/engine.js';
import { UnknownIdError, type Sees } from '../analytics/context.js';
import type { ChapterReport } from '../analytics/chapter.js';
import type { WarmPath, WarmPathsResult } from '../analytics/warm-paths.js';
import type { RecordSet } from '../record-set.js';
import { anonymousHop, withheldPeople, type ContactViewer } from './contact-visibility.js';

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
   * What to add to the options of an analytic that cuts a list to N or puts people together, so
   * that it ranks (or groups) among the people the viewer sees, or that names dimensions and
   * categories (a 400's near misses and lists, person metrics' dimensions, the categories counted
   * in diversity and gap reports, the map's industries, a chapter's open seats), so that it names
   * only those of people the viewer sees — a category only withheld people hold is counted, not
   * named (nameableCategories, graph/analytics/dimensions.ts): nothing when the viewer sees
   * everyone (the answer is the one everyone gets, cached answers included).
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

  /** A person's metrics: the referral partners it names leave withheld people out (the counts keep them). */
  personMetrics(r: PersonMetricsAnswer): PersonMetricsAnswer {
    if (this.withheld.size === 0) return r;
    const rec = r.reciprocity;
    return { ...r, reciprocity: { ...rec, reciprocatedPartners: rec.reciprocatedPartners.filter(this.sees), owed: rec.owed.filter(this.sees) } };
  }

  /** A gap report whose candidates were picked with `ranking`: the withheld hops of their paths are anonymous. */
  diversityGap(r: DiversityGapAnswer): DiversityGapAnswer {
    if (this.withheld.size === 0) return r;
    const category = <C extends { candidates: { person: string; path: WarmPath | null }[] }>(c: C): C => ({
      ...c,
      candidates: c.candidates.map((x) => ({ ...x, path: x.path && (this.path(x.path) as WarmPath) })),
    });
    return { ...r, missing: r.missing.map(category), underRepresented: r.underRepresented.map(category) } as DiversityGapAnswer;
  }

  /**
   * A chapter report built with `ranking` (its pairs, seat candidates and power teams are people
   * the viewer sees): the tables, which are not cut, leave withheld people out; the seat
   * candidates' paths make them anonymous hops.
   */
  chapterReport(r: ChapterReport): ChapterReport {
    if (this.withheld.size === 0) return r;
    const by = <T extends { person: string }>(list: T[]) => list.filter((x) => this.sees(x.person));
    return {
      ...r,
      members: by(r.members),
      visitors: by(r.visitors),
      openSeats: r.openSeats.map((s) => ({ ...s, candidates: s.candidates.map((c) => ({ ...c, path: this.path(c.path) as WarmPath })) })),
      giversAndTakers: by(r.giversAndTakers),
      change: by(r.change),
      people: r.people.filter((p) => this.sees(p.id)),
    };
  }
}
