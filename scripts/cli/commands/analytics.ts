/**
 * The analytics commands, all through the HTTP API (a server, or the embedded store served on a
 * private loopback port): metrics person|network|group, tie, introductions, paths, renetworking,
 * report diversity-gap.
 * People, groups and companies are named by id or by name (names.ts); tables show names (with
 * --ids also the ids); --json prints the API's answer unchanged, ids and all.
 */
import type { Command } from 'commander';
import {
  asOfQuerySchema,
  diversityGapQuerySchema,
  introductionsQuerySchema,
  pathsQuerySchema,
  personMetricsQuerySchema,
  renetworkingQuerySchema,
} from '../../../api/routes/analytics-schemas.js';
import { backendFor, type GlobalOptions } from '../backend.js';
import { usageError, wholeNumberOption } from '../errors.js';
import { checkQuery, type HttpClient, type Query } from '../http-client.js';
import { checkName, Labels, resolve } from '../names.js';
import { count, date, days, decimal, hops, keyValues, lastContactAgo, money, num, outputWidth, percent, printJson, say, table, type Cell } from '../output.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- API answers, printed not trusted

export interface Session {
  http: HttpClient;
  labels: Labels;
  money: (amount: number | null | undefined) => string;
}

/** Runs `work` with one backend open for all its requests (name lookups, the query, the labels). */
export async function session<T>(globals: GlobalOptions, work: (s: Session) => Promise<T>): Promise<T> {
  // Options first, the store after: a mistyped --currency is reported before a missing data directory.
  const asked = askedCurrency(globals);
  const backend = backendFor(globals);
  try {
    const http = await backend.http();
    const currency = asked ?? checkedCurrency((await http.get<{ currency: string }>('/api/settings', {})).currency);
    return await work({ http, labels: new Labels(http, globals.ids), money: (x) => money(x, currency) });
  } finally {
    await backend.close();
  }
}

/**
 * The currency values are shown in: --currency, else REFNET_CURRENCY (this function), else the
 * server's (CURRENCY, GET /api/settings).
 */
function askedCurrency(globals: GlobalOptions): string | undefined {
  const asked = globals.currency ?? process.env.REFNET_CURRENCY;
  return asked === undefined ? undefined : checkedCurrency(asked);
}

function checkedCurrency(code: string): string {
  const upper = code.toUpperCase();
  if (!Intl.supportedValuesOf('currency').includes(upper)) {
    throw usageError(`unknown currency "${upper}"`, 'give an ISO 4217 code such as USD, EUR or GBP (--currency or REFNET_CURRENCY)');
  }
  return upper;
}


/** A titled block of labelled values, indented under its title. */
function section(title: string, pairs: [string, Cell][]): string {
  return `${title}\n${keyValues(pairs, outputWidth() - 2)
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}`;
}

/**
 * A group's return on attendance with the events of one name (a chapter's weekly meeting) as one
 * row, "Weekly meeting ×32", over their dates and with their figures summed: each such event
 * alone would be one more identical name (`--json` keeps every event with its id).
 */
function eventsByName(byEvent: Json[], labels: Labels) {
  const byName = new Map<string, Json[]>();
  for (const e of byEvent) {
    const name = labels.name('event', e.event);
    byName.set(name, [...(byName.get(name) ?? []), e]);
  }
  const total = (es: Json[], key: string) => es.reduce((n, e) => n + Number(e[key] ?? 0), 0);
  return [...byName].map(([name, es]) => {
    // A range by day: the time of each meeting would only repeat itself (ISO days sort as text).
    const onDays = es.map((e) => date(e.at).slice(0, 10)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      label: es.length === 1 ? labels.label('event', es[0]!.event) : `${name} ×${es.length}`,
      dates: es.length === 1 ? date(es[0]!.at) : onDays[0] === onDays.at(-1) ? onDays[0]! : `${onDays[0]} to ${onDays.at(-1)}`,
      tiesMade: total(es, 'tiesMade'),
      referrals: total(es, 'referrals'),
      won: total(es, 'won'),
      wonValue: es.some((e) => typeof e.wonValue === 'number') ? total(es, 'wonValue') : null,
    };
  });
}

/** How many gaps `report diversity-gap` lists unless --limit says otherwise: a group can miss dozens of professions. */
const GAP_LIMIT = 10;

/** "as of 2026-12-04" when asked for a past date; nothing for now. */
const asOfNote = (asOf?: string) => (asOf ? ` as of ${asOf}` : '');

function stagesLine(stages: Json | undefined): string {
  if (!stages) return '—';
  const { dormant, ...rest } = stages;
  return `${Object.entries(rest)
    .map(([k, v]) => `${k} ${num(v)}`)
    .join(', ')}${dormant !== undefined ? `; ${num(dormant)} dormant` : ''}`;
}

/** "today", "12 days ago", "over 30 days ago": the server's words, so a dormant tie never reads as within its cadence. */
function sinceContact(t: Json): string {
  if (typeof t.daysSinceContact !== 'number') return '—';
  if (!t.dormant && t.daysSinceContact < 1) return 'today';
  return lastContactAgo(t.daysSinceContact, t.cadenceDays, t.dormant === true);
}

function betweennessNote(value: number | null | undefined, info: Json | undefined): string {
  if (value === null || value === undefined) return `being computed (${info?.status ?? 'pending'})`;
  return `${decimal(value, 4)}${info?.exact === false ? ' (sampled estimate)' : ''}`;
}

/**
 * Edge reciprocity and ρ in words. Both are null where undefined (DOMAIN, Reciprocity): edge with no
 * referral links at all, ρ also when every possible link exists (ā = 1, nothing to compare against).
 */
function reciprocityLine(r: Json, where = ''): string {
  const scope = where ? ` ${where}` : '';
  if (r.edge === null || r.edge === undefined) return `— (no referral links${scope} yet, so nothing to measure)`;
  const rho = 'rho' in r ? ` (rho ${r.rho === null || r.rho === undefined ? 'n/a: every possible referral link exists, so there is no chance level to compare with' : decimal(r.rho)})` : '';
  return `${percent(r.edge)} of referral links${scope} go both ways${rho}`;
}

/** What to do when no path was found: it follows the server's reason (reasonCode of /api/paths), never one fixed text. */
export function noPathAdvice(code: string | undefined, maxHops: number | undefined): string {
  switch (code) {
    case 'self':
      return 'The person the paths start from is the only one it names: give someone else with --to (or another --to-company or --where).';
    case 'no-target':
      return 'No one it names has a tie in the network yet: log an interaction, a referral or an event with them first.';
    case 'too-far':
      return `A longer path exists: try a larger --max-hops${maxHops ? ` than ${maxHops}` : ''} (at most the server's paths.maxHopsCap setting).`;
    case 'not-connected':
      return 'No chain of relationships leads there at any length, so a larger --max-hops cannot help: log interactions with people near the target.';
    default:
      return 'Log interactions with people near the target, or try a larger --max-hops.';
  }
}

export function registerAnalytics(program: Command, globals: () => GlobalOptions): void {
  const metrics = program.command('metrics').description('metrics of a person, a group or the whole network');
  metrics
    .command('person')
    .argument('<person>', 'person id or name')
    .option('-d, --dimension <dimension>', 'only this diversity dimension (industry, profession, location, company, title, group or an attribute)')
    .option('--as-of <date>', 'the network as it stood on this date')
    .description("a person's visibility, brokerage, reciprocity, diversity and tie stages")
    .action(async (who: string, o: { dimension?: string; asOf?: string }) => {
      const g = globals();
      checkQuery(personMetricsQuerySchema, '/api/people/{id}/metrics', { dimension: o.dimension, asOf: o.asOf });
      await session(g, async ({ http, labels, money }) => {
        const person = await resolve(http, 'person', who);
        const m = await http.get<Json>(`/api/people/${encodeURIComponent(person.id)}/metrics`, { dimension: o.dimension, asOf: o.asOf });
        if (g.json) return printJson(m);
        const r = m.reciprocity ?? {};
        await labels.load('person', [person.id, ...(r.reciprocatedPartners ?? []), ...(r.owed ?? [])]);
        const names = (ids: string[] | undefined) => (ids?.length ? ids.map(labels.person).join(', ') : '—');
        say(`${labels.person(person.id)}${asOfNote(o.asOf)}\n`);
        say(section('Visibility', [
          ['ties', m.visibility?.degree],
          ['betweenness', betweennessNote(m.visibility?.betweenness, m.betweennessInfo)],
          ['groups', m.visibility?.groups],
          ['events attended', m.visibility?.events],
          ['groups reached through ties', m.visibility?.groupsReached],
          ['ties by stage', stagesLine(m.stages)],
        ])); // prettier-ignore
        say(section('\nBrokerage', [['effective size', m.brokerage?.effectiveSize], ['constraint', m.brokerage?.constraint]]));
        say(section('\nReciprocity', [
          ['referrals given', `${num(r.given ?? 0)} worth ${money(r.givenValue)}`],
          ['referrals received', `${num(r.received ?? 0)} worth ${money(r.receivedValue)}`],
          ['balance (given − received)', `${count(r.balance ?? 0, 'referral')}, ${money(r.valueBalance)}`],
          ['gave and received with', names(r.reciprocatedPartners)],
          ['owes a referral to', names(r.owed)],
        ])); // prettier-ignore
        const dims = Object.entries((m.diversity ?? {}) as Json);
        if (dims.length) {
          say('\nDiversity of ties:');
          say(table(['dimension', 'categories', 'Shannon', 'evenness', 'Blau'], dims.map(([d, s]) => [d, s.richness, s.shannon, s.evenness, s.blau])));
        }
      });
    });

  metrics
    .command('network')
    .option('--as-of <date>', 'the network as it stood on this date')
    .description('people, ties, reciprocity, stage distribution, communities and top brokers')
    .action(async (o: { asOf?: string }) => {
      const g = globals();
      checkQuery(asOfQuerySchema, '/api/metrics/network', { asOf: o.asOf });
      await session(g, async ({ http, labels }) => {
        const m = await http.get<Json>('/api/metrics/network', { asOf: o.asOf });
        if (g.json) return printJson(m);
        const r = m.reciprocity ?? {};
        say(keyValues([
          ['people', m.people],
          ['ties', m.ties],
          ['referrals', r.referrals],
          ['reciprocity', reciprocityLine(r)],
          ['weighted reciprocity', `${percent(r.weighted?.count)} by count, ${percent(r.weighted?.value)} by value`],
          ['ties by stage', stagesLine(m.stages)],
          ['communities', m.communitiesInfo?.status === 'computing' ? 'being computed (computing)' : m.communities ? `${num(m.communities.count)} (modularity ${decimal(m.communities.modularity)}; sizes ${(m.communities.sizes as number[] | undefined)?.map(num).join(', ')})` : '—'],
        ])); // prettier-ignore
        const brokers = (m.topBrokers ?? []) as Json[];
        if (brokers.length) {
          await labels.load('person', brokers.map((b) => b.person));
          say('\nTop brokers:');
          say(table(['person', 'betweenness'], brokers.map((b) => [labels.person(b.person), b.betweenness])));
        }
      });
    });

  metrics
    .command('group')
    .argument('<group>', 'group id or name')
    .option('--as-of <date>', 'the network as it stood on this date')
    .description("a group's coverage by profession and industry (overlaps), referrals inside and out, and return on attendance")
    .action(async (which: string, o: { asOf?: string }) => {
      const g = globals();
      checkQuery(asOfQuerySchema, '/api/groups/{id}/metrics', { asOf: o.asOf });
      await session(g, async ({ http, labels, money }) => {
        const group = await resolve(http, 'group', which);
        const m = await http.get<Json>(`/api/groups/${encodeURIComponent(group.id)}/metrics`, { asOf: o.asOf });
        if (g.json) return printJson(m);
        const coverage = (m.coverage ?? []) as Json[];
        const roa = m.returnOnAttendance ?? {};
        const byEvent = (roa.byEvent ?? []) as Json[];
        await labels.load('group', [group.id]);
        await labels.load('person', coverage.flatMap((c) => Object.values(c.categories as Record<string, string[]>).flat()));
        await labels.load('event', byEvent.map((e) => e.event));
        const ref = m.referrals ?? {};
        say(`${labels.group(group.id)}: ${count(m.members ?? 0, 'member')}${asOfNote(o.asOf)}\n`);
        say(keyValues([
          ['referrals inside the group', `${num(ref.inside ?? 0)} worth ${money(ref.insideValue)} (${percent(ref.insideShare)} of the members' referrals)`],
          ['referrals given outside', ref.outsideGiven],
          ['referrals received from outside', ref.outsideReceived],
          ['reciprocity inside', ref.reciprocityInside ? reciprocityLine(ref.reciprocityInside, 'inside the group') : '—'],
          ['return on attendance', `${count(roa.events ?? 0, 'event')}: ${count(roa.tiesMade ?? 0, 'tie')} made, ${count(roa.referrals ?? 0, 'referral')}, ${num(roa.won ?? 0)} won worth ${money(roa.wonValue)}`],
        ])); // prettier-ignore
        for (const c of coverage) {
          say(`\nCoverage by ${c.dimension} (Herfindahl ${decimal(c.herfindahl)}):`);
          const rows = Object.entries(c.categories as Record<string, string[]>).map(([cat, who]) => [cat, who.map(labels.person).join(', '), who.length > 1 ? 'yes' : '']);
          say(table(['category', 'members', 'overlap'], rows));
        }
        if (byEvent.length) {
          say('\nReturn on attendance by event:');
          say(table(['event', 'date', 'ties made', 'referrals', 'won', 'won value'], eventsByName(byEvent, labels).map((e) => [e.label, e.dates, e.tiesMade, e.referrals, e.won, money(e.wonValue)])));
        }
      });
    });

  program
    .command('tie')
    .description('the relationship between two people: VCP stage with its evidence, dormancy and tie strength')
    .argument('<person-a>', 'person id or name')
    .argument('<person-b>', 'person id or name')
    .option('--as-of <date>', 'the network as it stood on this date')
    .action(async (whoA: string, whoB: string, o: { asOf?: string }) => {
      const g = globals();
      checkQuery(asOfQuerySchema, '/api/relationships/{a}/{b}', { asOf: o.asOf });
      await session(g, async ({ http, labels, money }) => {
        const [a, b] = [await resolve(http, 'person', whoA), await resolve(http, 'person', whoB)];
        // A tie is between two people: "Grace Parker" and "GRACE PARKER" are one, never "no tie".
        if (a.id === b.id) {
          await labels.load('person', [a.id]);
          throw usageError(`"${whoA}" and "${whoB}" are the same person (${labels.person(a.id)}): a person and themselves have no relationship`, 'name two different people, e.g. refnet tie "Grace Parker" "Louis Richard" (`refnet people find TEXT` lists them)');
        }
        const r = await http.get<Json>(`/api/relationships/${encodeURIComponent(a.id)}/${encodeURIComponent(b.id)}`, { asOf: o.asOf });
        if (g.json) return printJson(r);
        await labels.load('person', [a.id, b.id]);
        const [na, nb] = [labels.person(a.id), labels.person(b.id)];
        if (!r.tie) return say(`${na} and ${nb} have no tie${asOfNote(o.asOf)}: no interaction, referral or shared event.`);
        const v = r.vcp ?? {};
        const e = v.evidence ?? {};
        const s = r.strength ?? {};
        const c = s.components ?? {};
        const kinds = Object.entries((e.byKind ?? {}) as Record<string, number>).map(([k, n]) => `${num(n)} ${k.replace(/_/g, '-')}`);
        say(`${na} and ${nb}${asOfNote(o.asOf)}\n`);
        say(keyValues([
          ['stage', `${v.stage}${v.dormant ? ' (dormant)' : ''}: ${v.reason}`],
          ['last contact', `${date(e.lastContact)} (${sinceContact(v)}; keep-in-touch cadence ${days(v.cadenceDays)})`],
          ['first contact', date(e.firstContact)],
          ['interactions', `${num(e.interactions ?? 0)}${kinds.length ? ` (${kinds.join(', ')})` : ''}`],
          [`referrals ${na} → ${nb}`, `${num(e.referralsGiven ?? 0)} worth ${money(e.referralValueGiven)}`],
          [`referrals ${nb} → ${na}`, `${num(e.referralsReceived ?? 0)} worth ${money(e.referralValueReceived)}`],
          ['referrals won', e.referralsWon ?? 0],
          ['events together', e.coAttendedEvents ?? 0],
          ['tie strength', `${percent(s.strength)} (stage base ${percent(c.base)}, recency ${percent(c.recency)}, tenure bonus ${percent(c.tenureBonus)}, reciprocity bonus ${percent(c.reciprocityBonus)})`],
        ])); // prettier-ignore
      });
    });

  program
    .command('introductions')
    .description("pairs of a person's contacts with no tie yet whose categories trade referrals: introductions worth making")
    .argument('<person>', 'person id or name')
    .option('-d, --dimension <dimension>', 'the categories to match on', 'industry')
    // No default of its own: the API's (20), so --json prints what GET …/introductions answers.
    .option(...wholeNumberOption('-l, --limit <n>', "at most this many (default: the API's, 20)", { min: 1 }))
    .option('--as-of <date>', 'the network as it stood on this date')
    .option('--include-competitors', 'also list pairs of the same profession (flagged)')
    .option('--messages', 'print the drafted introduction message of each')
    .action(async (who: string, o: { dimension: string; limit?: number; asOf?: string; includeCompetitors?: boolean; messages?: boolean }) => {
      const g = globals();
      const query: Query = { dimension: o.dimension, limit: o.limit, asOf: o.asOf, includeCompetitors: o.includeCompetitors ? 'true' : undefined };
      checkQuery(introductionsQuerySchema, '/api/people/{id}/introductions', query);
      await session(g, async ({ http, labels }) => {
        const person = await resolve(http, 'person', who);
        const r = await http.get<Json>(`/api/people/${encodeURIComponent(person.id)}/introductions`, query);
        if (g.json) return printJson(r);
        const intros = (r.introductions ?? []) as Json[];
        await labels.load('person', [person.id, ...intros.flatMap((i) => [i.a, i.b])]);
        if (!intros.length) return say(`No introductions to suggest for ${labels.person(person.id)} on ${o.dimension}.`);
        say(`Introductions ${labels.person(person.id)} could make (${o.dimension})${asOfNote(o.asOf)}:`);
        const who2 = (id: string, cats: string[] | undefined) => `${labels.person(id)} (${(cats ?? []).join(', ')})`;
        say(
          table(
            ['introduce', 'to', 'referrals between their categories', 'common contacts + groups', 'score'],
            intros.map((i) => [
              who2(i.a, i.categories?.[0]) + (i.competitors ? ' (same profession)' : ''),
              who2(i.b, i.categories?.[1]),
              i.referralTraffic,
              Number(i.commonContacts ?? 0) + Number(i.sharedGroups ?? 0),
              i.score,
            ]),
          ),
        );
        if (o.messages) for (const i of intros) say(`\n${String(i.message)}`);
      });
    });

  program
    .command('paths')
    .description('warm introduction paths from a person to a person, a company, or someone with a given attribute')
    .argument('<from>', 'person id or name to start from')
    .option('--to <person>', 'target person id or name')
    .option('--to-company <company>', 'target company id or name')
    .option('--where <dimension=value>', 'anyone whose dimension has this value, e.g. industry=Legal (any case)')
    .option(...wholeNumberOption('-k, --k <n>', "how many paths (default and most: the server's paths.k and paths.kCap settings, 3 and 10)"))
    .option(...wholeNumberOption('--max-hops <n>', "longest path (default and most: the server's paths.maxHops and paths.maxHopsCap settings, 4 and 8)"))
    .option('--as-of <date>', 'the network as it stood on this date')
    .action(async (who: string, o: { to?: string; toCompany?: string; where?: string; k?: number; maxHops?: number; asOf?: string }) => {
      const g = globals();
      const targets = [o.to, o.toCompany, o.where].filter((x) => x !== undefined);
      if (targets.length !== 1) throw usageError('give exactly one target: --to, --to-company or --where', 'e.g. refnet paths "Grace Parker" --to "Louis Richard", or --where industry=Legal');
      let where: [string, string] | undefined;
      if (o.where) {
        const eq = o.where.indexOf('=');
        if (eq < 1) throw usageError(`--where must be dimension=value, got "${o.where}"`, 'e.g. --where industry=Legal');
        where = [o.where.slice(0, eq).trim(), o.where.slice(eq + 1).trim()];
      }
      if (o.to !== undefined) checkName('person', o.to, '--to');
      if (o.toCompany !== undefined) checkName('company', o.toCompany, '--to-company');
      checkQuery(pathsQuerySchema, '/api/paths', { k: o.k, maxHops: o.maxHops, asOf: o.asOf });
      await session(g, async ({ http, labels }) => {
        const from = await resolve(http, 'person', who);
        const to = o.to === undefined ? undefined : await resolve(http, 'person', o.to);
        // A path leads to someone else: the API refuses to=from (400), said here with the names given.
        if (to?.id === from.id) {
          await labels.load('person', [from.id]);
          throw usageError(
            `"${o.to}" is the person the paths start from (${labels.person(from.id)}): a path leads to someone else`,
            `give someone else with --to, or --to-company / --where (the person asking is left out of those), e.g. refnet paths "${who}" --where industry=Legal`,
          );
        }
        const company = o.toCompany === undefined ? undefined : await resolve(http, 'company', o.toCompany);
        const query: Query = { from: from.id, to: to?.id, toCompany: company?.id, k: o.k, maxHops: o.maxHops, asOf: o.asOf };
        if (where) query[`where[${where[0]}]`] = where[1];
        const r = await http.get<Json>('/api/paths', query);
        if (g.json) return printJson(r);
        const paths = (r.paths ?? []) as Json[];
        await labels.load('person', [from.id, ...(to ? [to.id] : []), ...paths.flatMap((p) => (p.people as (string | null)[]).filter((id): id is string => id !== null))]);
        const target = to ? labels.person(to.id) : company ? company.name : `anyone with ${where![0]} ${where![1]}`;
        if (!paths.length) {
          say(`No warm path from ${labels.person(from.id)} to ${target}${r.reason ? `: ${r.reason}` : ''}.`);
          say(noPathAdvice(r.reasonCode, r.maxHops));
          return;
        }
        say(`Warm paths from ${labels.person(from.id)} to ${target}${asOfNote(o.asOf)}:\n`);
        paths.forEach((p, i) => {
          // A hop withheld from you (another member's private contact) reads "a contact of Ann".
          const anonymous = new Map(((p.anonymous ?? []) as Json[]).map((a) => [a.index as number, a.label as string]));
          const hop = (id: string | null, at = -1) => (id === null ? (anonymous.get(at) ?? 'a private contact') : labels.person(id));
          say(`${i + 1}. ${(p.people as (string | null)[]).map((id, at) => hop(id, at)).join(' → ')}   (${hops(p.hops)}, chance ${percent(p.strength)})`);
          say(table(['from', 'to', 'stage', 'dormant', 'strength', 'last contact'], (p.steps as Json[]).map((s, at) => [hop(s.from, at), hop(s.to, at + 1), s.stage, s.dormant ? 'yes' : '', percent(s.strength), date(s.lastContact)])));
          say();
        });
      });
    });

  program
    .command('renetworking')
    .description('dormant and fading ties to re-connect with, most valuable first, and follow-ups due')
    .argument('<person>', 'person id or name')
    .option(...wholeNumberOption('-l, --limit <n>', 'at most this many', { min: 1 }, 20))
    .option('--as-of <date>', 'the network as it stood on this date')
    .action(async (who: string, o: { limit: number; asOf?: string }) => {
      const g = globals();
      checkQuery(renetworkingQuerySchema, '/api/renetworking', { limit: o.limit, asOf: o.asOf });
      await session(g, async ({ http, labels, money }) => {
        const person = await resolve(http, 'person', who);
        const r = await http.get<Json>('/api/renetworking', { person: person.id, limit: o.limit, asOf: o.asOf });
        if (g.json) return printJson(r);
        const queue = (r.queue ?? []) as Json[];
        const followUps = (r.followUps ?? []) as Json[];
        await labels.load('person', [person.id, ...queue.map((q) => q.person), ...followUps.map((f) => f.person)]);
        if (!queue.length && !followUps.length) {
          // "every tie is within its cadence" is only true of someone with ties: ask how many there are.
          const m = await http.get<Json>(`/api/people/${encodeURIComponent(person.id)}/metrics`, { asOf: o.asOf, dimension: 'industry' });
          if (m.visibility?.degree === 0) return say(`Nothing to re-connect for ${labels.person(person.id)}${asOfNote(o.asOf)}: no ties yet. Log an interaction, a referral or an event with someone first.`);
          return say(`Nothing to re-connect for ${labels.person(person.id)}${asOfNote(o.asOf)}: every tie is within its cadence.`);
        }
        if (queue.length) {
          say(`Ties ${labels.person(person.id)} could re-connect with${asOfNote(o.asOf)}:`);
          say(
            table(
              ['person', 'stage', 'dormant', 'last contact', 'cadence', 'strength', 'referral value', 'why'],
              queue.map((q) => [labels.person(q.person), q.stage, q.dormant ? 'yes' : '', sinceContact(q), days(q.cadenceDays), percent(q.strength), money(q.referralValue), q.reason]),
            ),
          );
        }
        if (followUps.length) {
          say('\nFollow-ups due:');
          say(table(['person', 'first contact', 'since', 'why'], followUps.map((f) => [labels.person(f.person), date(f.firstContact), days(f.daysSince), f.reason])));
        }
      });
    });

  const report = program.command('report').description('reports');
  report
    .command('diversity-gap')
    .description('categories missing or under-represented among ties (or members), with who could fill them and how to reach them')
    .option('--person <person>', 'the person (id or name) whose ties to examine')
    .option('--group <group>', 'the group (id or name) whose members to examine')
    .requiredOption('-d, --dimension <dimension>', 'industry, profession, location, company, title, group or an attribute')
    .option('--target <categories>', 'comma-separated target categories, any case (default: the whole network is the reference); one no one holds is an error naming the closest ones')
    .option('--allow-absent', 'take --target categories no one holds yet (listed as missing, with no one to fill them) instead of refusing them as typos')
    .option(...wholeNumberOption('--max-hops <n>', "longest warm path to a candidate (default and most: the server's paths.maxHops and paths.maxHopsCap settings)"))
    .option(...wholeNumberOption('-l, --limit <n>', `list at most this many categories, the first by rank (0: all; --json always has all)`, { min: 0 }, GAP_LIMIT))
    .option('--as-of <date>', 'the network as it stood on this date')
    .action(async (o: { person?: string; group?: string; dimension: string; target?: string; allowAbsent?: boolean; maxHops?: number; limit: number; asOf?: string }) => {
      const g = globals();
      if ((o.person === undefined) === (o.group === undefined)) throw usageError('give exactly one of --person or --group', 'e.g. refnet report diversity-gap --person "Grace Parker" -d industry');
      if (o.person !== undefined) checkName('person', o.person, '--person');
      if (o.group !== undefined) checkName('group', o.group, '--group');
      checkQuery(diversityGapQuerySchema, '/api/reports/diversity-gap', { dimension: o.dimension, target: o.target, allowAbsent: o.allowAbsent ? 'true' : undefined, maxHops: o.maxHops, asOf: o.asOf });
      await session(g, async ({ http, labels }) => {
        const person = o.person === undefined ? undefined : await resolve(http, 'person', o.person);
        const group = o.group === undefined ? undefined : await resolve(http, 'group', o.group);
        const r = await http.get<Json>('/api/reports/diversity-gap', { person: person?.id, group: group?.id, dimension: o.dimension, target: o.target, allowAbsent: o.allowAbsent ? 'true' : undefined, maxHops: o.maxHops, asOf: o.asOf });
        if (g.json) return printJson(r);
        const gaps = [...((r.missing ?? []) as Json[]).map((c) => ['missing', c] as const), ...((r.underRepresented ?? []) as Json[]).map((c) => ['under-represented', c] as const)].sort(
          ([, a], [, b]) => a.rank - b.rank,
        );
        await labels.load('person', [...(person ? [person.id] : []), ...gaps.flatMap(([, c]) => ((c.candidates ?? []) as Json[]).map((x) => x.person))]);
        if (group) await labels.load('group', [group.id]);
        const subject = person ? `${labels.person(person.id)}'s ${count(r.subjectPeople ?? 0, 'tie')}` : `${labels.group(group!.id)}'s ${count(r.subjectPeople ?? 0, 'member')}`;
        say(`Diversity gap of ${subject} on ${r.dimension} (reference: ${r.reference})${asOfNote(o.asOf)}:`);
        // Categories only other members' private contacts hold: counted by the server, never named to this caller.
        const unnamed = r.unnamed as Json | undefined;
        const unnamedNote =
          unnamed &&
          `Not named: categories only other members' private contacts hold (${typeof unnamed.subjectCount === 'number' ? `${count(unnamed.subjectCount, 'private contact')}, ${percent(unnamed.subjectShare)}` : 'withheld'} of ${person ? 'the ties' : 'the members'}; ${percent(unnamed.referenceShare)} of the ${r.reference === 'target' ? 'target list' : 'network'}).`;
        if (!gaps.length) {
          say('No missing or under-represented categories.');
          if (unnamedNote) say(unnamedNote);
          return;
        }
        const candidates = (c: Json) =>
          ((c.candidates ?? []) as Json[])
            .slice(0, 3)
            .map((x) => `${labels.person(x.person)}${x.path ? ` (${hops(x.path.hops)})` : ''}`)
            .join(', ');
        const shown = o.limit === 0 ? gaps : gaps.slice(0, o.limit);
        say(
          table(
            ['gap', 'category', 'share', 'reference', 'referral potential', 'could fill it'],
            shown.map(([kind, c]) => [kind, c.category, percent(c.subjectShare), percent(c.referenceShare), c.referralPotential, candidates(c)]),
          ),
        );
        if (shown.length < gaps.length) say(`… and ${gaps.length - shown.length} more (--limit 0 for all)`);
        if (unnamedNote) say(unnamedNote);
      });
    });
}
