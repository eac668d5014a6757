import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalyticsEngine } from '../../../graph/analytics/engine.js';
import { BULK_CHANGES, LiveNetwork } from '../../../graph/live-network.js';
import { LazyProjection, ProjectionFailedError, STEP_UNITS } from '../../../graph/projection/lazy-projection.js';
import { NetworkProjection } from '../../../graph/projection/network-projection.js';
import { RecordSet } from '../../../graph/record-set.js';
import type { Change } from '../../../graph/records.js';
import { EmbeddedStore } from '../../../graph/store/embedded/embedded-store.js';

const dirs: string[] = [];
const stores: EmbeddedStore[] = [];

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function liveNetwork(): Promise<LiveNetwork> {
  const dir = await mkdtemp(join(tmpdir(), 'refnet-lazy-'));
  dirs.push(dir);
  const store = new EmbeddedStore(dir);
  stores.push(store);
  await store.open();
  const network = new LiveNetwork(store);
  await network.load();
  return network;
}

const person = (id: string): Change => ({ op: 'put', kind: 'person', record: { id, name: id } });
const interaction = (id: string, a: string, b: string): Change => ({
  op: 'put',
  kind: 'interaction',
  record: { id, a, b, at: '2025-01-01T00:00:00Z', kind: 'met' } as never,
});

describe('lazy analytics projection', () => {
  it('when a network is loaded, then nothing is built until the first read, which builds once', async () => {
    const network = await liveNetwork();
    await network.write([person('a'), person('b'), interaction('i1', 'a', 'b')]);
    const engine = new AnalyticsEngine().attach(network);
    expect(engine.warmUpStatus()).toMatchObject({ state: 'cold', builds: 0 });
    expect(engine.projection.ties.hasEdge('a', 'b')).toBe(true);
    expect(engine.warmUpStatus()).toMatchObject({ state: 'warm', builds: 1 });
  });

  it('when small writes follow, then they are applied incrementally with no rebuild', async () => {
    const network = await liveNetwork();
    const engine = new AnalyticsEngine().attach(network);
    expect(engine.projection.ties.order).toBe(0);
    await network.write([person('a'), person('b'), person('c')]);
    await network.write([interaction('i1', 'a', 'b')]);
    await network.write([interaction('i2', 'b', 'c')]);
    expect(engine.projection.ties.size).toBe(2);
    expect(engine.warmUpStatus().builds).toBe(1);
  });

  it('when one write is a bulk batch, then listeners get one reset and the next read rebuilds with every change', async () => {
    const network = await liveNetwork();
    const engine = new AnalyticsEngine().attach(network);
    expect(engine.projection.ties.order).toBe(0);
    const n = Math.ceil(BULK_CHANGES / 2) + 10;
    const changes: Change[] = [];
    for (let i = 0; i < n; i++) changes.push(person(`p${i}`));
    for (let i = 1; i < n; i++) changes.push(interaction(`i${i}`, `p${i - 1}`, `p${i}`));
    await network.write(changes);
    expect(engine.warmUpStatus()).toMatchObject({ state: 'cold', builds: 1 });
    expect(engine.projection.ties.order).toBe(n);
    expect(engine.projection.ties.size).toBe(n - 1);
    expect(engine.warmUpStatus().builds).toBe(2);
  });

  it('when changes land during a background warm-up, then none is lost and the event loop was yielded to', async () => {
    const records = new RecordSet();
    // 1,000 people and ~5,000 interactions (pairs j–j+m): one-step slices end among the
    // interactions, after the one between p4 and p5 was linked, so deleting it must restart the build.
    const n = 1_000;
    for (let i = 0; i < n; i++) records.apply(person(`p${i}`));
    for (let m = 1; m <= 5; m++) for (let j = 0; j + m < n; j++) records.apply(interaction(m === 1 && j === 4 ? 'i5' : `i${m}-${j}`, `p${j}`, `p${j + m}`));
    expect(n + records.maps.interaction.size).toBeGreaterThan(2 * STEP_UNITS);
    const lazy = new LazyProjection(new NetworkProjection(), { sliceMs: 0 });
    lazy.reset(records);
    const loop = countTurns();
    const warm = lazy.whenWarm(60_000);
    // The first slice ran; the build now waits for the event loop. Two changes arrive.
    expect(lazy.state).toBe('warming');
    for (const change of [interaction('late1', 'p0', 'p9'), { op: 'delete', kind: 'interaction', key: 'i5' } as Change]) {
      const previous = records.apply(change);
      lazy.applied(change, previous, records);
    }
    expect(await warm).toBe(true);
    loop.stop();
    const reference = new NetworkProjection();
    reference.reset(records);
    expect(lazy.state).toBe('warm');
    expect(lazy.projection.ties.hasEdge('p0', 'p9')).toBe(true);
    expect(lazy.projection.ties.hasEdge('p4', 'p5')).toBe(false);
    expect(lazy.projection.ties.size).toBe(reference.ties.size);
    expect(lazy.projection.ties.order).toBe(reference.ties.order);
    expect(loop.turns).toBeGreaterThan(1);
  });

  it('when a bulk write resets the records during a warm-up, then the waiting reader gets the graph of the new records', async () => {
    const records = new RecordSet();
    for (let i = 0; i < 3 * STEP_UNITS; i++) records.apply(person(`p${i}`));
    const lazy = new LazyProjection(new NetworkProjection(), { sliceMs: 0 });
    lazy.reset(records);
    const warm = lazy.whenWarm(60_000);
    expect(lazy.state).toBe('warming');
    const bigger = new RecordSet();
    for (let i = 0; i < 4 * STEP_UNITS; i++) bigger.apply(person(`q${i}`));
    bigger.apply(interaction('x', 'q0', 'q1'));
    lazy.reset(bigger);
    expect(await warm).toBe(true);
    expect(lazy.projection.ties.order).toBe(4 * STEP_UNITS);
    expect(lazy.projection.ties.hasNode('p0')).toBe(false);
    expect(lazy.projection.ties.hasEdge('q0', 'q1')).toBe(true);
  });

  it('when the warm-up has follow-up steps, then they run in slices after the graphs and before the projection counts as warm, and changes meanwhile are replayed', async () => {
    const records = new RecordSet();
    for (let i = 0; i < 10; i++) records.apply(person(`p${i}`));
    const seen: string[] = [];
    let hasEdgeDuringFollowUp = true;
    const lazy: LazyProjection = new LazyProjection(new NetworkProjection(), {
      sliceMs: 0,
      then: function* () {
        for (let i = 0; i < 3; i++) {
          seen.push(lazy.state);
          hasEdgeDuringFollowUp &&= lazy.projection.ties.hasEdge('p0', 'p1');
          yield;
        }
      },
    });
    lazy.reset(records);
    const loop = countTurns();
    const warm = lazy.whenWarm(60_000);
    // Wait for the follow-up to start, then write: the change must wait for the follow-up's end.
    await new Promise<void>((resolve) => {
      const look = () => (seen.length > 0 ? resolve() : setImmediate(look));
      look();
    });
    const change = interaction('late', 'p0', 'p1');
    lazy.applied(change, records.apply(change), records);
    expect(await warm).toBe(true);
    loop.stop();
    // Never warm before the follow-up is done (the first slice runs before warmUp() returns, while the state still reads cold).
    expect(seen).toHaveLength(3);
    expect(seen.slice(1)).toEqual(['warming', 'warming']);
    expect(seen).not.toContain('warm');
    expect(hasEdgeDuringFollowUp).toBe(false);
    expect(lazy.projection.ties.hasEdge('p0', 'p1')).toBe(true);
    expect(loop.turns).toBeGreaterThanOrEqual(3);
  });

  it('when the engine warms up, then the live CSR snapshot is built by the warm-up, and the first read builds nothing', async () => {
    const records = new RecordSet();
    const n = 2 * STEP_UNITS;
    for (let i = 0; i < n; i++) records.apply(person(`p${i}`));
    for (let i = 1; i < n; i++) records.apply(interaction(`i${i}`, `p${i - 1}`, `p${i}`));
    const engine = new AnalyticsEngine().attach({ subscribe: (l) => l.reset(records) });
    expect(await engine.whenWarm(60_000)).toBe(true);
    const keeper = (engine as unknown as { snapshots: { builds: number } }).snapshots;
    expect(keeper.builds).toBe(1);
    const ctx = engine.context(Date.parse('2026-01-01'));
    expect(keeper.builds).toBe(1);
    expect(ctx.csr.ties).toBe(n - 1);
  });

  it('when network metrics are read after a rebuild, then the stage counts match the ties', async () => {
    const network = await liveNetwork();
    await network.write([person('a'), person('b'), person('c'), interaction('i1', 'a', 'b'), interaction('i2', 'b', 'c')]);
    const engine = new AnalyticsEngine().attach(network);
    const m = engine.networkMetrics();
    const s = m.stages as unknown as Record<string, number>;
    expect(s.visibility! + s.credibility! + s.profitability!).toBe(2);
  });
});

/** A projection that fails on the changes or builds it is told to, as a projection bug would. */
class FaultyProjection extends NetworkProjection {
  failChange = false;
  failBuild = false;
  override applied(...args: Parameters<NetworkProjection['applied']>): void {
    if (this.failChange) throw new Error('cannot apply');
    super.applied(...args);
  }
  override *rebuild(records: RecordSet, slice: number): Generator<void, void, undefined> {
    if (this.failBuild) throw new Error('cannot build');
    yield* super.rebuild(records, slice);
  }
}

function applyTo(lazy: LazyProjection, records: RecordSet, change: Change): void {
  lazy.applied(change, records.apply(change), records);
}

describe('lazy analytics projection when the projection fails', () => {
  it('when a listener throws on a change the store accepted, then the records and version still move on and that listener is reset', async () => {
    const network = await liveNetwork();
    const heard: string[] = [];
    let fail = true;
    network.subscribe({
      reset: (records) => heard.push(`reset ${records.maps.person.size}`),
      applied: (change) => {
        if (fail) throw new Error('listener bug');
        heard.push(`applied ${change.kind}`);
      },
    });
    heard.length = 0;
    const version = await network.write([person('a')]);
    expect(network.version).toBe(version);
    expect(network.records.has('person', 'a')).toBe(true);
    expect(heard).toEqual(['reset 1']);
    fail = false;
    await network.write([person('b')]);
    expect(heard).toEqual(['reset 1', 'applied person']);
  });

  it('when a change the store accepted does not apply incrementally, then the projection is rebuilt from the records and holds it', () => {
    const records = new RecordSet();
    const projection = new FaultyProjection();
    const lazy = new LazyProjection(projection);
    const errors: string[] = [];
    lazy.onError = (err, during) => errors.push(`${during}: ${(err as Error).message}`);
    lazy.reset(records);
    for (const c of [person('a'), person('b')]) applyTo(lazy, records, c);
    lazy.ensure();
    projection.failChange = true;
    applyTo(lazy, records, interaction('i1', 'a', 'b'));
    expect(errors).toEqual(['change: cannot apply']);
    expect(lazy.status()).toMatchObject({ state: 'cold', recoveries: 1 });
    projection.failChange = false;
    lazy.ensure();
    expect(lazy.state).toBe('warm');
    expect(lazy.projection.ties.hasEdge('a', 'b')).toBe(true);
  });

  it('when the build fails, then the state is failed, reads get ProjectionFailedError, and the next change tries again', async () => {
    const records = new RecordSet();
    const projection = new FaultyProjection();
    const lazy = new LazyProjection(projection, { sliceMs: 0 });
    const errors: string[] = [];
    lazy.onError = (err, during) => errors.push(`${during}: ${(err as Error).message}`);
    for (const c of [person('a'), person('b')]) records.apply(c);
    lazy.reset(records);
    projection.failBuild = true;
    expect(await lazy.whenWarm(1_000)).toBe(false);
    expect(lazy.state).toBe('failed');
    expect(() => lazy.ensure()).toThrow(ProjectionFailedError);
    expect(errors).toEqual(['build: cannot build']);
    projection.failBuild = false;
    applyTo(lazy, records, interaction('i1', 'a', 'b'));
    expect(lazy.state).toBe('cold');
    expect(await lazy.whenWarm(1_000)).toBe(true);
    expect(lazy.projection.ties.hasEdge('a', 'b')).toBe(true);
  });
});

/** Counts the event loop's turns (setImmediate) until stopped: a build that yields lets them run. */
function countTurns(): { readonly turns: number; stop(): void } {
  let turns = 0;
  let ticking = true;
  const tick = () => {
    if (!ticking) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  return {
    get turns() {
      return turns;
    },
    stop: () => {
      ticking = false;
    },
  };
}
