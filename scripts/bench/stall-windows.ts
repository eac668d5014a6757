/**
 * What held the event loop during each slow /healthz answer, from a V8 .cpuprofile of the server
 * (node --cpu-prof). A sliced import yields with setImmediate, so the loop never goes idle between
 * its slices and idle samples cannot mark the turns; the slow polls can: a poll sent at `from` and
 * answered at `to` (process.hrtime, the same monotonic clock as the profile's timestamps on Linux)
 * waited for whatever ran in between. Each window lists the self time by function (the garbage
 * collector included) and the project's functions on the stack (inclusive), so a stall is traced
 * to its code.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A slow poll: sent and answered, in µs of the monotonic clock. */
export interface PollWindow {
  fromUs: number;
  toUs: number;
}

export interface StallReport {
  waitMs: number;
  /** ms of the window the main thread spent off idle (CPU or GC). */
  busyMs: number;
  /** Samples in the window and the longest gap between two: on a loaded machine a gap far above the sampling interval is the thread descheduled, not work. */
  samples: number;
  longestGapMs: number;
  /**
   * The busy time with each gap between samples capped at a few sampling intervals: the thread's
   * own work (and GC, sampled as such), less the time it sat descheduled. The figure to compare
   * with a target when the machine is loaded.
   */
  workMs: number;
  self: [string, number][];
  inclusive: [string, number][];
}

function label(node: ProfileNode, root: string): string {
  const url = node.callFrame.url.replace(`file://${root}/`, '').replace(/^.*node_modules\//, 'node_modules/');
  return `${node.callFrame.functionName || '(anonymous)'}${url ? ` ${url}:${node.callFrame.lineNumber + 1}` : ''}`;
}

const top = (map: Map<string, number>, k: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([key, us]): [string, number] => [key, us / 1000]);

/** Attributes each window's samples (the sampling interval read as the median gap between samples); windows outside the profile's span get no report. */
export function stallReports(profile: CpuProfile, windows: PollWindow[], root: string, k = 6): StallReport[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) times.push((t += d));
  const sorted = [...profile.timeDeltas].sort((a, b) => a - b);
  const cap = 4 * (sorted[sorted.length >> 1] ?? 1000);
  const project = (n: ProfileNode) => n.callFrame.url.startsWith(`file://${root}/`) && !n.callFrame.url.includes('/node_modules/');
  const reports: StallReport[] = [];
  for (const w of windows) {
    if (w.toUs < profile.startTime || w.fromUs > profile.endTime) continue;
    const self = new Map<string, number>();
    const inclusive = new Map<string, number>();
    let busy = 0;
    let samples = 0;
    let longestGap = 0;
    let work = 0;
    for (let i = 0; i < times.length; i++) {
      if (times[i]! <= w.fromUs || times[i]! > w.toUs) continue;
      samples++;
      longestGap = Math.max(longestGap, profile.timeDeltas[i] ?? 0);
      const node = byId.get(profile.samples[i]!)!;
      if (node.callFrame.functionName === '(idle)') continue;
      const us = profile.timeDeltas[i] ?? 0;
      busy += us;
      work += Math.min(us, cap);
      self.set(label(node, root), (self.get(label(node, root)) ?? 0) + us);
      const seen = new Set<string>();
      for (let cur: number | undefined = node.id; cur !== undefined; cur = parent.get(cur)) {
        const n = byId.get(cur)!;
        if (!project(n) || seen.has(label(n, root))) continue;
        seen.add(label(n, root));
        inclusive.set(label(n, root), (inclusive.get(label(n, root)) ?? 0) + us);
      }
    }
    reports.push({ waitMs: (w.toUs - w.fromUs) / 1000, busyMs: busy / 1000, samples, longestGapMs: longestGap / 1000, workMs: work / 1000, self: top(self, k), inclusive: top(inclusive, k) });
  }
  return reports;
}

/** The reports as text, most work first. */
export function renderStalls(title: string, reports: StallReport[], limit = 8): string {
  const lines = [`## ${title}: ${reports.length} slow polls`];
  const longest = reports.reduce((m, r) => Math.max(m, r.workMs), 0);
  lines[0] += `; longest stretch of work ${longest.toFixed(0)} ms`;
  for (const r of [...reports].sort((a, b) => b.workMs - a.workMs).slice(0, limit)) {
    lines.push(`${r.workMs.toFixed(0).padStart(6)} ms work: ${r.waitMs.toFixed(0)} ms wait, busy ${r.busyMs.toFixed(0)} ms in ${r.samples} samples (longest gap ${r.longestGapMs.toFixed(0)} ms)`);
    for (const [name, ms] of r.self) lines.push(`        ${ms.toFixed(0).padStart(5)} ms self  ${name}`);
    for (const [name, ms] of r.inclusive) lines.push(`        ${ms.toFixed(0).padStart(5)} ms incl  ${name}`);
  }
  return lines.join('\n');
}

/** True for the profile of the server's main thread (it ran the server entry, not a worker or the loader). */
export function isMainThread(profile: CpuProfile): boolean {
  return profile.nodes.some((n) => /scripts\/serve\.(ts|js)$/.test(n.callFrame.url));
}
