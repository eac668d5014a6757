/**
 * A compact typed-array snapshot of the relationship graph for the hot kernels (paths, BFS, ego
 * metrics, sampled betweenness): Int32Array adjacency and Float64Array tie costs (−ln s), about
 * 12 bytes per arc against ~450 bytes per tie in graphology.
 *
 * Layout: node u owns the slots targets[start[u] .. start[u] + deg[u]) of a block of cap[u] slots.
 * Blocks are built with slack, so most writes patch in place: an added tie takes a free slot, a
 * removed tie swaps with the block's last slot, a changed tie rewrites its cost. A block that runs
 * full moves to the free tail with twice the room (a bump allocator); only when the tail is
 * exhausted does the owner rebuild the whole snapshot, which amortises to O(1) per write.
 * Kernels iterate `for (e = start[u]; e < start[u] + deg[u]; e++)` exactly as over a plain CSR.
 */

export class Csr {
  /** node index → person id, and back */
  readonly ids: string[];
  readonly index: Map<string, number>;
  /** nodes removed since the build keep their index with no arcs */
  alive: Uint8Array;
  start: Int32Array;
  deg: Int32Array;
  cap: Int32Array;
  targets: Int32Array;
  costs: Float64Array;
  /** first free slot of the tail */
  top: number;
  /** undirected ties (each is two arcs) */
  ties: number;
  /** the instant (ms) the costs were computed for */
  costAsOf: number;
  /** bumped by every structural patch, a person's arrival or departure included (caches of derived structure compare it) */
  revision = 0;

  constructor(ids: string[], nodeCapacity: number, arcCapacity: number) {
    this.ids = ids;
    this.index = new Map(ids.map((id, i) => [id, i]));
    const cap = Math.max(nodeCapacity, ids.length, 1);
    this.alive = new Uint8Array(cap);
    this.alive.fill(1, 0, ids.length);
    this.start = new Int32Array(cap);
    this.deg = new Int32Array(cap);
    this.cap = new Int32Array(cap);
    this.targets = new Int32Array(Math.max(arcCapacity, 1));
    this.costs = new Float64Array(Math.max(arcCapacity, 1));
    this.top = 0;
    this.ties = 0;
    this.costAsOf = NaN;
  }

  /** Number of node indexes (alive or not). */
  get n(): number {
    return this.ids.length;
  }

  /** The slot of arc u → v, or −1. */
  slotOf(u: number, v: number): number {
    const s = this.start[u]!;
    const end = s + this.deg[u]!;
    const t = this.targets;
    for (let e = s; e < end; e++) if (t[e] === v) return e;
    return -1;
  }

  /** Adds a node index for a new person; returns it. */
  addNode(id: string): number {
    const existing = this.index.get(id);
    if (existing !== undefined) {
      if (!this.alive[existing]) this.revision++;
      this.alive[existing] = 1;
      return existing;
    }
    const u = this.ids.length;
    this.revision++;
    if (u >= this.start.length) this.growNodes(u * 2 + 16);
    this.ids.push(id);
    this.index.set(id, u);
    this.alive[u] = 1;
    this.start[u] = this.top;
    this.deg[u] = 0;
    this.cap[u] = 0;
    return u;
  }

  /** Adds the tie u–v with a cost; false when the tail has no room (the owner rebuilds). */
  addTie(u: number, v: number, cost: number): boolean {
    if (!this.reserve(u) || !this.reserve(v)) return false;
    this.push(u, v, cost);
    this.push(v, u, cost);
    this.ties++;
    this.revision++;
    return true;
  }

  /** Removes the tie u–v if present. */
  removeTie(u: number, v: number): void {
    if (this.pop(u, v) && this.pop(v, u)) this.ties--;
    this.revision++;
  }

  /** Rewrites the cost of the tie u–v. */
  setCost(u: number, v: number, cost: number): void {
    const a = this.slotOf(u, v);
    const b = this.slotOf(v, u);
    if (a >= 0) this.costs[a] = cost;
    if (b >= 0) this.costs[b] = cost;
  }

  private reserve(u: number): boolean {
    if (this.deg[u]! < this.cap[u]!) return true;
    const need = Math.max(4, this.cap[u]! * 2);
    if (this.top + need > this.targets.length) return false;
    const from = this.start[u]!;
    const d = this.deg[u]!;
    this.targets.copyWithin(this.top, from, from + d);
    this.costs.copyWithin(this.top, from, from + d);
    this.start[u] = this.top;
    this.cap[u] = need;
    this.top += need;
    return true;
  }

  private push(u: number, v: number, cost: number): void {
    const e = this.start[u]! + this.deg[u]!;
    this.targets[e] = v;
    this.costs[e] = cost;
    this.deg[u]!++;
  }

  private pop(u: number, v: number): boolean {
    const e = this.slotOf(u, v);
    if (e < 0) return false;
    const last = this.start[u]! + this.deg[u]! - 1;
    this.targets[e] = this.targets[last]!;
    this.costs[e] = this.costs[last]!;
    this.deg[u]!--;
    return true;
  }

  private growNodes(cap: number): void {
    const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.alive = grow(this.alive, (n) => new Uint8Array(n));
    this.start = grow(this.start, (n) => new Int32Array(n));
    this.deg = grow(this.deg, (n) => new Int32Array(n));
    this.cap = grow(this.cap, (n) => new Int32Array(n));
  }
}

/**
 * Builds a snapshot from tie lists (u[i]–v[i] with cost c[i]); each node gets `slack` spare slots
 * and the tail `tailFraction` of the arcs as room for moved blocks.
 */
export function buildCsr(
  ids: string[],
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  c: ArrayLike<number>,
  count: number,
  options: { slack?: number; tailFraction?: number; nodeSpare?: number } = {},
): Csr {
  const slack = options.slack ?? 0;
  const n = ids.length;
  const deg = new Int32Array(n);
  for (let i = 0; i < count; i++) {
    deg[u[i]!]!++;
    deg[v[i]!]!++;
  }
  const used = 2 * count + slack * n;
  const tail = Math.ceil(used * (options.tailFraction ?? 0)) + (options.tailFraction ? 1024 : 0);
  const csr = new Csr(ids, n + (options.nodeSpare ?? 0), used + tail);
  let at = 0;
  for (let x = 0; x < n; x++) {
    csr.start[x] = at;
    csr.cap[x] = deg[x]! + slack;
    at += deg[x]! + slack;
  }
  csr.top = at;
  for (let i = 0; i < count; i++) {
    const a = u[i]!;
    const b = v[i]!;
    const cost = c[i]!;
    let e = csr.start[a]! + csr.deg[a]!++;
    csr.targets[e] = b;
    csr.costs[e] = cost;
    e = csr.start[b]! + csr.deg[b]!++;
    csr.targets[e] = a;
    csr.costs[e] = cost;
  }
  csr.ties = count;
  return csr;
}
