/** A binary min-heap of (key, item) on typed arrays, with lazy deletion left to the caller. */
export class MinHeap {
  private keys: Float64Array;
  private items: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    this.keys = new Float64Array(capacity);
    this.items = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  push(key: number, item: number): void {
    if (this.size === this.keys.length) this.grow();
    let i = this.size++;
    const keys = this.keys;
    const items = this.items;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p]! <= key) break;
      keys[i] = keys[p]!;
      items[i] = items[p]!;
      i = p;
    }
    keys[i] = key;
    items[i] = item;
  }

  /** Smallest key (Infinity when empty). */
  peekKey(): number {
    return this.size ? this.keys[0]! : Infinity;
  }

  /** Removes the smallest entry and returns its item; read its key with peekKey first. */
  pop(): number {
    const keys = this.keys;
    const items = this.items;
    const top = items[0]!;
    const n = --this.size;
    if (n > 0) {
      const key = keys[n]!;
      const item = items[n]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && keys[c + 1]! < keys[c]!) c++;
        if (keys[c]! >= key) break;
        keys[i] = keys[c]!;
        items[i] = items[c]!;
        i = c;
      }
      keys[i] = key;
      items[i] = item;
    }
    return top;
  }

  private grow(): void {
    const k = new Float64Array(this.keys.length * 2);
    k.set(this.keys);
    const it = new Int32Array(this.items.length * 2);
    it.set(this.items);
    this.keys = k;
    this.items = it;
  }
}
