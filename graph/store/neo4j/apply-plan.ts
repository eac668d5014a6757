/**
 * Turns an ordered change list into set-wise steps that UNWIND batches can run: per key, only the
 * final state matters, plus whether it was deleted first (then a put is a new insertion and takes
 * a new seq, as it would in the embedded store). Deletes run first (relationships before nodes),
 * then puts (nodes before relationships), so every batch sees the ends it needs.
 */
import { keyOf, RECORD_KINDS, type AnyRecord, type Change, type RecordKind } from '../../records.js';
import { checkKind, REL_MODELS, isNodeKind } from './model.js';
import { parsePairKey } from './pair-key.js';

export interface PlannedPut {
  record: AnyRecord;
  /** Position of the put that inserted it in this batch: its seq offset if it is new. */
  index: number;
}

export interface ApplyPlan {
  /** Keys to delete per kind (pair kinds: [from, to] tuples), in deletion order. */
  deletes: Array<{ kind: RecordKind; keys: unknown[] }>;
  /** Records to put per kind, in insertion order. */
  puts: Array<{ kind: RecordKind; rows: PlannedPut[] }>;
}

interface KeyState {
  deleted: boolean;
  put?: PlannedPut;
}

/** Coalesces `changes` per key; throws TypeError on a kind outside the allow-list. */
export function planApply(changes: readonly Change[]): ApplyPlan {
  const states = new Map<RecordKind, Map<string, KeyState>>();
  changes.forEach((change, index) => {
    checkKind(change.kind);
    let byKey = states.get(change.kind);
    if (!byKey) states.set(change.kind, (byKey = new Map<string, KeyState>()));
    const key = change.op === 'put' ? keyOf(change.kind, change.record) : change.key;
    const state = byKey.get(key) ?? { deleted: false };
    byKey.set(key, state);
    if (change.op === 'delete') {
      state.deleted = true;
      state.put = undefined;
    } else if (state.put) {
      state.put = { record: change.record, index: state.put.index };
    } else {
      state.put = { record: change.record, index };
    }
  });

  const plan: ApplyPlan = { deletes: [], puts: [] };
  for (const kind of [...RECORD_KINDS].reverse()) {
    const keys: unknown[] = [];
    for (const [key, state] of states.get(kind) ?? []) {
      if (!state.deleted) continue;
      const target = storeKey(kind, key);
      if (target !== undefined) keys.push(target);
    }
    if (keys.length > 0) plan.deletes.push({ kind, keys });
  }
  for (const kind of RECORD_KINDS) {
    const rows = [...(states.get(kind) ?? new Map<string, KeyState>()).values()]
      .flatMap((s) => (s.put ? [s.put] : []))
      .sort((x, y) => x.index - y.index);
    if (rows.length > 0) plan.puts.push({ kind, rows });
  }
  return plan;
}

/** The key as the delete statement takes it; undefined when no record can have it. */
function storeKey(kind: RecordKind, key: string): unknown {
  if (isNodeKind(kind) || REL_MODELS[kind].keyedBy === 'id') return key;
  return parsePairKey(key);
}
