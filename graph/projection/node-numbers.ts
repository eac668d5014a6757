/**
 * Person ids numbered for the typed-array tables (pair-lists.ts): a Map id → number, in insertion
 * order (the order the tables list people in), and the ids by number. A dropped person's number
 * is handed to the next one added, so the numbers stay dense.
 *
 * Ids are user data (`__proto__`, `constructor`): only a Map is keyed by them.
 */
export class NodeNumbers {
  private readonly numbers = new Map<string, number>();
  /** number → id ('' for a free number, so it keeps no id alive) */
  readonly names: string[] = [];
  private readonly free: number[] = [];

  get size(): number {
    return this.numbers.size;
  }

  has(id: string): boolean {
    return this.numbers.has(id);
  }

  number(id: string): number | undefined {
    return this.numbers.get(id);
  }

  /** Numbers an id not numbered yet; returns its number. */
  add(id: string): number {
    const u = this.free.pop() ?? this.names.length;
    this.names[u] = id;
    this.numbers.set(id, u);
    return u;
  }

  /** Frees an id's number (the caller has emptied its lists). */
  drop(id: string): void {
    const u = this.numbers.get(id)!;
    this.numbers.delete(id);
    this.names[u] = '';
    this.free.push(u);
  }

  /**
   * number → position in insertion order (ids()'s order, which snapshots number people by); −1
   * for a free number. One walk, no lookup per id.
   */
  positions(): Int32Array {
    const out = new Int32Array(this.names.length).fill(-1);
    let i = 0;
    for (const u of this.numbers.values()) out[u] = i++;
    return out;
  }

  /** Ids in insertion order. */
  ids(): IterableIterator<string> {
    return this.numbers.keys();
  }
}
