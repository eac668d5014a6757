/**
 * Who sees how much of a chapter report (docs/DOMAIN.md, Chapter report): an admin, a key, local
 * mode and an organiser who is a current member of the group see all of it; anyone else signed in
 * sees the chapter's meetings and totals and their own row — not the other members' figures, the
 * visitors, nor the suggestions drawn from the others' ties.
 */
import type { ChapterReport } from '../analytics/chapter.js';
import type { Actor } from './permissions.js';

export function chapterReportFor(report: ChapterReport, viewer: Actor | undefined, groupsOfViewer: ReadonlySet<string>): ChapterReport {
  if (!viewer || viewer.role === 'admin' || (viewer.role === 'organiser' && groupsOfViewer.has(report.group))) return report;
  const mine = (person: string) => person === viewer.person;
  return {
    ...report,
    members: report.members.filter((m) => mine(m.person)),
    visitors: [],
    oneToOnesThatWouldPay: [],
    openSeats: [],
    giversAndTakers: report.giversAndTakers.filter((g) => mine(g.person)),
    powerTeams: [],
    change: report.change.filter((c) => mine(c.person)),
    people: report.people.filter((p) => mine(p.id)),
    withheld: [...new Set([...(report.withheld ?? []), 'members', 'visitors', 'oneToOnesThatWouldPay', 'openSeats', 'powerTeams'])],
  };
}
