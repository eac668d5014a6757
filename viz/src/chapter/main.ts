/**
 * The organiser's chapter report page: per member a traffic light and the measures behind it,
 * then visitors, totals and what the graph suggests (one-to-ones that would pay, open seats,
 * givers and takers, power teams; each seat candidate with how to reach them). The table downloads as CSV; the page prints (or saves as PDF)
 * cleanly through @media print in styles.css.
 */
import '../styles.css';
import type { z } from 'zod';
import type { chapterReportResponse } from '../../../api/schemas/chapter-report.js';
import { ApiError, describeError, getJson, issueWords } from '../api.js';
import { fieldError } from '../form-errors.js';
import { nameWithId, namesakesOf } from '../people.js';
import { contactLinks } from '../contact.js';
import { day, fmt, h } from '../dom.js';
import { IMPORTED_EVENT } from '../import/events.js';
import { money, useCurrency } from '../money.js';
import { count, reportPeriod } from '../../../graph/support/words.js';
import { balanceLine, chapterEmpty, NO_OWN_BALANCE, withheldReason } from '../../../graph/support/chapter-words.js';
import { toCsv, type CsvCell } from './csv.js';

type ChapterReport = z.infer<typeof chapterReportResponse>;
type Row = ChapterReport['members'][number];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const LIGHTS = { green: 'Green', amber: 'Amber', red: 'Red', grey: 'Grey' } as const;
const TREND = { up: '▲ up', down: '▼ down', same: '= same', new: 'new' } as const;

let current: ChapterReport | undefined;
/** Members' names as the table shows them (with the id when someone else has the name), by id. */
let memberNames = new Map<string, string>();

const both = (x: { inside: number; outside: number }) => x.inside + x.outside;

/**
 * The columns of the table and of the CSV, in one place so the two cannot differ; a third entry
 * shows the value on screen (money in the currency), the CSV keeps the plain number.
 */
const COLUMNS: [string, (r: Row) => CsvCell, ((v: number) => string)?][] = [
  ['Member', (r) => r.name],
  ['Light', (r) => LIGHTS[r.light]],
  ['Score', (r) => r.score],
  ['Present', (r) => r.present],
  ['Absent', (r) => r.absent],
  ['Referrals given', (r) => both(r.referralsGiven)],
  ['Given inside', (r) => r.referralsGiven.inside],
  ['Referrals received', (r) => both(r.referralsReceived)],
  ['Received inside', (r) => r.referralsReceived.inside],
  ['One-to-ones', (r) => both(r.oneToOnes)],
  ['TYFCB generated', (r) => r.tyfcb.generated, money],
  ['TYFCB received', (r) => r.tyfcb.received, money],
];

const NO_GROUPS = 'No groups yet: import a network document with your chapter (Import, above), or load the sample network on the map.';

async function loadGroups(): Promise<void> {
  const select = $<HTMLSelectElement>('chapter-group');
  const map = await getJson<{ groups: { id: string; name: string }[] }>('/api/map', { edges: false });
  select.replaceChildren(...map.groups.map((g) => h('option', { value: g.id, text: g.name })));
  // With no group to choose, "Show the report" could only fail: say what is missing instead.
  const none = map.groups.length === 0;
  $<HTMLButtonElement>('chapter-show').disabled = none;
  if (none) $('chapter-status').textContent = NO_GROUPS;
  else if ($('chapter-status').textContent === NO_GROUPS) $('chapter-status').textContent = '';
}

/** The form's field of each query parameter a 400 may name: its problem shows next to it. */
const FIELD_OF_PARAM: Record<string, string> = { '/query/from': 'chapter-from', '/query/to': 'chapter-to', '/query/asOf': 'chapter-to' };

/** Shows a 400's problems next to the date fields they concern; true when every problem had a field. */
function showFieldProblems(err: unknown): boolean {
  const errors = err instanceof ApiError && err.status === 400 && Array.isArray(err.problem?.errors) ? (err.problem.errors as { path?: unknown; message?: unknown }[]) : [];
  const placed = errors.filter((e) => typeof e.path === 'string' && FIELD_OF_PARAM[e.path]);
  const byField = new Map<string, string>();
  for (const e of placed) byField.set(FIELD_OF_PARAM[e.path as string]!, issueWords(e));
  for (const [id, text] of byField) fieldError($(id), text);
  return errors.length > 0 && placed.length === errors.length;
}

export async function showChapter(group: string, from: string, to: string): Promise<number> {
  const status = $('chapter-status');
  status.textContent = 'Computing the report…';
  for (const id of ['chapter-from', 'chapter-to']) fieldError($(id), undefined);
  try {
    useCurrency((await settings).currency);
    current = await getJson<ChapterReport>(`/api/groups/${encodeURIComponent(group)}/report`, { from, to });
    // A name someone else in the network shares shows with its id (Zoë Scott [p169]).
    const shared = await namesakesOf(current.people);
    render($('chapter-body'), current, shared);
    status.textContent = '';
    $<HTMLButtonElement>('chapter-csv').disabled = false;
    $<HTMLButtonElement>('chapter-print').disabled = false;
    history.replaceState(null, '', `?${new URLSearchParams({ group, ...(from ? { from } : {}), ...(to ? { to } : {}) })}`);
    return current.members.length;
  } catch (e) {
    current = undefined;
    $('chapter-body').replaceChildren();
    status.textContent = showFieldProblems(e) ? 'Could not compute the report: see the dates above.' : `Could not compute the report: ${describeError(e)}`;
    return -1;
  }
}

function render(body: HTMLElement, r: ChapterReport, shared: ReadonlySet<string>): void {
  const cards = new Map(r.people.map((p) => [p.id, p]));
  const names = new Map(r.people.map((p) => [p.id, nameWithId(p.name, p.id, shared)]));
  const name = (id: string | null) => (id === null ? 'a private contact' : (names.get(id) ?? id)); // null: a hop withheld from you
  const trend = new Map(r.change.map((c) => [c.person, c]));
  memberNames = new Map(r.members.map((m) => [m.person, nameWithId(m.name, m.person, shared)]));
  const section = (title: string, ...content: (Node | string)[]) => h('section', {}, h('h3', { text: title }), ...content);
  const list = (items: string[], empty: string) => (items.length ? h('ul', {}, ...items.map((t) => h('li', { text: t }))) : h('p', { class: 'muted', text: empty }));
  // A part left out for this reader (a member who does not organise the chapter; a sensitive
  // profession) is said to be left out, never shown as an empty finding ("No visitors").
  const withheld = new Set(r.withheld ?? []);
  const WITHHELD = withheldReason(withheld);
  const shown = (part: string, content: Node) => (withheld.has(part) ? h('p', { class: 'muted', text: WITHHELD }) : content);

  const table = h(
    'table',
    { class: 'chapter-table' },
    h('thead', {}, h('tr', {}, ...COLUMNS.map(([label, value]) => h('th', { scope: 'col', class: r.members.length && typeof value(r.members[0]!) === 'number' ? 'num' : undefined, text: label })), h('th', { scope: 'col', text: 'Since last period' }))),
    h(
      'tbody',
      {},
      ...r.members.map((m) => {
        const c = trend.get(m.person);
        return h(
          'tr',
          { 'data-person': m.person },
          ...COLUMNS.map(([label, value, show], i) => {
            const v = value(m);
            // The member's name with the id when someone else in the network has it (the CSV keeps the name alone).
            if (i === 0) return h('td', { dir: 'auto', text: memberNames.get(m.person) ?? m.name });
            return i === 1
              ? h('td', {}, h('span', { class: `light light-${m.light}`, 'data-light': m.light, title: `${label}: ${LIGHTS[m.light]}` }), ` ${LIGHTS[m.light]}`)
              : h('td', { class: typeof v === 'number' ? 'num' : undefined, dir: typeof v === 'number' ? undefined : 'auto', text: typeof v === 'number' ? (show ?? fmt)(v) : String(v ?? '') });
          }),
          h('td', { text: c ? `${TREND[c.trend]}${c.previousScore === null ? '' : ` (was ${c.previousScore})`}` : '' }),
        );
      }),
    ),
  );

  const lights = (['green', 'amber', 'red', 'grey'] as const).map((l) => `${r.members.filter((m) => m.light === l).length} ${l}`).join(' · ');
  body.replaceChildren(
    h('h2', { text: `${r.name}: chapter report` }),
    h('p', { class: 'muted', text: `${reportPeriod(r)} · ${count(r.meetings, 'meeting')} · ${withheld.has('members') ? 'your own row' : `${count(r.members.length, 'member')} · ${lights}`}` }),
    r.members.length ? scrollable(table) : h('p', { text: withheld.has('members') ? `You were not a member of this group in the period. ${WITHHELD}` : 'Nobody was a member of this group in the period.' }),
    h('p', { text: `Totals: ${count(r.totals.referrals, 'referral')}, ${count(r.totals.oneToOnes, 'one-to-one')}, ${money(r.totals.tyfcb)} closed business (TYFCB).` }),
    section('Visitors', shown('visitors', list(r.visitors.map((v) => `${v.name}, first visit ${day(v.firstVisit)}${v.joined ? ' — joined' : ''}`), chapterEmpty.visitors))),
    section(
      'One-to-ones that would pay',
      shown(
        'oneToOnesThatWouldPay',
        list(
          r.oneToOnesThatWouldPay.map((p) => `${name(p.a)} (${p.professions[0].join(', ')}) and ${name(p.b)} (${p.professions[1].join(', ')}): their professions traded ${count(p.referralPotential, 'referral')} across the network`),
          chapterEmpty.oneToOnesThatWouldPay,
        ),
      ),
    ),
    section(
      'Open seats',
      withheld.has('openSeats')
        ? h('p', { class: 'muted', text: WITHHELD })
        : r.openSeats.length
        ? h(
            'ul',
            {},
            ...r.openSeats.map((s) =>
              h(
                'li',
                {},
                `${s.profession} (referral potential ${fmt(s.referralPotential)})`,
                s.candidates.length
                  ? h(
                      'ul',
                      {},
                      ...s.candidates.map((c) =>
                        h('li', { 'data-person': c.person }, `${name(c.person)} via ${c.path.people.slice(0, -1).map(name).join(' → ')} `, contactLinks(cards.get(c.person) ?? {})),
                      ),
                    )
                  : null,
              ),
            ),
          )
        : h('p', { class: 'muted', text: chapterEmpty.openSeats }),
    ),
    section(
      'Givers and takers',
      // Cut to the reader's own row (withheld): theirs is shown, balanced or not, and the cut is said.
      withheld.has('giversAndTakers')
        ? h('div', {}, list(r.giversAndTakers.map((g) => balanceLine(name(g.person), g)), NO_OWN_BALANCE), h('p', { class: 'muted', text: `Other members: ${WITHHELD}` }))
        : list(r.giversAndTakers.filter((g) => g.kind !== 'balanced').map((g) => balanceLine(name(g.person), g)), chapterEmpty.giversAndTakers),
    ),
    section('Power teams', shown('powerTeams', list(r.powerTeams.map((t) => `${t.members.map(name).join(', ')}${withheld.has('powerTeams.professions') ? '' : ` — ${t.professions.join(', ')}`}`), chapterEmpty.powerTeams))),
  );
}

/**
 * The table in a box that scrolls sideways on a narrow screen, saying so while columns are out of
 * view (a phone shows the first three of thirteen) and fading the edge they are hidden behind.
 */
function scrollable(table: HTMLElement): HTMLElement {
  const hint = h('p', { class: 'scroll-hint muted', 'aria-hidden': 'true', text: 'More columns to the right: swipe the table sideways →' });
  const box = h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Members (scrolls sideways)' }, table);
  const update = () => {
    const more = box.scrollLeft + box.clientWidth < box.scrollWidth - 1;
    hint.hidden = box.scrollWidth <= box.clientWidth + 1;
    box.classList.toggle('more-right', more);
  };
  box.addEventListener('scroll', update, { passive: true });
  new ResizeObserver(update).observe(box);
  return h('div', { class: 'table-wrap' }, hint, box);
}

function downloadCsv(): void {
  if (!current) return;
  const csv = toCsv(
    COLUMNS.map(([label]) => label),
    current.members.map((m) => COLUMNS.map(([, value]) => value(m))),
  );
  const a = h('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' })), download: `chapter-${current.group}-${day(current.from)}-${day(current.to)}.csv` });
  document.body.append(a);
  a.click();
  a.remove();
}

/** The currency of closed business (TYFCB), asked once. */
const settings = getJson<{ currency: string }>('/api/settings');
// Awaited by the first report, whose status line then says what failed; not before.
settings.catch(() => undefined);

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  try {
    await loadGroups();
  } catch (e) {
    $('chapter-status').textContent = `Could not load the groups: ${describeError(e)}`;
  }
  const select = $<HTMLSelectElement>('chapter-group');
  const group = params.get('group');
  if (group !== null) select.value = group;
  $<HTMLInputElement>('chapter-from').value = params.get('from') ?? '';
  $<HTMLInputElement>('chapter-to').value = params.get('to') ?? '';
  $('chapter-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void showChapter(select.value, $<HTMLInputElement>('chapter-from').value, $<HTMLInputElement>('chapter-to').value);
  });
  // The nav's import may bring the first groups.
  window.addEventListener(IMPORTED_EVENT, () => void loadGroups().catch((e: unknown) => ($('chapter-status').textContent = `Could not load the groups: ${describeError(e)}`)));
  $('chapter-csv').addEventListener('click', downloadCsv);
  $('chapter-print').addEventListener('click', () => window.print());
  if (select.value) await showChapter(select.value, $<HTMLInputElement>('chapter-from').value, $<HTMLInputElement>('chapter-to').value);
}

void start();
