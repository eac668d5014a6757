/**
 * A synthetic network of exactly `people` people and `ties` distinct ties (one interaction each),
 * clustered like real referral networks (most ties inside a cluster of 200), seeded so every run
 * draws the same map. Used by the large-graph browser test and the browser benchmark.
 */
const INDUSTRIES = ['Financial Services', 'Legal', 'Real Estate', 'IT & Software', 'Health & Wellness', 'Marketing & Media', 'Construction', 'Insurance', 'Hospitality', 'Logistics', 'Education', 'Energy'];
const KINDS = ['met', 'one_to_one', 'call', 'message', 'follow_up'] as const;

/** Builds the network document. */
export function largeNetwork(people: number, ties: number, seed = 42) {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const cluster = 200;
  const doc = {
    people: Array.from({ length: people }, (_, i) => ({
      id: `p${i}`,
      name: `Person ${i}`,
      industry: INDUSTRIES[Math.floor(i / cluster) % INDUSTRIES.length]!,
    })),
    interactions: [] as { id: string; a: string; b: string; kind: (typeof KINDS)[number]; at: string }[],
  };
  const seen = new Set<number>();
  while (doc.interactions.length < ties) {
    const a = Math.floor(rand() * people);
    const b = rand() < 0.85 ? Math.floor(a / cluster) * cluster + Math.floor(rand() * cluster) : Math.floor(rand() * people);
    if (a === b || b >= people) continue;
    const key = Math.min(a, b) * people + Math.max(a, b);
    if (seen.has(key)) continue;
    seen.add(key);
    const day = 1 + Math.floor(rand() * 28);
    doc.interactions.push({
      id: `i${doc.interactions.length}`,
      a: `p${a}`,
      b: `p${b}`,
      kind: KINDS[Math.floor(rand() * KINDS.length)]!,
      at: `2026-0${1 + Math.floor(rand() * 9)}-${String(day).padStart(2, '0')}`,
    });
  }
  return doc;
}
