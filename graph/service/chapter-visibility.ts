/**
 * Who sees how much of a chapter report (docs/DOMAIN.md, Chapter report): an admin, a key, local
 * mode and an organiser who is a current member of the group see all of it; anyone else signed in
 * sees the chapter's meetings and totals and their own row — not the other members' figures, the
 * visitors, nor the suggestions drawn from the others' ties. Every section cut for them is named
 * in `withheld` (the page and the CLI say so instead of showing a cut section as the whole).
 */
import type { ChapterReport } from '../analytics/chapter.js';
import type { Actor } from './permissions.js';

/** The sections a non-organiser gets cut, and how: their own row, or nothing. */
const CUT = {
  members: 'own',
  visitors: 'none',
  oneToOnesThatWouldPay: 'none',
  openSeats: 'none',
  giversAndTakers: 'own',
  powerTeams: 'none',
  change: 'own',
} as const satisfies Partial<Record<keyof ChapterReport, 'own' | 'none'>>;

export function chapterReportFor(report: ChapterReport, viewer: Actor | undefined, groupsOfViewer: ReadonlySet<string>): ChapterReport {
  if (!viewer || viewer.role === 'admin' || (viewer.role === 'organiser' && groupsOfViewer.has(report.group))) return report;
  const cut: Partial<ChapterReport> = {};
  for (const [section, how] of Object.entries(CUT) as [keyof typeof CUT, 'own' | 'none'][]) {
    const rows = report[section] as { person?: string }[];
    (cut as Record<string, unknown>)[section] = how === 'own' ? rows.filter((row) => row.person === viewer.person) : [];
  }
  return {
    ...report,
    ...cut,
    people: report.people.filter((p) => p.id === viewer.person),
    withheld: [...new Set([...(report.withheld ?? []), ...Object.keys(CUT)])],
  };
}
