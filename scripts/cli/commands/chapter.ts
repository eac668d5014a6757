/**
 * `refnet report chapter GROUP`: the organiser's chapter report (GET /api/groups/{id}/report) as a
 * table per member with the traffic light, then visitors, totals and what the graph suggests.
 */
import type { Command } from 'commander';
import type { z } from 'zod';
import { chapterReportQuerySchema, type chapterReportResponse } from '../../../api/schemas/chapter-report.js';
import { parseAsOf, toMs } from '../../../graph/analytics/time.js';
import { checkQuery, invalidInput } from '../http-client.js';
import type { GlobalOptions } from '../backend.js';
import { count, num, printJson, say, table } from '../output.js';
import { resolve } from '../names.js';
import { reportPeriod } from '../../../graph/support/words.js';
import { balanceLine, CHAPTER_PARTS, NO_OWN_BALANCE, withheldReason, type ChapterPart } from '../../../graph/support/chapter-words.js';
import { session } from './analytics.js';

type ChapterReport = z.infer<typeof chapterReportResponse>;

const LIGHT: Record<string, string> = { green: '● green', amber: '● amber', red: '● red', grey: '○ grey' };
const TREND: Record<string, string> = { up: '↑', down: '↓', same: '→', new: 'new' };
const day = (iso: string) => iso.slice(0, 10);
const both = (x: { inside: number; outside: number }) => x.inside + x.outside;

export function registerChapter(program: Command, globals: () => GlobalOptions): void {
  const report = program.commands.find((c) => c.name() === 'report') ?? program.command('report').description('reports');
  report
    .command('chapter')
    .argument('<group>', 'group id or name')
    .description("the organiser's chapter report: attendance, referrals, one-to-ones, closed business and a traffic light per member")
    .option('--from <date>', 'first day of the period (default: six months before --to)')
    .option('--to <date>', 'last day of the period (default: --as-of)')
    .option('--as-of <date>', 'the records as they stood on this date')
    .action(async (group: string, o: { from?: string; to?: string; asOf?: string }) => {
      const g = globals();
      const query = { from: o.from, to: o.to, asOf: o.asOf };
      checkQuery(chapterReportQuerySchema, '/api/groups/{id}/report', query);
      // The period as the server reads it (from: the start of its day, to: the end of its day).
      if (o.from !== undefined && o.to !== undefined && toMs(o.from) > parseAsOf(o.to)!) {
        throw invalidInput('/api/groups/{id}/report', query, [{ path: '/query/from', message: 'from must not be after to' }]);
      }
      await session(g, async ({ http, labels, money }) => {
      const { id } = await resolve(http, 'group', group);
      const r = await http.get<ChapterReport>(`/api/groups/${encodeURIComponent(id)}/report`, { from: o.from, to: o.to, asOf: o.asOf });
      if (g.json) return printJson(r);
      // The report carries the names; labels adds the id where a name is not unique (or with --ids).
      const names = new Map(r.people.map((p) => [p.id, p.name]));
      for (const m of r.members) names.set(m.person, m.name);
      for (const v of r.visitors) names.set(v.person, v.name);
      await labels.load('person', names.keys(), names);
      // null: a hop withheld from you (another member's private contact)
      const name = (person: string | null) => (person === null ? 'a private contact' : labels.person(person));
      const trend = new Map(r.change.map((c) => [c.person, TREND[c.trend]!]));
      // A part left out for this reader (a member who does not organise the chapter; a sensitive
      // profession) is said to be left out, as the page says, never silently missing; an empty
      // part says what its emptiness means, as the page does.
      const withheld = new Set(r.withheld ?? []);
      const WITHHELD = withheldReason(withheld);
      say(`${r.name}: ${reportPeriod(r)}, ${count(r.meetings, 'meeting')}, ${withheld.has('members') ? 'your own row' : count(r.members.length, 'member')}`);
      say(
        table(
          ['member', 'light', 'score', 'since last', 'present', 'referrals given / received', 'one-to-ones', 'closed business generated / received'],
          r.members.map((m) => [name(m.person), LIGHT[m.light]!, m.score, trend.get(m.person), `${num(m.present)} of ${num(m.present + m.absent)}`, `${num(both(m.referralsGiven))} / ${num(both(m.referralsReceived))}`, both(m.oneToOnes), `${money(m.tyfcb.generated)} / ${money(m.tyfcb.received)}`]),
        ),
      );
      if (withheld.has('members')) say(`Other members: ${WITHHELD}`);
      say(`\nTotals: ${count(r.totals.referrals, 'referral')}, ${count(r.totals.oneToOnes, 'one-to-one')}, ${money(r.totals.tyfcb)} closed business`);
      const lines: Record<ChapterPart, string[]> = {
        visitors: r.visitors.map((v) => `${name(v.person)} (first visit ${day(v.firstVisit)}${v.joined ? ', joined' : ''})`),
        oneToOnesThatWouldPay: r.oneToOnesThatWouldPay.map((p) => `${name(p.a)} × ${name(p.b)}: ${p.professions[0].join('/')} and ${p.professions[1].join('/')} trade ${count(p.referralPotential, 'referral')}`),
        openSeats: r.openSeats.map((s) => `${s.profession} (referral potential ${num(s.referralPotential)}): ${s.candidates.map((c) => `${name(c.person)} via ${c.path.people.slice(0, -1).map(name).join(' → ')}`).join('; ') || 'nobody within reach'}`),
        // Cut to the reader's own row: theirs is shown, balanced or not; otherwise the balanced are no finding.
        giversAndTakers: r.giversAndTakers.filter((g) => withheld.has('giversAndTakers') || g.kind !== 'balanced').map((g) => balanceLine(name(g.person), g)),
        powerTeams: r.powerTeams.map((t) => `${t.members.map(name).join(' + ')}${withheld.has('powerTeams.professions') ? '' : ` (${t.professions.join(', ')})`}`),
      };
      for (const [key, title, empty] of CHAPTER_PARTS) {
        if (key === 'giversAndTakers' && withheld.has(key)) {
          say(`\n${title}:`);
          for (const line of lines[key].length ? lines[key] : [NO_OWN_BALANCE]) say(`  ${line}`);
          say(`  Other members: ${WITHHELD}`);
        } else if (withheld.has(key)) say(`\n${title}: ${WITHHELD}`);
        else if (!lines[key].length) say(`\n${title}: ${empty}`);
        else {
          say(`\n${key === 'openSeats' ? `${title} (who could fill them, and through whom)` : title}:`);
          for (const line of lines[key]) say(`  ${line}`);
        }
      }
      });
    });
}
