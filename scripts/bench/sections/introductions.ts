/**
 * Issue #15: link prediction, measured. Do refnet's introduction suggestions foretell which pairs
 * later form a tie, better than the resource-allocation index and common neighbours? On the
 * generated benchmark network and on SNAP CollegeMsg (scripts/bench/data/PROVENANCE.md).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AnalyticsEngine } from '../../../graph/analytics/engine.js';
import type { CategoryFlow } from '../../../graph/analytics/category-flow.js';
import { candidatePairs, cutTime, introductionScores, rankingQuality, type RankingQuality } from '../../../graph/analytics/link-prediction.js';
import { INTRODUCTION_DEFAULTS } from '../../../graph/analytics/introductions.js';
import { RecordSet } from '../../../graph/record-set.js';
import type { NetworkDocument } from '../../../graph/schema.js';
import { singleFigure, secondsSince } from '../stats.js';
import type { BenchContext, Figure, Section } from '../types.js';

const TRAINING_SHARE = 0.8;
const CLOSURE_WEIGHT = INTRODUCTION_DEFAULTS.closureWeight;
const KS = [10, 50] as const;
const COLLEGE_MSG = { file: 'scripts/bench/data/CollegeMsg.txt.gz', sha256: '61c48411d84b3907f0ccc7468d47241a5e2a46a7234739e4379274a190293fe6' };
/** CollegeMsg's people have no industry: all get this one, so the category term is the same for every pair. */
const ONE_CATEGORY = 'student';

/** One dataset to evaluate: its records, and the flow to use when it has no referrals to count. */
interface Dataset {
  key: string;
  label: string;
  doc: NetworkDocument;
  flow?: CategoryFlow;
}

/** The dated activity records: attendance at its event's date, interactions, referrals. */
function activityTimes(doc: NetworkDocument): number[] {
  const eventAt = new Map(doc.events.map((e) => [e.id, Date.parse(e.at)]));
  return [...doc.attendance.map((a) => eventAt.get(a.event)!), ...doc.interactions.map((i) => Date.parse(i.at)), ...doc.referrals.map((r) => Date.parse(r.at))].filter(Number.isFinite);
}

/** CollegeMsg as a refnet document: one person per user, each message an interaction; checked against its hash. */
async function collegeMsg(root: string): Promise<NetworkDocument> {
  const text = gunzipSync(await readFile(join(root, COLLEGE_MSG.file)));
  const sha = createHash('sha256').update(text).digest('hex');
  if (sha !== COLLEGE_MSG.sha256) throw new Error(`${COLLEGE_MSG.file}: sha256 ${sha}, expected ${COLLEGE_MSG.sha256} (see scripts/bench/data/PROVENANCE.md)`);
  const users = new Set<string>();
  const interactions: NetworkDocument['interactions'] = [];
  for (const line of text.toString('utf8').split('\n')) {
    const m = /^(\d+)\s+(\d+)\s+(\d+)\s*$/.exec(line);
    if (!m || m[1] === m[2]) continue; // the header line; a message to oneself is no tie
    const [a, b] = [`u${m[1]}`, `u${m[2]}`];
    users.add(a).add(b);
    interactions.push({ id: `m${interactions.length + 1}`, a, b, kind: 'message', at: new Date(Number(m[3]) * 1000).toISOString() });
  }
  return {
    people: [...users].map((id) => ({ id, name: `user ${id.slice(1)}`, industry: ONE_CATEGORY })),
    companies: [],
    groups: [],
    memberships: [],
    events: [],
    attendance: [],
    interactions,
    referrals: [],
    dismissals: [],
    introRequests: [],
  };
}

/** A flow in which every pair of people trades one referral: the category term is neutral. */
function neutralFlow(): CategoryFlow {
  return { dimension: 'industry', directed: new Map([[ONE_CATEGORY, new Map([[ONE_CATEGORY, 1]])]]), total: new Map([[ONE_CATEGORY, 1]]) };
}

interface Evaluation {
  cut: number;
  trainingTies: number;
  methods: { key: string; label: string; quality: RankingQuality }[];
  seconds: { candidates: number; refnet: number };
  /** candidates refnet gives no score (nobody would suggest them), and the positives among them */
  unscored: { candidates: number; positives: number };
}

/** Cut the history, rank the candidates by each method, label them by the ties formed after the cut. */
function evaluate(ctx: BenchContext, d: Dataset): Evaluation {
  const records = RecordSet.fromDocument(d.doc);
  const engine = new AnalyticsEngine().attach({ subscribe: (l) => l.reset(records) });
  const cut = cutTime(activityTimes(d.doc), TRAINING_SHARE);
  const training = engine.context(cut);
  let t = performance.now();
  const pairs = candidatePairs(training.csr);
  const candidatesSeconds = secondsSince(t);
  const ids = training.csr.ids;
  const positive = Array.from(pairs.us, (u, i) => engine.projection.ties.hasEdge(ids[u]!, ids[pairs.vs[i]!]!));
  ctx.log(`introductions: ${d.key}: ${pairs.us.length.toLocaleString('en')} candidate pairs, ${positive.filter(Boolean).length.toLocaleString('en')} positive; scoring refnet`);
  t = performance.now();
  const refnet = introductionScores(training, pairs, d.flow ? { flow: d.flow } : {});
  const refnetSeconds = secondsSince(t);
  const unscored = { candidates: 0, positives: 0 };
  refnet.score.forEach((s, i) => {
    if (s > 0) return;
    unscored.candidates++;
    if (positive[i]) unscored.positives++;
  });
  return {
    unscored,
    cut,
    trainingTies: training.csr.ties,
    methods: [
      { key: 'refnet', label: `refnet (worth^${(1 - CLOSURE_WEIGHT).toFixed(2).replace(/0$/, '')}·closure^${CLOSURE_WEIGHT})`, quality: rankingQuality(refnet.score, positive, KS) },
      { key: 'refnet_before', label: 'refnet before (worth alone)', quality: rankingQuality(refnet.worth, positive, KS) },
      { key: 'ra', label: 'resource allocation', quality: rankingQuality(pairs.ra, positive, KS) },
      { key: 'cn', label: 'common neighbours', quality: rankingQuality(pairs.cn, positive, KS) },
    ],
    seconds: { candidates: candidatesSeconds, refnet: refnetSeconds },
  };
}

/** Whether a ranking matches or beats another on both AUC and precision@50, in words. */
function verdict(x: RankingQuality, baseline: RankingQuality): string {
  return x.auc >= baseline.auc && x.precision[50]! >= baseline.precision[50]! ? 'at least as good as resource allocation on both' : 'does NOT match resource allocation on both';
}

function figuresOf(d: Dataset, e: Evaluation): Figure[] {
  const q = e.methods[0]!.quality;
  const out = [
    singleFigure(`${d.key}_candidates`, `${d.label}: candidate pairs (unlinked, distance 2)`, q.candidates, 'pairs'),
    singleFigure(`${d.key}_positives`, `${d.label}: of which tied after the cut`, q.positives, 'pairs'),
  ];
  for (const m of e.methods) {
    for (const k of KS) out.push(singleFigure(`${d.key}_${m.key}_p_at_${k}`, `${d.label}, ${m.label}: precision@${k}`, m.quality.precision[k]!, ''));
    out.push(singleFigure(`${d.key}_${m.key}_auc`, `${d.label}, ${m.label}: AUC`, m.quality.auc, ''));
  }
  return out;
}

export const introductionsSection: Section = {
  name: 'introductions',
  title: 'Introductions as link prediction (#15)',
  method:
    `History is cut at the instant by which ${TRAINING_SHARE * 100} % of the dated activity records (attendance at its event's date, interactions, referrals) happened; ` +
    'the ties before the cut are the training network (the analytics context as of the cut). Candidates are the unlinked pairs at distance 2 in it — the pairs a common contact could introduce, which is what refnet suggests; pairs further apart are left out for every method. ' +
    "A candidate is positive when the pair has a tie by the end of the history (a co-attended event, an interaction or a referral after the cut). Each candidate is scored by refnet's introduction score as the product computes it " +
    '(graph/analytics/introductions.ts, every suggestion of every person, competitors included since they are flagged, not dropped; a pair suggested by several common contacts keeps its best score; a pair nobody would suggest — same company, no referral traffic between their categories — scores 0). ' +
    `"Before" is the score as it stood until this evaluation, the worth (referral traffic between their categories × the introducer's two tie strengths × novelty 1/(1 + common contacts + shared groups)); it ranked no better than chance, so the score now is worth^${(1 - CLOSURE_WEIGHT).toFixed(1)} × closure^${CLOSURE_WEIGHT}, closure = RA × (1 + shared groups), the weight the smallest on a 0.1 grid (with 0.95) at which the generated network's AUC and precision@50 matched or beat RA, then checked on CollegeMsg. ` +
    'Baselines: the resource-allocation index RA(x,y) = Σ 1/|Γ(z)| over common neighbours z (Zhou, Lü & Zhang 2009) and the number of common neighbours. ' +
    'Precision@k is over the global ranking of all candidates, candidates tied at the k-th place sharing its remaining places pro rata (random tie-breaking in expectation); AUC is exact, from mid-ranks (ties count ½). ' +
    `Datasets: the generated benchmark network, and SNAP CollegeMsg (1,899 users, 59,835 timestamped messages, Panzarasa, Opsahl & Carley 2009; stored gzipped with its sha256 checked before use, provenance in scripts/bench/data/PROVENANCE.md), ` +
    `each message an interaction; its people have no industry, so all are given one (${ONE_CATEGORY}) and one referral's traffic, which makes the category term the same for every pair (neutral). Timings are indicative.`,
  async run(ctx: BenchContext) {
    const datasets: Dataset[] = [
      { key: 'generated', label: 'generated', doc: await ctx.document() },
      { key: 'college_msg', label: 'CollegeMsg', doc: await collegeMsg(ctx.root), flow: neutralFlow() },
    ];
    const figures: Figure[] = [];
    const notes: string[] = [];
    for (const d of datasets) {
      const e = evaluate(ctx, d);
      figures.push(...figuresOf(d, e));
      const [refnet, before, ra] = e.methods.map((m) => m.quality) as [RankingQuality, RankingQuality, RankingQuality];
      notes.push(
        `${d.label}: cut at ${new Date(e.cut).toISOString().slice(0, 10)}, ${e.trainingTies.toLocaleString('en')} ties before it; ` +
          `candidates in ${e.seconds.candidates.toFixed(1)} s, refnet scores in ${e.seconds.refnet.toFixed(1)} s. ` +
          `${e.unscored.candidates.toLocaleString('en')} candidates (${e.unscored.positives.toLocaleString('en')} of them positive) are suggested by no one (same company, or no referral traffic between their categories) and score 0 for refnet. ` +
          `Resource allocation: AUC ${ra.auc.toFixed(3)}, precision@50 ${ra.precision[50]!.toFixed(2)}. ` +
          `refnet before (worth alone): AUC ${before.auc.toFixed(3)}, precision@50 ${before.precision[50]!.toFixed(2)} — ${verdict(before, ra)}. ` +
          `refnet now (with closure): AUC ${refnet.auc.toFixed(3)}, precision@50 ${refnet.precision[50]!.toFixed(2)} — ${verdict(refnet, ra)}.`,
      );
    }
    return { figures, notes };
  },
};
