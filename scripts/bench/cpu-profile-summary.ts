/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: self time by function
 * and by file, and inclusive time of the project's own functions (node_modules excluded).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  selfByFunction: [string, number][];
  selfByFile: [string, number][];
  inclusiveProject: [string, number][];
}

function shortUrl(url: string, root: string): string {
  return url.replace(`file://${root}/`, '').replace(/^.*node_modules\//, 'node_modules/');
}

function top(map: Map<string, number>, k: number): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1]).slice(0, k).map(([key, us]) => [key, us / 1000]);
}

/** Summarizes one profile; `root` is the repository path (its files count as the project's). */
export function summarizeProfile(file: string, root: string, k = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url, root)}:${n.callFrame.lineNumber + 1}`;
  for (const [id, us] of self) {
    total += us;
    const node = byId.get(id)!;
    byFunction.set(label(node), (byFunction.get(label(node)) ?? 0) + us);
    const file = shortUrl(node.callFrame.url, root).split('/').slice(0, 3).join('/') || `(${node.callFrame.functionName})`;
    byFile.set(file, (byFile.get(file) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur)!;
      if (!n.callFrame.url.startsWith(`file://${root}/`) || n.callFrame.url.includes('/node_modules/')) continue;
      const key = label(n);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  return { totalMs: total / 1000, selfByFunction: top(byFunction, k), selfByFile: top(byFile, k), inclusiveProject: top(inclusive, k) };
}

/** The summary as text. */
export function renderSummary(title: string, s: ProfileSummary): string {
  const rows = (list: [string, number][]) => list.map(([key, ms]) => `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / s.totalMs).toFixed(1).padStart(5)}%  ${key}`).join('\n');
  return [`## ${title}: ${(s.totalMs / 1000).toFixed(2)} s sampled`, '-- self time by function', rows(s.selfByFunction), '-- self time by file', rows(s.selfByFile), '-- inclusive time, project functions', rows(s.inclusiveProject)].join('\n');
}
