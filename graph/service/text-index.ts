/**
 * The folded search text of every record of a kind, in key order, as one string: a list search
 * (`?q=`) finds its matches with indexOf instead of fetching and matching every record one by one.
 * At a million people a name few people have took 0.9 s a query that way (three random reads per
 * person: the key, the record, its folded text; issue #18).
 *
 * Built on the first search of a kind, from the sorted keys of the moment. Records put or deleted
 * after that are noted as they change (RecordSet.watch) and matched one by one beside the text,
 * until 2,000 of them (or 2 % of the records) make building the text again the cheaper way.
 * Matches come in key order, so a page needs only the matches up to its limit.
 */
import type { RecordSet } from '../record-set.js';
import { keyOf, type RecordKind, type RecordTypes } from '../records.js';
import { compareIds } from '../support/id-order.js';
import { ownerMemo } from '../support/memo.js';
import { upperBound } from '../support/bisect.js';
import { sortedKeysAfter } from './pagination.js';

/** Between two records' texts: no needle with it is looked up in the text (searchedKeys says so). */
const SEPARATOR = '\u0001';
const REBUILD_AT = { changed: 2_000, fraction: 0.02 };

interface Built {
  keys: readonly string[];
  text: string;
  /** start of each record's text in `text`, and one past the end */
  starts: Int32Array;
}

interface KindText {
  built?: Built;
  /** keys of records put or deleted since `built` */
  changed: Set<string>;
}

const indexes = ownerMemo<RecordSet, Map<RecordKind, KindText>>('list.text-index');

/**
 * The keys after `after` (all, if undefined) whose record's text may contain `needle`, in key
 * order: every key whose text does, and those of records changed since the text was built (the
 * caller matches each key's record anyway). A needle holding the separator gets every key.
 */
export function searchedKeys<K extends RecordKind>(
  records: RecordSet,
  kind: K,
  sortedKeys: () => readonly string[],
  textOf: (record: RecordTypes[K]) => string,
  needle: string,
  after: string | undefined,
): Iterable<string> {
  if (needle.includes(SEPARATOR)) return sortedKeysAfter(sortedKeys(), after);
  const index = kindText(records, kind);
  if (!index.built) {
    index.built = build(records, kind, sortedKeys(), textOf);
    index.changed.clear();
  }
  return matches(index.built, [...index.changed].filter((k) => after === undefined || compareIds(k, after) > 0).sort(compareIds), index.changed, needle, after);
}

function kindText(records: RecordSet, kind: RecordKind): KindText {
  let byKind = indexes.get(records);
  if (!byKind) indexes.set(records, (byKind = new Map<RecordKind, KindText>()));
  let index = byKind.get(kind);
  if (!index) {
    const created: KindText = { changed: new Set() };
    records.watch(kind, (record) => {
      const { built, changed } = created;
      if (!built) return;
      changed.add(keyOf(kind, record as never));
      // Past the limit the text is dropped at once (an import after a search would otherwise
      // note every key it puts); the next search builds it again.
      if (changed.size > Math.max(REBUILD_AT.changed, REBUILD_AT.fraction * built.keys.length)) {
        created.built = undefined;
        changed.clear();
      }
    });
    byKind.set(kind, (index = created));
  }
  return index;
}

function build<K extends RecordKind>(records: RecordSet, kind: K, sorted: readonly string[], textOf: (record: RecordTypes[K]) => string): Built {
  const map = records.maps[kind] as Map<string, RecordTypes[K]>;
  // A copy: the sorted keys are kept up to date in place.
  const keys = [...sorted];
  const texts = new Array<string>(keys.length);
  const starts = new Int32Array(keys.length + 1);
  let at = 0;
  for (let i = 0; i < keys.length; i++) {
    const r = map.get(keys[i]!);
    const t = r === undefined ? '' : textOf(r);
    texts[i] = t;
    starts[i] = at;
    at += t.length + SEPARATOR.length;
  }
  starts[keys.length] = at;
  return { keys, text: texts.join(SEPARATOR), starts };
}

function* matches(built: Built, changedAfter: readonly string[], changed: ReadonlySet<string>, needle: string, after: string | undefined): Generator<string> {
  const { keys, text, starts } = built;
  const end = starts[keys.length]!;
  let off = starts[after === undefined ? 0 : upperBound(keys, after)]!;
  let j = 0;
  for (;;) {
    const pos = off < end ? text.indexOf(needle, off) : -1;
    let key: string | undefined;
    if (pos >= 0) {
      const i = upperBound(starts, pos) - 1;
      key = keys[i]!;
      off = starts[i + 1]!;
    }
    while (j < changedAfter.length && (key === undefined || compareIds(changedAfter[j]!, key) < 0)) yield changedAfter[j++]!;
    if (key === undefined) return;
    // A changed record's key came (or comes) from `changedAfter`, matched against its record of now.
    if (!changed.has(key)) yield key;
  }
}
