/**
 * Quick local measurement of the embedded store (not a test; the formal benchmark lives in
 * scripts/bench): imports P people + R interactions/referrals in batches, then restarts.
 *
 *   npx tsx tests/store/measure-embedded.ts write DIR [people=100000] [records=1000000] [batch=20000]
 *   npx tsx tests/store/measure-embedded.ts reopen DIR
 */
import type { Change } from '../../graph/records.js';
import { openEmbeddedStore } from '../../graph/store/embedded/index.js';

const [mode, dir, p = '100000', r = '1000000', b = '20000'] = process.argv.slice(2);
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const INDUSTRIES = ['Finance', 'Legal', 'Hospitality', 'Construction', 'Health', 'IT', 'Marketing', 'Real estate'];

function* changes(people: number, records: number): Generator<Change> {
  for (let i = 0; i < people; i++) {
    yield {
      op: 'put',
      kind: 'person',
      record: {
        id: `p${i}`,
        name: `Person Number ${i}`,
        email: `person${i}@example.org`,
        company: `Company ${i % 5000}`,
        industry: INDUSTRIES[i % INDUSTRIES.length],
        location: `City ${i % 300}`,
        tags: ['member'],
        attributes: { club: `Club ${i % 40}` },
      },
    };
  }
  for (let i = 0; i < records; i++) {
    const a = `p${(i * 7919) % people}`;
    const bb = `p${(i * 104729 + 1) % people}`;
    const at = `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    if (i % 4 === 0) {
      yield { op: 'put', kind: 'referral', record: { id: `r${i}`, from: a, to: bb, at, status: 'won', value: (i % 977) * 10.5 } };
    } else {
      yield { op: 'put', kind: 'interaction', record: { id: `i${i}`, a, b: bb, kind: 'one_to_one', at } };
    }
  }
}

if (mode === 'write') {
  const store = await openEmbeddedStore(dir!);
  const size = Number(b);
  const started = performance.now();
  let batch: Change[] = [];
  let total = 0;
  for (const c of changes(Number(p), Number(r))) {
    batch.push(c);
    if (batch.length === size) {
      await store.apply(batch);
      total += batch.length;
      batch = [];
    }
  }
  if (batch.length) await store.apply(batch);
  total += batch.length;
  const secs = (performance.now() - started) / 1000;
  await store.close();
  const closed = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({ records: total, seconds: +secs.toFixed(2), cpuSeconds: +(process.cpuUsage().user / 1e6).toFixed(2), recordsPerSecond: Math.round(total / secs), withClose: +closed.toFixed(2), stats: store.stats(), peakRss: mb(process.resourceUsage().maxRSS) }),
  );
} else {
  const started = performance.now();
  const store = await openEmbeddedStore(dir!);
  const secs = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ reopenSeconds: +secs.toFixed(2), cpuSeconds: +(process.cpuUsage().user / 1e6).toFixed(2), stats: store.stats(), peakRss: mb(process.resourceUsage().maxRSS) }));
  await store.close();
}
