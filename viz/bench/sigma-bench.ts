/**
 * The Sigma v3 / v4 benchmark page (scripts/bench/sections/browser.ts): `?v=3|4&nodes=N&edges=M`
 * builds the benchmark graph, then draws it with that Sigma major and the map's level-of-detail
 * settings for large graphs. Exposes `window.__bench = { renderer, firstRenderMs, constructMs }` once the
 * second animation frame after `new Sigma(...)` has run (first render = that interval).
 */
import { benchGraph } from './bench-graph.js';

interface BenchCamera {
  getState(): { x: number; y: number; ratio: number };
  animate(state: Partial<{ x: number; y: number; ratio: number }>, opts: { duration: number }): Promise<void>;
}
export interface BenchRenderer {
  getCamera(): BenchCamera;
  kill(): void;
}

declare global {
  interface Window {
    /** `constructMs`: the synchronous part of `new Sigma(...)` (graph processing, programs), within `firstRenderMs`. */
    __bench?: { renderer: BenchRenderer; firstRenderMs: number; constructMs: number; version: string };
  }
}

const params = new URLSearchParams(location.search);
const version = params.get('v') === '4' ? '4' : '3';
const graph = benchGraph(Number(params.get('nodes') ?? 10_000), Number(params.get('edges') ?? 50_000));
const stage = document.getElementById('stage')!;
const { mount } = version === '4' ? await import('./sigma-v4.js') : await import('./sigma-v3.js');
const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
await frame();
const start = performance.now();
const renderer = mount(graph, stage);
const constructMs = performance.now() - start;
await frame();
await frame();
window.__bench = { renderer, firstRenderMs: performance.now() - start, constructMs, version };
