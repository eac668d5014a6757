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
      // profession) is said to be left out, as the page says, never silently missing.
      const withheld = new Set(r.withheld ?? []);
      const why = withheld.has('members') ? 'shown to the chapter’s organisers and admins only' : 'left out: professions are a sensitive attribute in this network';
      /** Prints a part of the report, or says it is left out. */
      const part = (key: string, title: string, print: () => void, lead = '\n') => (withheld.has(key) ? say(`${lead}${title}: ${why}.`) : print());
      say(`${r.name}: ${reportPeriod(r)}, ${count(r.meetings, 'meeting')}, ${withheld.has('members') ? `your own row (other members ${why})` : count(r.members.length, 'member')}`);
      say(
        table(
          ['member', 'light', 'score', 'since last', 'present', 'referrals given / received', 'one-to-ones', 'closed business generated / received'],
          r.members.map((m) => [name(m.person), LIGHT[m.light]!, m.score, trend.get(m.person), `${num(m.present)} of ${num(m.present + m.absent)}`, `${num(both(m.referralsGiven))} / ${num(both(m.referralsReceived))}`, both(m.oneToOnes), `${money(m.tyfcb.generated)} / ${money(m.tyfcb.received)}`]),
        ),
      );
      say(`\nTotals: ${count(r.totals.referrals, 'referral')}, ${count(r.totals.oneToOnes, 'one-to-one')}, ${money(r.totals.tyfcb)} closed business`);
      part('visitors', 'Visitors', () => {
        if (r.visitors.length) say(`Visitors: ${r.visitors.map((v) => `${name(v.person)} (${day(v.firstVisit)}${v.joined ? ', joined' : ''})`).join(', ')}`);
      }, '');
      part('oneToOnesThatWouldPay', 'One-to-ones that would pay', () => {
        if (!r.oneToOnesThatWouldPay.length) return;
        say('\nOne-to-ones that would pay:');
        for (const p of r.oneToOnesThatWouldPay) say(`  ${name(p.a)} × ${name(p.b)}: ${p.professions[0].join('/')} and ${p.professions[1].join('/')} trade ${count(p.referralPotential, 'referral')}`);
      });
      part('openSeats', 'Open seats', () => {
        if (!r.openSeats.length) return;
        say('\nOpen seats (who could fill them, and through whom):');
        for (const s of r.openSeats) say(`  ${s.profession} (referral potential ${num(s.referralPotential)}): ${s.candidates.map((c) => `${name(c.person)} via ${c.path.people.slice(0, -1).map(name).join(' → ')}`).join('; ') || 'nobody within reach'}`);
      });
      part('powerTeams', 'Power teams', () => {
        if (r.powerTeams.length) say(`\nPower teams: ${r.powerTeams.map((t) => t.members.map(name).join(' + ')).join('; ')}`);
      });
      });
    });
}
