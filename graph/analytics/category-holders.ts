/**
 * Who holds each value of each person field and attribute key: read once from the records (a
 * field when first asked for), then kept current as people are put and removed
 * (RecordSet.watchPeople). Which dimensions and
 * categories someone a viewer sees holds (a member withheld from others' private contacts:
 * dimensions.ts) is then a search for one holder they see, not a read of every person on each
 * request, and a change to one person costs a few list updates, not a rebuild (one took 0.1–0.3 s
 * on the 100,000-person benchmark network).
 */
import type { RecordSet } from '../record-set.js';
import type { Person } from '../schema.js';
import { foldCategory } from '../service/text-match.js';

/** The holders of one field or attribute key. */
export class Holders {
  /** each non-empty value → the people holding it, in no particular order */
  readonly byValue = new Map<string, string[]>();
  /** how many values two people or more hold */
  repeated = 0;
  /** the values that are not category labels (attribute keys only) */
  readonly notLabels = new Set<string>();
  /** everyone with the attribute key, whatever its value */
  readonly anyValue: string[] = [];
  /**
   * each value → a stamp of its holder list's last change, from one clock for all holders (so a
   * list that is emptied, dropped and held again never shows an earlier stamp); none: no holders
   */
  readonly changed = new Map<string, number>();
  /** each folded value (any case, no accents) → the values held that fold to it */
  readonly byFolded = new Map<string, string[]>();
}

export class CategoryHolders {
  /** each person field asked for so far (field) */
  private readonly fields = new Map<keyof Person, Holders>();
  readonly attributes = new Map<string, Holders>();
  /** the clock of Holders.changed */
  private clock = 0;

  /** `isLabel`: the category-label rule an attribute's values are held to (dimensions.ts). */
  constructor(
    private readonly records: RecordSet,
    private readonly isLabel: (value: string) => boolean,
  ) {
    for (const p of records.maps.person.values()) this.add(p);
    records.watchPeople((p, how) => (how === 'add' ? this.add(p) : this.remove(p)));
  }

  /**
   * The holders of a person field: read from every person the first time it is asked for (the
   * attribute keys, which every list of dimensions needs, are read at once), kept current after.
   */
  field(name: keyof Person): Holders {
    let h = this.fields.get(name);
    if (!h) {
      h = new Holders();
      for (const p of this.records.maps.person.values()) this.hold(h, p[name], p.id, false);
      this.fields.set(name, h);
    }
    return h;
  }

  private add(p: Person): void {
    for (const [f, h] of this.fields) this.hold(h, p[f], p.id, false);
    for (const [k, v] of Object.entries(p.attributes ?? {})) {
      const h = this.attributes.get(k) ?? this.attributes.set(k, new Holders()).get(k)!;
      h.anyValue.push(p.id);
      this.hold(h, v, p.id, true);
    }
  }

  private remove(p: Person): void {
    for (const [f, h] of this.fields) this.release(h, p[f], p.id);
    for (const [k, v] of Object.entries(p.attributes ?? {})) {
      const h = this.attributes.get(k);
      if (!h) continue;
      drop(h.anyValue, p.id);
      this.release(h, v, p.id);
      if (h.anyValue.length === 0) this.attributes.delete(k);
    }
  }

  private hold(h: Holders, value: unknown, id: string, labelled: boolean): void {
    if (typeof value !== 'string' || value === '') return;
    h.changed.set(value, ++this.clock);
    const ids = h.byValue.get(value);
    if (!ids) {
      h.byValue.set(value, [id]);
      const folded = foldCategory(value);
      (h.byFolded.get(folded) ?? h.byFolded.set(folded, []).get(folded)!).push(value);
      if (labelled && !this.isLabel(value)) h.notLabels.add(value);
      return;
    }
    ids.push(id);
    if (ids.length === 2) h.repeated++;
  }

  private release(h: Holders, value: unknown, id: string): void {
    if (typeof value !== 'string' || value === '') return;
    const ids = h.byValue.get(value);
    if (!ids || !drop(ids, id)) return;
    h.changed.set(value, ++this.clock);
    if (ids.length === 1) h.repeated--;
    if (ids.length === 0) {
      h.byValue.delete(value);
      const folded = foldCategory(value);
      const spellings = h.byFolded.get(folded);
      if (spellings && drop(spellings, value) && spellings.length === 0) h.byFolded.delete(folded);
      h.changed.delete(value);
      h.notLabels.delete(value);
    }
  }
}

/** Removes one `id` from `ids` (the last one moved into its place); false when it is not there. */
function drop(ids: string[], id: string): boolean {
  const i = ids.lastIndexOf(id);
  if (i < 0) return false;
  ids[i] = ids[ids.length - 1]!;
  ids.pop();
  return true;
}
