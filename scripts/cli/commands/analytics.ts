/**
 * The analytics commands, all through the HTTP API (a server, or the embedded store served on a
 * private loopback port): metrics person|network|group, tie, introductions, paths, renetworking,
 * report diversity-gap.
 * Tables by default; --json prints the API's answer unchanged.
 */
import type { Command } from 'commander';
import { backendFor, type GlobalOptions } from '../backend.js';
import { usageError } from '../errors.js';
import type { Query } from '../http-client.js';
import { keyValues, printJson, say, table, type Cell } from '../output.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- API answers, printed not trusted

export async function call(globals: GlobalOptions, path: string, query: Query): Promise<Json> {
  const backend = backendFor(globals);
  try {
    return await (await backend.http()).get<Json>(path, query);
  } finally {
    await backend.close();
  }
}

const intOption = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw usageError(`${name} must be a positive whole number, got "${v}"`);
  return n;
};

/** Scalars of a nested object as "a.b  value" lines (arrays summarised by length). */
function flatten(obj: Json, prefix = ''): [string, Cell][] {
  const out: [string, Cell][] = [];
  for (const [k, v] of Object.entries(obj ?? {})) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) out.push(...flatten(v, key));
    else if (Array.isArray(v)) out.push([key, v.every((x) => typeof x !== 'object') ? v.join(', ') : `${v.length} items`]);
    else out.push([key, v as Cell]);
  }
  return out;
}

export function registerAnalytics(program: Command, globals: () => GlobalOptions): void {
  const metrics = program.command('metrics').description('metrics of a person or of the whole network');
  metrics
    .command('person')
    .argument('<id>', 'person id')
    .option('-d, --dimension <dimension>', 'only this diversity dimension (industry, profession, location, company, group or an attribute)')
    .option('--as-of <date>', 'the network as it stood on this date')
    .description("a person's visibility, brokerage, reciprocity, diversity and tie stages")
    .action(async (id: string, o: { dimension?: string; asOf?: string }) => {
      const g = globals();
      const m = await call(g, `/api/people/${encodeURIComponent(id)}/metrics`, { dimension: o.dimension, asOf: o.asOf });
      if (g.json) return printJson(m);
      const { diversity, ...rest } = m;
      say(keyValues(flatten(rest)));
      const dims = Object.entries((diversity ?? {}) as Json);
      if (dims.length) {
        say('\nDiversity of ties:');
        say(table(['dimension', 'richness', 'shannon', 'evenness', 'blau'], dims.map(([d, s]) => [d, s.richness, s.shannon, s.evenness, s.blau])));
      }
    });
  metrics
    .command('network')
    .option('--as-of <date>', 'the network as it stood on this date')
    .description('people, ties, reciprocity, stage distribution, communities and top brokers')
    .action(async (o: { asOf?: string }) => {
      const g = globals();
      const m = await call(g, '/api/metrics/network', { asOf: o.asOf });
      if (g.json) return printJson(m);
      const { topBrokers, ...rest } = m;
      say(keyValues(flatten(rest)));
      if (Array.isArray(topBrokers) && topBrokers.length) {
        say('\nTop brokers:');
        say(table(['person', 'betweenness'], topBrokers.map((b: Json) => [b.person, b.betweenness])));
      }
    });

  metrics
    .command('group')
    .argument('<id>', 'group id')
    .option('--as-of <date>', 'the network as it stood on this date')
    .description("a group's coverage by profession and industry (overlaps), referrals inside and out, and return on attendance")
    .action(async (id: string, o: { asOf?: string }) => {
      const g = globals();
      const m = await call(g, `/api/groups/${encodeURIComponent(id)}/metrics`, { asOf: o.asOf });
      if (g.json) return printJson(m);
      const { coverage, returnOnAttendance, ...rest } = m;
      const { byEvent, ...attendance } = returnOnAttendance ?? {};
      say(keyValues(flatten({ ...rest, returnOnAttendance: attendance })));
      for (const c of (coverage ?? []) as Json[]) {
        say(`\nCoverage by ${c.dimension} (Herfindahl ${c.herfindahl ?? '–'}):`);
        say(table(['category', 'members', 'overlap'], Object.entries(c.categories as Record<string, string[]>).map(([cat, who]) => [cat, who.join(', '), who.length > 1 ? 'yes' : ''])));
      }
      if (Array.isArray(byEvent) && byEvent.length) {
        say('\nReturn on attendance by event:');
        say(table(['event', 'at', 'ties made', 'referrals', 'won', 'won value'], byEvent.map((e: Json) => [e.event, e.at, e.tiesMade, e.referrals, e.won, e.wonValue])));
      }
    });

  program
    .command('tie')
    .description('the relationship between two people: VCP stage with its evidence, dormancy and tie strength')
    .argument('<a>', 'person id')
    .argument('<b>', 'person id')
    .option('--as-of <date>', 'the network as it stood on this date')
    .action(async (a: string, b: string, o: { asOf?: string }) => {
      const g = globals();
      const r = await call(g, `/api/relationships/${encodeURIComponent(a)}/${encodeURIComponent(b)}`, { asOf: o.asOf });
      if (g.json) return printJson(r);
      if (!r.tie) return say(`${a} and ${b} have no tie${o.asOf ? ` as of ${o.asOf}` : ''}: no interaction, referral or shared event.`);
      say(keyValues(flatten({ stage: r.vcp.stage, dormant: r.vcp.dormant, reason: r.vcp.reason, evidence: r.vcp.evidence, strength: r.strength })));
    });

  program
    .command('introductions')
    .description("pairs of a person's contacts with no tie yet whose categories trade referrals: introductions worth making")
    .argument('<person>', 'person id')
    .option('-d, --dimension <dimension>', 'the categories to match on', 'industry')
    .option('-l, --limit <n>', 'at most this many', intOption('--limit'), 10)
    .option('--as-of <date>', 'the network as it stood on this date')
    .action(async (person: string, o: { dimension: string; limit: number; asOf?: string }) => {
      const g = globals();
      const r = await call(g, `/api/people/${encodeURIComponent(person)}/introductions`, { dimension: o.dimension, limit: o.limit, asOf: o.asOf });
      if (g.json) return printJson(r);
      if (!r.introductions?.length) return say(`No introductions to suggest for ${person} on ${o.dimension}.`);
      say(table(['introduce', 'to', 'referral traffic', 'score', 'why'], r.introductions.map((i: Json) => [i.a, i.b, i.referralTraffic, i.score, i.reason])));
    });

  program
    .command('paths')
    .description('warm introduction paths from a person to a person, a company, or someone with a given attribute')
    .argument('<from>', 'person id to start from')
    .option('--to <person>', 'target person id')
    .option('--to-company <company>', 'target company id')
    .option('--where <dimension=value>', 'anyone whose dimension has this value, e.g. industry=Legal')
    .option('-k, --k <n>', "how many paths (default and most: the server's paths.k and paths.kCap settings, 3 and 10)", intOption('--k'))
    .option('--max-hops <n>', "longest path (default and most: the server's paths.maxHops and paths.maxHopsCap settings, 4 and 8)", intOption('--max-hops'))
    .option('--as-of <date>', 'the network as it stood on this date')
    .action(async (from: string, o: { to?: string; toCompany?: string; where?: string; k?: number; maxHops?: number; asOf?: string }) => {
      const g = globals();
      const targets = [o.to, o.toCompany, o.where].filter((x) => x !== undefined);
      if (targets.length !== 1) throw usageError('give exactly one target: --to, --to-company or --where', 'e.g. refnet paths p-ana --to p-ben');
      const query: Query = { from, to: o.to, toCompany: o.toCompany, k: o.k, maxHops: o.maxHops, asOf: o.asOf };
      if (o.where) {
        const eq = o.where.indexOf('=');
        if (eq < 1) throw usageError(`--where must be dimension=value, got "${o.where}"`);
        query[`where[${o.where.slice(0, eq)}]`] = o.where.slice(eq + 1);
      }
      const r = await call(g, '/api/paths', query);
      if (g.json) return printJson(r);
      if (!r.paths?.length) {
        say(`No warm path from ${from}${r.reason ? `: ${r.reason}` : ''}.`);
        say('Try a larger --max-hops, or log interactions with people near the target.');
        return;
      }
      r.paths.forEach((p: Json, i: number) => {
        say(`${i + 1}. ${p.people.join(' → ')}   (${p.hops} hops, chance ${(p.strength * 100).toFixed(1)}%)`);
        say(table(['from', 'to', 'stage', 'dormant', 'strength', 'last contact'], p.steps.map((s: Json) => [s.from, s.to, s.stage, s.dormant ? 'yes' : '', s.strength, s.lastContact])));
        say();
      });
    });

  program
    .command('renetworking')
    .description('dormant and fading ties to re-connect with, most valuable first, and follow-ups due')
    .argument('<person>', 'person id')
    .option('-l, --limit <n>', 'at most this many', intOption('--limit'), 20)
    .option('--as-of <date>', 'the network as it stood on this date')
    .action(async (person: string, o: { limit: number; asOf?: string }) => {
      const g = globals();
      const r = await call(g, '/api/renetworking', { person, limit: o.limit, asOf: o.asOf });
      if (g.json) return printJson(r);
      if (!r.queue?.length && !r.followUps?.length) return say(`Nothing to re-connect for ${person}: every tie is within its cadence.`);
      if (r.queue?.length) {
        say(table(['person', 'stage', 'dormant', 'days since', 'cadence', 'strength', 'score', 'why'], r.queue.map((q: Json) => [q.person, q.stage, q.dormant ? 'yes' : '', q.daysSinceContact, q.cadenceDays, q.strength, q.score, q.reason])));
      }
      if (r.followUps?.length) {
        say('\nFollow-ups due:');
        say(table(['person', 'first contact', 'days since', 'why'], r.followUps.map((f: Json) => [f.person, f.firstContact, f.daysSince, f.reason])));
      }
    });

  const report = program.command('report').description('reports');
  report
    .command('diversity-gap')
    .description('categories missing or under-represented among ties (or members), with who could fill them and how to reach them')
    .option('--person <id>', 'the person whose ties to examine')
    .option('--group <id>', 'the group whose members to examine')
    .requiredOption('-d, --dimension <dimension>', 'industry, profession, location, company, group or an attribute')
    .option('--target <categories>', 'comma-separated target categories (default: the whole network is the reference)')
    .option('--max-hops <n>', "longest warm path to a candidate (default and most: the server's paths.maxHops and paths.maxHopsCap settings)", intOption('--max-hops'))
    .option('--as-of <date>', 'the network as it stood on this date')
    .action(async (o: { person?: string; group?: string; dimension: string; target?: string; maxHops?: number; asOf?: string }) => {
      const g = globals();
      if ((o.person === undefined) === (o.group === undefined)) throw usageError('give exactly one of --person or --group');
      const r = await call(g, '/api/reports/diversity-gap', { person: o.person, group: o.group, dimension: o.dimension, target: o.target, maxHops: o.maxHops, asOf: o.asOf });
      if (g.json) return printJson(r);
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      say(`Diversity gap of ${o.person ?? o.group} on ${r.dimension} (reference: ${r.reference}, ${r.subjectPeople} people):`);
      const rows = [...(r.missing ?? []).map((c: Json) => ['missing', c] as const), ...(r.underRepresented ?? []).map((c: Json) => ['under', c] as const)];
      if (!rows.length) return say('No missing or under-represented categories.');
      say(
        table(
          ['gap', 'category', 'share', 'reference', 'referral potential', 'could fill it (hops)'],
          rows.map(([kind, c]) => [kind, c.category, pct(c.subjectShare), pct(c.referenceShare), c.referralPotential, c.candidates.slice(0, 3).map((x: Json) => `${x.person}${x.path ? ` (${x.path.hops})` : ''}`).join(', ')]),
        ),
      );
    });
}
