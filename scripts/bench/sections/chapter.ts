/**
 * Issue #16: the chapter report (GET /api/groups/:id/report) for every group of the generated
 * network, in process on a warm engine. Target: p95 per group ≤ 50 ms once analytics are warm.
 */
import { AnalyticsEngine } from '../../../graph/analytics/engine.js';
import { RecordSet } from '../../../graph/record-set.js';
import { percentile, singleFigure } from '../stats.js';
import type { BenchContext, Section } from '../types.js';

export const chapterSection: Section = {
  name: 'chapter',
  title: 'Chapter report (#16)',
  method:
    "In process: the records and the analytics engine built from the generated network, asOf its newest event; one report first (it builds the profession referral-flow table the reports share, timed apart as the warm-up), then the report of every group once, each timed alone; p50/p95/max over the groups. The report covers the six months before asOf and the six before that (the change column).",
  async run(ctx: BenchContext) {
    const doc = await ctx.document();
    const records = RecordSet.fromDocument(doc);
    const engine = new AnalyticsEngine().attach({ subscribe: (l) => l.reset(records) });
    const asOf = Math.max(...doc.events.map((e) => Date.parse(e.at)));
    const groups = doc.groups.map((g) => g.id);
    if (!groups.length) return { figures: [], notes: ['the generated network has no groups'] };
    let t = performance.now();
    engine.chapterReport(groups[0]!, { asOf });
    const warmUp = performance.now() - t;
    const times: number[] = [];
    let members = 0;
    for (const g of groups) {
      t = performance.now();
      members += engine.chapterReport(g, { asOf }).members.length;
      times.push(performance.now() - t);
    }
    ctx.log(`chapter: ${groups.length} groups, ${members} member rows`);
    return {
      figures: [
        singleFigure('chapter_warm_up_ms', 'first report (builds the shared referral-flow table)', warmUp, 'ms'),
        singleFigure('chapter_p50_ms', 'report per group, p50', percentile(times, 50), 'ms'),
        singleFigure('chapter_p95_ms', 'report per group, p95', percentile(times, 95), 'ms', { target: { op: '<=', value: 50 } }),
        singleFigure('chapter_max_ms', 'report per group, slowest', Math.max(...times), 'ms'),
      ],
      notes: [`${groups.length} groups, ${members} member rows in all (${(members / groups.length).toFixed(1)} per group).`],
    };
  },
};
