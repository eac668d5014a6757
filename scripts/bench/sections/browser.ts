/**
 * Issue #5: the map in headless Chromium (Debian's /usr/bin/chromium, software WebGL), served by
 * the real server (child process) on a synthetic clustered network of 10,000 people / 50,000
 * ties (tests/browser/large-network.ts), on 5,000 / 25,000, and on 50,000 / 250,000 (the map
 * alone: the naive page stops answering there). For each size and page — the map as shipped (`/`) and the naive baseline (`/?naive`:
 * Sigma 3 with default settings and no reducers, on the same graph and positions) — it measures
 * the time to first render (navigation → first animation frame after the map is drawn) and the
 * frame time while the camera pans and zooms (camera.animate moves, as a drag or wheel does;
 * frame time = interval between animation frames). Target: median frame time ≥ 5× better than
 * the naive baseline.
 *
 * Issue #14: Sigma v3 against v4 in the same run, on a dedicated page (viz/bench/sigma.html, built
 * and served here) that draws a seeded clustered graph of 10,000 nodes / 50,000 edges and 50,000 /
 * 250,000 with the map's large-graph settings, through each major in turn: the same first-render
 * and frame-time figures, so the map keeps whichever is at least as fast.
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { CHROMIUM, launchBrowser, type BrowserSession } from '../../../tests/browser/chromium.js';
import { largeNetwork } from '../../../tests/browser/large-network.js';
import { buildSigmaPage, serveDir } from '../sigma-page.js';
import { median, percentile, singleFigure } from '../stats.js';
import type { BenchContext, Figure, Section } from '../types.js';

/** The shipped map's sizes; the naive page is left out where it stops answering (it is the baseline only). */
const SIZES = [
  { people: 5_000, ties: 25_000, naive: true },
  { people: 10_000, ties: 50_000, naive: true },
  { people: 50_000, ties: 250_000, naive: false },
] as const;
/** Sizes of the Sigma v3 / v4 comparison (nodes / edges). */
const SIGMA_SIZES = [
  { nodes: 10_000, edges: 50_000 },
  { nodes: 50_000, edges: 250_000 },
] as const;
const SIGMA_VERSIONS = ['3', '4'] as const;

/** A page that has not drawn within this long counts as "stopped answering". */
const PAGE_TIMEOUT_MS = 180_000;

interface PageRun {
  firstRenderMs: number | null;
  frames: number[];
  error?: string;
}

/** Rejects when `p` has not settled within `ms`: a page whose main thread is stuck never answers. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Opens the page and measures time to first render, then frames over a scripted pan/zoom. */
async function measurePage(browser: BrowserSession, url: string): Promise<PageRun> {
  const { page } = await browser.newPage();
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: PAGE_TIMEOUT_MS });
    // Polled with evaluate: waitForFunction's string form is eval, which the page's CSP forbids.
    const deadline = Date.now() + PAGE_TIMEOUT_MS;
    while (!(await within(page.evaluate<boolean>('(window.__refnet?.loads ?? 0) >= 1 && window.__refnet?.renderer !== undefined'), PAGE_TIMEOUT_MS, 'page'))) {
      if (Date.now() > deadline) throw new Error(`no map drawn within ${PAGE_TIMEOUT_MS / 1000} s`);
      await page.waitForTimeout(100);
    }
    const firstRenderMs = await within(
      page.evaluate<number>('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))))'),
      PAGE_TIMEOUT_MS,
      'first frame',
    );
    await page.waitForTimeout(500);
    const frames = await within(panAndZoom(page), PAGE_TIMEOUT_MS, 'pan and zoom');
    return { firstRenderMs, frames };
  } catch (err) {
    return { firstRenderMs: null, frames: [], error: err instanceof Error ? err.message.split('\n')[0]! : String(err) };
  } finally {
    await page.close({ runBeforeUnload: false }).catch(() => undefined);
  }
}

/**
 * Four camera moves of 1.5 s each (pan, zoom in, pan, zoom out); returns frame intervals (ms).
 * Page code is sent as text: under tsx, functions gain `__name` helpers the page does not have.
 */
function panAndZoom(page: Page, renderer = 'window.__refnet.renderer'): Promise<number[]> {
  return page.evaluate(`new Promise((resolve) => {
    const camera = ${renderer}.getCamera();
    const start = camera.getState();
    const moves = [
      { x: start.x + 0.25 * start.ratio, y: start.y },
      { x: start.x + 0.25 * start.ratio, y: start.y + 0.1, ratio: start.ratio / 3 },
      { x: start.x - 0.1, y: start.y + 0.1, ratio: start.ratio / 3 },
      { x: start.x, y: start.y, ratio: start.ratio },
    ];
    const stamps = [];
    let running = true;
    function tick(t) {
      stamps.push(t);
      if (running) requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
    (async () => {
      for (const m of moves) await camera.animate(m, { duration: 1500 });
      running = false;
      resolve(stamps.slice(1).map((t, i) => t - stamps[i]));
    })();
  })`);
}

/** The v3 / v4 page at one size: first render as the page timed it, then the same camera moves. */
async function measureSigma(browser: BrowserSession, url: string): Promise<PageRun> {
  const { page, errors } = await browser.newPage();
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: PAGE_TIMEOUT_MS });
    const deadline = Date.now() + PAGE_TIMEOUT_MS;
    let firstRenderMs: number | null = null;
    while ((firstRenderMs = await within(page.evaluate<number | null>('window.__bench?.firstRenderMs ?? null'), PAGE_TIMEOUT_MS, 'page')) === null) {
      if (errors.length) throw new Error(errors[0]);
      if (Date.now() > deadline) throw new Error(`nothing drawn within ${PAGE_TIMEOUT_MS / 1000} s`);
      await page.waitForTimeout(100);
    }
    await page.waitForTimeout(500);
    const frames = await within(panAndZoom(page, 'window.__bench.renderer'), PAGE_TIMEOUT_MS, 'pan and zoom');
    if (errors.length) throw new Error(errors[0]);
    return { firstRenderMs, frames };
  } catch (err) {
    return { firstRenderMs: null, frames: [], error: err instanceof Error ? err.message.split('\n')[0]! : String(err) };
  } finally {
    await page.close({ runBeforeUnload: false }).catch(() => undefined);
  }
}

/**
 * Sigma v3 against v4 at each of SIGMA_SIZES, `ctx.rounds` times, alternating which major goes
 * first so the neighbours' load falls on both alike. First render: median over rounds; frame
 * times: median and p95 over every round's frames.
 */
async function sigmaVersions(ctx: BenchContext, figures: Figure[], notes: string[]): Promise<void> {
  const out = await ctx.tempDir('refnet-bench-sigma-');
  ctx.log('browser: building the Sigma v3 / v4 page');
  await buildSigmaPage(ctx.root, out);
  const site = await serveDir(out);
  const browser = await launchBrowser();
  try {
    for (const size of SIGMA_SIZES) {
      const tag = `${size.nodes / 1000}k`;
      const runs: Record<(typeof SIGMA_VERSIONS)[number], PageRun[]> = { '3': [], '4': [] };
      for (let round = 0; round < ctx.rounds; round++) {
        for (const v of round % 2 ? [...SIGMA_VERSIONS].reverse() : SIGMA_VERSIONS) {
          ctx.log(`browser: Sigma v${v}, ${size.nodes} nodes / ${size.edges} edges, round ${round + 1}`);
          runs[v].push(await measureSigma(browser, `${site.url}sigma.html?v=${v}&nodes=${size.nodes}&edges=${size.edges}`));
        }
      }
      const f = singleFigure;
      const scale = `${size.nodes.toLocaleString('en')} nodes / ${size.edges.toLocaleString('en')} edges`;
      for (const v of SIGMA_VERSIONS) {
        for (const run of runs[v]) if (run.error) notes.push(`Sigma v${v} ${tag}: ${run.error}.`);
        const firsts = runs[v].flatMap((r) => (r.firstRenderMs === null ? [] : [r.firstRenderMs]));
        const frames = runs[v].flatMap((r) => r.frames);
        figures.push(
          f(`sigma${v}_first_render_ms_${tag}`, `Sigma v${v}: time to first render, ${scale}`, firsts.length ? median(firsts) : null, 'ms', {
            rounds: firsts.map((x) => Math.round(x)),
          }),
        );
        figures.push(f(`sigma${v}_frame_p50_ms_${tag}`, `Sigma v${v}: median frame time panning/zooming, ${tag}`, frames.length ? median(frames) : null, 'ms'));
        figures.push(f(`sigma${v}_frame_p95_ms_${tag}`, `Sigma v${v}: p95 frame time panning/zooming, ${tag}`, frames.length ? percentile(frames, 95) : null, 'ms'));
        notes.push(`Sigma v${v} ${tag}: ${frames.length} frames in ${runs[v].length} × 6 s of camera moves.`);
      }
    }
  } finally {
    await browser.close();
    await site.close();
  }
}

export const browserSection: Section = {
  name: 'browser',
  title: 'Map in headless Chromium (#5)',
  method:
    'The real server (child process) serves a synthetic clustered network (5,000 people / 25,000 ties, 10,000 / 50,000 and 50,000 / 250,000 — ' +
    'the last for the shipped map only: the naive baseline stops answering there —, ' +
    'one interaction per tie, 200-person clusters). Debian Chromium, headless, software WebGL (SwiftShader), 1280×800. ' +
    'For the shipped map (`/`: edges and labels hidden while the camera moves, point nodes and line edges above 6,000 items, ' +
    'server-side positions) and the naive baseline (`/?naive`: Sigma 3 defaults, no reducers, same graph and positions) in ' +
    'the same run: time to first render (navigation start → second animation frame after the map is drawn) and the ' +
    'interval between animation frames during four 1.5 s camera animations (pan, zoom in, pan, zoom out). ' +
    'Target: median frame time at least 5× better than the naive baseline. ' +
    'Sigma v3 against v4 (issue #14): a dedicated page (viz/bench/sigma.html, built by Vite and served by the bench) draws a seeded ' +
    'clustered graph (clusters of 200 on a spiral, 80 % of edges inside a cluster, sizes 2–8, labels) of 10,000 nodes / 50,000 edges ' +
    'and 50,000 / 250,000 with the map\'s large-graph settings (edges and labels hidden while the camera moves, sparse labels; v3 with its ' +
    'point and line programs, v4 with its default circle and line primitives), one major at a time in the same browser, the order alternating per round; time to first ' +
    'render = `new Sigma(...)` → second animation frame (median over rounds), frame times over the same four camera animations (all rounds pooled).',
  async run(ctx: BenchContext) {
    const figures: Figure[] = [];
    const notes: string[] = [];
    if (!existsSync(CHROMIUM)) {
      notes.push(`Chromium not found at ${CHROMIUM}: browser figures not measured.`);
      return { figures, notes };
    }
    await sigmaVersions(ctx, figures, notes);
    const f = singleFigure;
    for (const size of SIZES) {
      const tag = `${size.people / 1000}k`;
      ctx.log(`browser: ${size.people} people / ${size.ties} ties`);
      const server = await ctx.startServer({ dataDir: await ctx.tempDir('refnet-bench-browser-'), env: { RATE_LIMIT_PER_MINUTE: '100000000' } });
      const imported = await fetch(`${server.url}/api/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(largeNetwork(size.people, size.ties)),
      });
      if (!imported.ok) throw new Error(`bench/browser: import failed with ${imported.status}`);
      // Warm the server's cached map base (layout, communities) so both pages get the same answer time.
      await (await fetch(`${server.url}/`)).arrayBuffer(); // builds the pages if they are stale
      const warm = performance.now();
      await (await fetch(`${server.url}/api/map`)).arrayBuffer();
      notes.push(`${tag}: first GET /api/map (layout + communities, then cached per version) took ${Math.round(performance.now() - warm)} ms.`);

      const browser = await launchBrowser();
      try {
        const runs: Partial<Record<'ours' | 'naive', PageRun>> = { ours: await measurePage(browser, `${server.url}/`) };
        if (size.naive) runs.naive = await measurePage(browser, `${server.url}/?naive`);
        for (const [which, run] of Object.entries(runs) as ['ours' | 'naive', PageRun][]) {
          const label = which === 'ours' ? 'map' : 'naive Sigma';
          if (run.error) notes.push(`${tag} ${label}: ${run.error} (counted as not answering).`);
          figures.push(f(`${which}_first_render_ms_${tag}`, `${label}: time to first render, ${size.people.toLocaleString('en')} people`, run.firstRenderMs, 'ms'));
          figures.push(f(`${which}_frame_p50_ms_${tag}`, `${label}: median frame time panning/zooming, ${tag}`, run.frames.length ? median(run.frames) : null, 'ms'));
          figures.push(f(`${which}_frame_p95_ms_${tag}`, `${label}: p95 frame time panning/zooming, ${tag}`, run.frames.length ? percentile(run.frames, 95) : null, 'ms'));
          notes.push(`${tag} ${label}: ${run.frames.length} frames in the 6 s of camera moves.`);
        }
        if (!runs.naive || !runs.ours) continue;
        const ratio = runs.ours.frames.length && runs.naive.frames.length ? median(runs.naive.frames) / median(runs.ours.frames) : null;
        figures.push(
          f(`frame_ratio_${tag}`, `median frame time, naive ÷ map, ${tag}`, ratio, '×', {
            target: { op: '>=', value: 5 },
            ...(ratio === null ? { note: runs.naive.error ? 'naive page stopped answering' : 'not measured' } : {}),
          }),
        );
      } finally {
        await browser.close();
        await server.stop();
      }
    }
    return { figures, notes };
  },
};
