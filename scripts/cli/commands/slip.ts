/**
 * `refnet slip pass|move|list`: referral slips through the API, as the home page's "Pass a slip"
 * and "Move a slip on" forms do. `pass` POSTs /api/referrals (status passed, dated today unless
 * --at says otherwise); `move` PATCHes /api/referrals/{id} to contacted, won or lost, which the
 * server dates and checks (graph/service/referral-status.ts: on, never back; won and lost are
 * final); `list` shows a person's slips, newest first.
 */
import type { Command } from 'commander';
import { REFERRAL_STATUSES, referralSchema, referralStatusSchema, type Referral } from '../../../graph/schema.js';
import { listQuerySchemas } from '../../../graph/service/list-queries.js';
import { parseStatus } from '../../../graph/importers/values.js';
import type { GlobalOptions } from '../backend.js';
import { amountOption, CliError, usageError, wholeNumberOption } from '../errors.js';
import { checkQuery, type HttpClient } from '../http-client.js';
import { checkName, resolve, type Labels } from '../names.js';
import { checkBodyOptions, notInTheFuture, today } from '../option-checks.js';
import { date, printJson, say, table, idColumn } from '../output.js';
import { session } from './analytics.js';
import { compareIds } from '../../../graph/support/id-order.js';
import { toMs } from '../../../graph/analytics/time.js';

type Slip = Referral & { id: string };

/** Where a slip can be moved to: on from passed, where every slip starts. */
const MOVES = referralStatusSchema.exclude(['passed']);
const MOVE_WORDS = MOVES.options.join(', ');
const LIFECYCLE = 'a slip moves on, never back (passed → contacted → won or lost), and a won or lost slip is final';

/** The hint for a status the schema refuses: the API's spelling when it is an everyday name for one ("closed won"), else the list. */
function statusHint(given: unknown): string {
  const near = typeof given === 'string' ? parseStatus(given) : undefined;
  if (near?.ok && near.value === 'passed') return `a slip starts passed when it is passed (\`refnet slip pass\`); it moves on to ${MOVE_WORDS}`;
  return near?.ok ? `try … ${near.value} (statuses are written as the API names them: ${MOVE_WORDS})` : `give one of: ${MOVE_WORDS} (${LIFECYCLE})`;
}

/** "Grace Parker → Louis Richard, prospect Ada Lovelace, worth €1,500: won" and the slip's id. */
async function describe(labels: Labels, money: (x: number | undefined) => string, r: Slip): Promise<string> {
  await labels.load('person', [r.from, r.to]);
  const extra = [r.prospect !== undefined && `prospect ${r.prospect}`, r.value !== undefined && `worth ${money(r.value)}`].filter(Boolean);
  return `${labels.person(r.from)} → ${labels.person(r.to)}${extra.length ? ` (${extra.join(', ')})` : ''}: ${r.status}`;
}

/** `--status open`: the slips still in play, as `refnet week` lists them (passed or contacted). */
const OPEN = 'open';
const OPEN_STATUSES = ['passed', 'contacted'] as const;

/** The statuses `--status` asks for (none: all), checked as the API checks status=; `open` stands for passed and contacted. */
function statusesAsked(status: string | undefined): readonly string[] | undefined {
  if (status === undefined) return undefined;
  if (status === OPEN) return OPEN_STATUSES;
  try {
    checkQuery(listQuerySchemas.referral, '/api/referrals', { status });
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    throw usageError(`--status: must be one of ${[...REFERRAL_STATUSES, OPEN].join(', ')} (got ${JSON.stringify(status)})`, `give --status one of: ${REFERRAL_STATUSES.join(', ')}, or ${OPEN} (passed or contacted: the slips still in play)`);
  }
  return [status];
}

/** When the slip took its status: its last recorded move, else the day it was passed. */
const since = (r: Slip) => r.changes?.at(-1)?.at ?? r.at;

/** Every page of a list (id order). */
async function allPages<T>(http: HttpClient, path: string, query: Record<string, string | undefined>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await http.get<{ items: T[]; nextCursor: string | null }>(path, { ...query, limit: 500, cursor: cursor ?? undefined });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export function registerSlip(program: Command, globals: () => GlobalOptions): void {
  const slip = program.command('slip').description('referral slips: pass one, move it on (contacted, won, lost), list a person\'s');

  slip
    .command('pass')
    .description('pass a referral slip from one person to another (status passed): the home page\'s "Pass a slip"')
    .argument('<from>', 'who passes it: person id or name')
    .argument('<to>', 'who receives it: person id or name')
    .option('--at <date>', 'when it was passed (YYYY-MM-DD; default today, never after today)')
    .option('--prospect <text>', 'who the referral is for (the prospect\'s name)')
    .option('--value <amount>', "what it is worth, in the network's currency (e.g. 1500)", amountOption('--value'))
    .option('--note <text>', 'a note kept with the slip')
    .action(async (fromArg: string, toArg: string, o: { at?: string; prospect?: string; value?: number; note?: string }) => {
      const g = globals();
      const at = o.at ?? today();
      checkBodyOptions(referralSchema.shape, '/api/referrals', { at, prospect: o.prospect, value: o.value, note: o.note }, { at: { flag: '--at' }, prospect: { flag: '--prospect' }, value: { flag: '--value' }, note: { flag: '--note' } });
      notInTheFuture('--at', at, 'pass a slip once it has been passed');
      checkName('person', fromArg);
      checkName('person', toArg);
      await session(g, async ({ http, labels, money }) => {
        const [from, to] = [await resolve(http, 'person', fromArg), await resolve(http, 'person', toArg)];
        if (from.id === to.id) {
          await labels.load('person', [from.id]);
          throw usageError(`"${fromArg}" and "${toArg}" are the same person (${labels.person(from.id)}): a slip goes from one person to another`, 'name the person passing it and the one receiving it (`refnet people find TEXT` lists them)');
        }
        const body = { from: from.id, to: to.id, at, status: 'passed', prospect: o.prospect, value: o.value, note: o.note };
        const r = await http.post<Slip>('/api/referrals', JSON.stringify(body), 'application/json');
        if (g.json) return printJson(r);
        say(`Passed slip ${r.id} on ${date(r.at)}: ${await describe(labels, money, r)}`);
        say(`Move it on with \`refnet slip move ${r.id} contacted\` (then won or lost).`);
      });
    });

  slip
    .command('move')
    .description(`move a slip on: ${MOVE_WORDS} (${LIFECYCLE}); the server dates the move`)
    .argument('<id>', 'the slip id (`refnet slip list PERSON` or `refnet week` shows it)')
    .argument('<status>', MOVE_WORDS)
    .option('--value <amount>', "what it is worth now, in the network's currency (e.g. 2400 when won)", amountOption('--value'))
    .action(async (id: string, status: string, o: { value?: number }) => {
      const g = globals();
      checkBodyOptions({ status: MOVES, value: referralSchema.shape.value }, '/api/referrals/{id}', { status, value: o.value }, {
        status: { flag: '<status>', hint: statusHint },
        value: { flag: '--value' },
      });
      await session(g, async ({ http, labels, money }) => {
        // A plain PATCH: the server dates the move at its instant and refuses one back (409).
        const moved = await http.patch<Slip>(`/api/referrals/${encodeURIComponent(id)}`, JSON.stringify({ status, ...(o.value !== undefined && { value: o.value }) }));
        if (g.json) return printJson(moved);
        say(`Slip ${moved.id}, ${await describe(labels, money, moved)} (since ${date(since(moved))})`);
      });
    });

  slip
    .command('list')
    .description('the slips a person passed or received, newest first, with where each stands')
    .argument('<person>', 'person id or name')
    .option('--status <status>', `only slips with this status: ${REFERRAL_STATUSES.join(', ')}, or ${OPEN} (passed or contacted)`)
    .option(...wholeNumberOption('-l, --limit <n>', 'at most this many', { min: 1 }, 20))
    .action(async (who: string, o: { status?: string; limit: number }) => {
      const g = globals();
      const statuses = statusesAsked(o.status);
      await session(g, async ({ http, labels, money }) => {
        const person = await resolve(http, 'person', who);
        const slips = (await Promise.all((statuses ?? [undefined]).map((status) => allPages<Slip>(http, '/api/referrals', { person: person.id, status })))).flat().sort((a, b) => compareIds(a.id, b.id));
        if (g.json) return printJson({ items: slips, nextCursor: null });
        await labels.load('person', [person.id, ...slips.flatMap((r) => [r.from, r.to])]);
        const name = labels.person(person.id);
        if (!slips.length) return say(`${name} has passed and received no slips${o.status ? ` that are ${o.status}` : ''}.`);
        const newest = slips.sort((a, b) => toMs(b.at) - toMs(a.at) || compareIds(a.id, b.id)).slice(0, o.limit);
        say(`Slips of ${name}${o.status ? ` that are ${o.status}` : ''}, newest first:`);
        say(
          table(
            [idColumn('slip'), 'passed', 'direction', 'with', 'prospect', 'status', 'since', 'value'],
            newest.map((r) => {
              const given = r.from === person.id;
              return [r.id, date(r.at), given ? 'given to' : 'received from', labels.person(given ? r.to : r.from), r.prospect ?? '', r.status, date(since(r)).slice(0, 10), money(r.value)];
            }),
          ),
        );
        if (slips.length > newest.length) say(`… and ${slips.length - newest.length} more (use --limit ${slips.length}, or --json for all)`);
      });
    });
}
