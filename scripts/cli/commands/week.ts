/**
 * `refnet week [PERSON]`: a person's "this week" (GET /api/people/{id}/week), or "me"'s
 * (/api/me/week: the person `--as` names, acting-as.ts) — follow-ups after events, dormant ties,
 * referrals owed, introductions to make, open slips and the VCP funnel, each row with its why
 * (docs/ANALYTICS.md, "This week"). Names, not ids (--ids adds them); --json prints the API's answer.
 */
import type { Command } from 'commander';
import type { z } from 'zod';
import { weekQuerySchema } from '../../../api/schemas/week-query.js';
import type { weekResponse } from '../../../api/schemas/this-week-responses.js';
import type { GlobalOptions } from '../backend.js';
import { actAs, AS_OPTION, checkAs } from '../acting-as.js';
import { CliError, wholeNumberOption } from '../errors.js';
import { checkQuery } from '../http-client.js';
import { resolve, type Labels } from '../names.js';
import { count, date, days, num, printJson, say, table, idColumn } from '../output.js';
import { session } from './analytics.js';

export type Week = z.infer<typeof weekResponse>;

/** The funnel's stages in order, as the API names them. */
const STAGES = ['visibility', 'credibility', 'profitability'] as const;

/** "+3", "−1", "0": a change between two counts. */
const signed = (n: number) => (n > 0 ? `+${num(n)}` : n < 0 ? `−${num(-n)}` : '0');

/** The people a week names, with the names its contact cards carry (no lookup needed for them). */
function peopleOf(w: Week): Map<string, string> {
  const cards = [w.person, ...w.followUps.map((r) => r.person), ...w.dormant.map((r) => r.person), ...w.owed.map((r) => r.person), ...w.introductions.flatMap((r) => [r.person, r.other]), ...w.slips.map((r) => r.person)];
  return new Map(cards.map((c) => [c.id, c.name]));
}

/** The week as tables, one per section that has rows, each row with its why; empty sections in one line. */
export async function printWeek(w: Week, labels: Labels, money: (x: number | undefined) => string, o: { asOf?: string; messages?: boolean }): Promise<void> {
  const known = peopleOf(w);
  await labels.load('person', known.keys(), known);
  const who = labels.person(w.person.id);
  const when = o.asOf ? ` as of ${o.asOf}` : '';
  const ties = STAGES.reduce((n, s) => n + w.funnel.now[s], 0);
  const rows = w.followUps.length + w.dormant.length + w.owed.length + w.introductions.length + w.slips.length;
  const hidden = w.hidden.length ? ` (${count(w.hidden.length, 'row')} you hid: listed below)` : '';
  if (rows === 0) {
    say(
      ties === 0
        ? `Nothing to do this week for ${who}${when}: no ties yet. Log a meeting with \`refnet log\`, pass a slip with \`refnet slip pass\`, or attend an event.${hidden}`
        : `Nothing to do this week for ${who}${when}: no follow-ups, dormant ties, referrals owed, introductions or open slips among ${count(ties, 'tie')}.${hidden}`,
    );
  } else {
    say(`This week for ${who}${when}: ${count(rows, 'thing')} to do, ${count(ties, 'tie')}.`);
  }
  const none: string[] = [];
  const section = (title: string, empty: string, length: number, print: () => void) => {
    if (length === 0) return none.push(empty);
    say(`\n${title}`);
    print();
  };

  section('Follow up after events (followUps):', 'follow-ups', w.followUps.length, () =>
    say(table(['person', 'event', 'date', 'why'], w.followUps.map((r) => [labels.person(r.person.id), r.event.name, date(r.event.at), r.reason]))),
  );
  section('Dormant ties to re-connect with (dormant):', 'dormant ties', w.dormant.length, () =>
    say(table(['person', 'stage', 'why'], w.dormant.map((r) => [labels.person(r.person.id), r.stage, r.reason]))),
  );
  section('Referrals owed: they gave you referrals and got none back (owed):', 'referrals owed', w.owed.length, () =>
    say(table(['person', 'referrals received', 'worth', 'why'], w.owed.map((r) => [labels.person(r.person.id), r.referralsReceived, money(r.valueReceived), r.reason]))),
  );
  section('Introductions to make (introductions):', 'introductions', w.introductions.length, () => {
    say(table(['introduce', 'to', 'referrals between their industries', 'why'], w.introductions.map((r) => [labels.person(r.person.id), labels.person(r.other.id), r.referralTraffic, r.reason])));
    if (o.messages) for (const r of w.introductions) say(`\n${r.message}`);
  });
  if (w.introductionsNote) say(`\n${w.introductionsNote}`);
  section('Open slips (slips):', 'open slips', w.slips.length, () =>
    say(
      table(
        [idColumn('slip'), 'direction', 'with', 'prospect', 'status', 'value', 'age', 'why'],
        w.slips.map((r) => [r.referral, r.direction === 'given' ? 'given to' : 'received from', labels.person(r.person.id), r.prospect ?? '', r.status, money(r.value), days(r.ageDays), r.reason]),
      ),
    ),
  );
  if (rows > 0 && none.length) say(`\nNo ${none.length > 1 ? `${none.slice(0, -1).join(', ')} or ${none.at(-1)}` : none[0]}.`);

  if (ties > 0) {
    // As of a date, "now" would be the wrong word for its column: the date it is.
    const then = o.asOf ?? 'now';
    say(`\nTies by stage (funnel), ${o.asOf ? `on ${o.asOf}` : 'now'} and on ${w.funnel.since.slice(0, 10)}:`);
    say(table(['stage', then, w.funnel.since.slice(0, 10), 'change'], STAGES.map((s) => [s, w.funnel.now[s], w.funnel.before[s], signed(w.funnel.change[s])])));
  }
  if (w.hidden.length) {
    say('\nHidden (snoozed or not relevant; the browser\'s home page shows them again):');
    say(table([idColumn('row'), 'about', 'hidden', 'until'], w.hidden.map((h) => [h.key, h.about.join(', '), h.kind === 'snoozed' ? 'snoozed' : 'not relevant', h.until ? date(h.until) : ''])));
  }
}

export function registerWeek(program: Command, globals: () => GlobalOptions): void {
  program
    .command('week')
    .description('a person\'s "this week": follow-ups after events, dormant ties, referrals owed, introductions and open slips, each with its why, and the VCP funnel (no PERSON: "me", see --as)')
    .argument('[person]', 'person id or name (default: "me")')
    .option('--as-of <date>', 'the week as it stood on this date')
    .option(...wholeNumberOption('-l, --limit <n>', 'rows per section (at most 100)', { min: 1, max: 100 }, 10))
    .option('--messages', 'print the drafted message of each introduction')
    .option(...AS_OPTION)
    .action(async (who: string | undefined, o: { asOf?: string; limit: number; messages?: boolean; as?: string }) => {
      const g = globals();
      checkAs(o.as);
      const query = { asOf: o.asOf, limit: o.limit };
      checkQuery(weekQuerySchema, who === undefined ? '/api/me/week' : '/api/people/{id}/week', query);
      await session(g, async ({ http, labels, money }) => {
        await actAs(http, o.as);
        const path = who === undefined ? '/api/me/week' : `/api/people/${encodeURIComponent((await resolve(http, 'person', who)).id)}/week`;
        const w = await http.get<Week>(path, query).catch((err: unknown) => {
          // No PERSON and no "me" chosen yet: naming the person is the other way out.
          if (err instanceof CliError && err.status === 409 && who === undefined) {
            throw new CliError(err.message, err.exitCode, 'name the person (`refnet week "Grace Parker"`), or add --as PERSON: in local mode it chooses "me" (kept for later commands); with an admin API key it acts as that person', [], 409);
          }
          throw err;
        });
        if (g.json) return printJson(w);
        await printWeek(w, labels, money, o);
      });
    });
}
