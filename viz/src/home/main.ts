/**
 * The home page, "this week": who to call and why (GET /api/people/{me}/week), each row with how
 * to reach the person and its actions — Log (the interaction form, prefilled), Done (logs a
 * follow-up; on an introduction, the introduction with both, and hides the row), Snooze (until a date) and Not relevant — plus the hidden rows to bring back.
 * Introductions to make carry their drafted message with a copy button; introduction requests
 * (GET /api/intro-requests) list those asked of me, to accept, decline or mark made, and those
 * asked by me, to report what came of them.
 *
 * "Me" is the signed-in account's person (GET /api/me); on a laptop in local mode, the person
 * chosen once here, remembered by the server (PUT /api/me) — or `?me=<id>` for a look as someone.
 */
import '../styles.css';
import './home.css';
import { ApiError, describeError, getJson, getMe, sendJson, sentence, type Me } from '../api.js';
import { contactLinks } from '../contact.js';
import { fmt, h } from '../dom.js';
import { fieldError } from '../form-errors.js';
import { fillPickers, prefillInteraction, prefillSlip, prefillClose, setUpForms } from './forms.js';
import { localDate, isAfterToday, longDate } from '../dates.js';
import { ME_STORAGE, whoAmI } from '../me.js';
import { findPerson, nameWithId } from '../people.js';
import { namesakeIds } from '../../../graph/support/name-match.js';
import { parseRowKey } from './row-key.js';
import { money, useCurrency } from '../money.js';
import { IMPORTED_EVENT } from '../import/events.js';
import { count } from '../../../graph/support/words.js';
import type { ContactCard } from '../../../graph/service/contact-card.js';
import type { IntroRequest } from '../../../graph/schema.js';
import { compareIds } from '../../../graph/support/id-order.js';

type Card = ContactCard;
interface Row {
  key: string;
  person: Card;
  other?: Card;
  reason: string;
  valueReceived?: number;
  value?: number;
  /** introductions: the drafted message */
  message?: string;
}
interface SlipRow extends Row {
  referral: string;
  direction: 'given' | 'received';
  status: string;
  ageDays: number;
  prospect?: string;
}
interface Week {
  currency: string;
  person: Card;
  followUps: Row[];
  dormant: Row[];
  owed: Row[];
  introductions: Row[];
  introductionsNote?: string;
  slips: SlipRow[];
  funnel: { now: Record<string, number>; change: Record<string, number> };
  hidden: { key: string; kind: string; until?: string; about: string[] }[];
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
let me = '';
let people: { id: string; name: string }[] = [];
/** Ids whose name someone else in the network shares: shown with the id wherever the page lists them. */
let namesakes = new Set<string>();

declare global {
  interface Window {
    __refnetHome?: { loads: number; me: string };
  }
}
const hooks = (window.__refnetHome = { loads: 0, me: '' });

function status(text: string): void {
  $('status').textContent = text;
}

/** The server's own "me" (the signed-in or chosen person), if it has one: intro requests are always its. */
let serverMe: string | undefined;

/** Who the server says the caller is (local mode, an account, an API key): says why requests are not shown. */
let caller: Me | undefined;

/** ?me= first (a look as someone), then the signed-in or chosen person, then this browser's earlier choice. */
async function resolveMe(): Promise<string | undefined> {
  const { person, caller: answer, error } = await whoAmI();
  // An API key has no person (an ApiError): the page then asks like local mode does.
  if (error !== undefined && !(error instanceof ApiError)) throw error;
  caller = answer;
  serverMe = answer?.person ?? undefined;
  return new URLSearchParams(location.search).get('me') || person;
}

/** Local mode remembers "me" on the server (it survives another browser); elsewhere this browser keeps it. */
async function rememberMe(id: string): Promise<void> {
  localStorage.setItem(ME_STORAGE, id);
  const answer = await getMe().catch(() => undefined);
  if (answer?.local) {
    await sendJson('PUT', '/api/me', { person: id });
    serverMe = id;
  }
}

async function loadPeople(): Promise<void> {
  people = [];
  let cursor: string | undefined;
  do {
    const page = await getJson<{ items: { id: string; name: string }[]; nextCursor: string | null }>('/api/people', { limit: 500, cursor });
    people.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && people.length < 20_000);
  namesakes = namesakeIds(people);
  $('people-options').replaceChildren(...people.map((p) => h('option', { value: p.id, label: nameWithId(p.name, p.id, namesakes) })));
  // On a first run there is nobody to choose yet: say how to get people in.
  $('choose-me-empty').hidden = people.length > 0;
}

/** The person a field's text names: an id the page knows, or a name found as the CLI finds it (people.ts). */
async function personId(text: string): Promise<string> {
  return (await findPerson(text, (t) => people.some((p) => p.id === t))).id;
}

/** How a form shows a person: the name, or the id when someone else has the same name. */
function shownAs(c: Card): string {
  return namesakes.has(c.id) ? c.id : c.name;
}

/** A person's name as the page lists it: with the id when it is shared. */
function nameOf(id: string): string {
  const p = people.find((x) => x.id === id);
  return p ? nameWithId(p.name, p.id, namesakes) : id;
}

function who(c: Card): HTMLElement {
  const role = [c.title, c.company].filter(Boolean).join(', ');
  return h('span', { class: 'who' }, h('strong', { dir: 'auto', text: c.name }), namesakes.has(c.id) ? h('small', { class: 'person-id', text: ` [${c.id}]` }) : null, role ? h('small', { text: ` ${role}` }) : null);
}

/**
 * A row's action: on success the week reloads and the top bar says what was done; on failure the
 * reason shows in the row, beside its buttons (next to `near` when it is about that field).
 */
async function act(fn: () => Promise<unknown>, done: string, where?: { row: HTMLElement; near?: HTMLElement }): Promise<void> {
  where?.row.querySelector('.row-error')?.remove();
  near(where?.near, undefined);
  try {
    await fn();
    status(done);
    await loadWeek();
  } catch (err) {
    if (!where) return status(describeError(err));
    const errors = err instanceof ApiError && Array.isArray(err.problem?.errors) ? (err.problem.errors as { message?: unknown }[]) : [];
    // One message per problem (the 400's errors[] repeat its detail): the first field problem, in words.
    const text = errors.length && where.near ? fieldWords(errors[0]!.message) : describeError(err);
    if (where.near) near(where.near, text);
    else where.row.append(h('p', { class: 'row-error', role: 'alert', text }));
  }
}

const near = (input: HTMLElement | undefined, text: string | undefined) => input && fieldError(input, text);
const fieldWords = (m: unknown) => (typeof m === 'string' && m ? sentence(m) : 'Not accepted.');

function dismissals(): string {
  return `/api/people/${encodeURIComponent(me)}/week/dismissals`;
}

function rowItem(section: string, row: Row, extra: (HTMLElement | null)[] = []): HTMLElement {
  const snoozeDate = h('input', { type: 'date', 'aria-label': 'Snooze until', value: localDate(7), min: localDate(1) });
  const li = h(
    'li',
    { 'data-key': row.key, 'data-person': row.person.id },
    h('div', { class: 'row-head' }, who(row.person), row.other ? h('span', { text: ' & ' }) : null, row.other ? who(row.other) : null),
    h('p', { class: 'reason', text: row.reason }),
    ...extra,
    // Two people: each one's details are named, so "no contact details" says whose.
    h('div', { class: 'row-contact' }, contactLinks(row.person, row.other ? row.person.name : undefined), row.other ? contactLinks(row.other, row.other.name) : null),
  );
  const log = h('button', { type: 'button', 'data-action': 'log', text: 'Log' });
  log.addEventListener('click', () => prefillInteraction(shownAs(row.person), section === 'followUps' ? 'follow_up' : 'one_to_one', section === 'introductions' && row.other ? `introduced to ${row.other.name}` : ''));
  const done = doneButton(section, row, li);
  const snooze = h('button', { type: 'button', 'data-action': 'snooze', text: 'Snooze' });
  snooze.addEventListener('click', () => {
    // A snooze ends after today (the API refuses one that would hide the row at no instant).
    if (!snoozeDate.value || !isAfterToday(snoozeDate.value)) return near(snoozeDate, `Snooze until a date after today (${longDate(localDate())}).`);
    void act(() => sendJson('POST', dismissals(), { row: row.key, kind: 'snoozed', until: snoozeDate.value }), `Snoozed until ${longDate(snoozeDate.value)}.`, { row: li, near: snoozeDate });
  });
  snoozeDate.addEventListener('input', () => near(snoozeDate, undefined));
  const notRelevant = h('button', { type: 'button', 'data-action': 'not-relevant', text: 'Not relevant' });
  notRelevant.addEventListener('click', () => void act(() => sendJson('POST', dismissals(), { row: row.key, kind: 'not_relevant' }), 'Hidden: find it under "Hidden rows" to bring it back.', { row: li }));
  // The date first: it is what Snooze uses, so it comes before the button in the tab order.
  li.append(h('div', { class: 'actions' }, log, done, snoozeDate, snooze, notRelevant));
  return li;
}

/**
 * Done does what clears the row (the week's rules, graph/service/this-week.ts): a follow-up or a
 * dormant tie — a follow-up logged now; an introduction — logged with both and the row hidden;
 * a referral owed — only a slip passed to them clears it, so Done opens that form; an open slip —
 * only moving it on does, so Done opens the close form with the slip chosen.
 */
function doneButton(section: string, row: Row, li: HTMLElement): HTMLElement {
  const other = row.other;
  if (section === 'owed') {
    const b = h('button', { type: 'button', 'data-action': 'done', text: 'Pass a slip…', title: 'The row goes when you pass them a referral slip' });
    b.addEventListener('click', () => prefillSlip(shownAs(row.person)));
    return b;
  }
  if (section === 'slips') {
    const slip = row as SlipRow;
    const b = h('button', { type: 'button', 'data-action': 'done', text: 'Move on…', title: 'The row goes when the slip is contacted, won or lost' });
    b.addEventListener('click', () => prefillClose(slip.referral));
    return b;
  }
  const b = h('button', { type: 'button', 'data-action': 'done', text: 'Done' });
  b.addEventListener('click', () =>
    void (section === 'introductions' && other
      ? act(() => introduced(row, other), `Logged your introduction of ${row.person.name} and ${other.name}.`, { row: li })
      : // Now, to the second: a date alone would be midnight UTC, before a meeting held earlier today.
        act(() => sendJson('POST', '/api/interactions', { a: me, b: row.person.id, kind: 'follow_up', at: new Date().toISOString() }), `Logged a follow-up with ${row.person.name}.`, { row: li })),
  );
  return b;
}

/**
 * An introduction made: an `introduction` with each of the two, in one write (an import is all or
 * nothing), then the row hidden, since it would stay until the two meet, which is theirs to log.
 */
async function introduced(row: Row, other: Card): Promise<void> {
  const note = `introduced ${row.person.name} and ${other.name}`;
  await sendJson('POST', '/api/import', { interactions: [row.person, other].map((p) => ({ a: me, b: p.id, kind: 'introduction', at: new Date().toISOString(), note })) });
  await sendJson('POST', dismissals(), { row: row.key, kind: 'not_relevant' });
}

/** A drafted introduction with a button that copies it. */
function draft(message: string | undefined): HTMLElement | null {
  if (!message) return null;
  const text = h('blockquote', { class: 'draft', text: message });
  const copy = h('button', { type: 'button', 'data-action': 'copy-message', text: 'Copy message' });
  copy.addEventListener('click', () => {
    navigator.clipboard
      .writeText(message)
      .then(() => status('Message copied: paste it into an email to both.'))
      .catch(() => {
        // No clipboard permission: select the text so the user can copy it.
        getSelection()?.selectAllChildren(text);
        status('Select-and-copy: the message is selected.');
      });
  });
  return h('div', { class: 'draft-box' }, text, copy);
}

/** Why the requests are not listed: they are always the server's "me"'s, and this page is someone else's. */
function requestsHidden(name: (id: string) => string): string {
  if (serverMe) return `Introduction requests show on your own home page (${name(serverMe)}); this one is ${name(me)}'s.`;
  if (caller?.local) return 'Choose who you are (open the home page without ?me=) to see introduction requests.';
  return 'Introduction requests show when you are signed in as a person, not with an API key.';
}

/** Requests asked of me (with the connector's moves) and by me (with the outcome once made). */
function renderRequests(requests: { byMe: IntroRequest[]; ofMe: IntroRequest[] } | undefined): void {
  const name = nameOf;
  if (!requests) return fill('introRequests', [], requestsHidden(name));
  const move = (q: IntroRequest, label: string, body: Record<string, string>) => {
    const b = h('button', { type: 'button', 'data-action': `intro-${body.outcome ?? body.status}`, text: label });
    b.addEventListener('click', () => void act(() => sendJson('POST', `/api/intro-requests/${encodeURIComponent(q.id)}/status`, body), `${label}: ${name(q.requester)} → ${name(q.target)}.`));
    return b;
  };
  const state = (q: IntroRequest) => q.status + (q.outcome ? ` (${q.outcome})` : '');
  const ofMe = requests.ofMe.map((q) => {
    const open = q.status === 'asked' || q.status === 'accepted';
    return h(
      'li',
      { 'data-request': q.id, 'data-role': 'connector' },
      h('p', { text: `${name(q.requester)} asks you to introduce them to ${name(q.target)} — ${state(q)}` }),
      open ? h('div', { class: 'actions' }, q.status === 'asked' ? move(q, 'Accept', { status: 'accepted' }) : null, move(q, 'Decline', { status: 'declined' }), move(q, 'Made', { status: 'made' })) : null,
    );
  });
  const byMe = requests.byMe.map((q) =>
    h(
      'li',
      { 'data-request': q.id, 'data-role': 'requester' },
      h('p', { text: `You asked ${name(q.connector)} for an introduction to ${name(q.target)} — ${state(q)}` }),
      q.status === 'made' ? h('div', { class: 'actions' }, move(q, 'We met', { status: 'outcome', outcome: 'met' }), move(q, 'A referral came of it', { status: 'outcome', outcome: 'referral' }), move(q, 'Nothing came of it', { status: 'outcome', outcome: 'nothing' })) : null,
    ),
  );
  fill('introRequests', [...ofMe, ...byMe], 'No introduction requests: ask for one from a warm path on the map.');
}

/** Rows a section shows before "Show N more": a long list must not push the rest of the page (and the forms, on a phone) thousands of pixels down. */
const ROWS_SHOWN = 5;

function fill(section: string, items: HTMLElement[], empty: string): void {
  const list = document.querySelector(`[data-section=${section}] .rows`)!;
  list.replaceChildren(...(items.length ? items : [h('li', { class: 'muted none', text: empty })]));
  if (items.length <= ROWS_SHOWN) return;
  const rest = items.slice(ROWS_SHOWN);
  rest.forEach((li) => (li.hidden = true));
  const more = h('button', { type: 'button', class: 'show-more', 'data-action': 'show-more', text: `Show ${count(rest.length, 'more row')}` });
  const item = h('li', { class: 'more' }, more);
  more.addEventListener('click', () => {
    rest.forEach((li) => (li.hidden = false));
    item.remove();
    rest[0]?.querySelector<HTMLElement>('button, a')?.focus();
  });
  list.append(item);
}

function render(week: Week): void {
  useCurrency(week.currency);
  $('me-name').textContent = `This week for ${week.person.name}`;
  const { now, change } = week.funnel;
  const delta = (n: number) => (n > 0 ? ` (+${n})` : n < 0 ? ` (${n})` : ' (±0)');
  $('funnel').textContent = `Your ties: ${fmt(now.visibility)} visibility${delta(change.visibility!)} → ${fmt(now.credibility)} credibility${delta(change.credibility!)} → ${fmt(now.profitability)} profitability${delta(change.profitability!)} · change over the last 90 days`;
  fill('followUps', week.followUps.map((r) => rowItem('followUps', r)), 'No follow-ups due: nobody met at a recent event is waiting to hear from you.');
  fill('dormant', week.dormant.map((r) => rowItem('dormant', r)), 'No dormant ties.');
  // A value only when one was recorded: "received €0" would read as a worthless referral.
  fill('owed', week.owed.map((r) => rowItem('owed', r, [r.valueReceived ? h('p', { class: 'figure', text: `received ${money(r.valueReceived)}` }) : null])), 'You owe nobody a referral.');
  fill('introductions', week.introductions.map((r) => rowItem('introductions', r, [draft(r.message)])), week.introductionsNote ?? 'No introductions to suggest.');
  fill(
    'slips',
    week.slips.map((r) => rowItem('slips', r, [h('p', { class: 'figure', text: `${r.direction} · ${r.status} · ${count(r.ageDays, 'day')} old${r.value !== undefined ? ` · ${money(r.value)}` : ''}` })])),
    'No open slips.',
  );
  fill(
    'hidden',
    week.hidden.map((hdn) => {
      const undo = h('button', { type: 'button', 'data-action': 'undo', text: 'Show again' });
      const li = h('li', { 'data-key': hdn.key }, h('span', { text: hiddenWords(hdn) }), undo);
      undo.addEventListener('click', () => void act(() => sendJson('DELETE', `${dismissals()}/${encodeURIComponent(hdn.key)}`), 'Shown again.', { row: li }));
      return li;
    }),
    'Nothing hidden.',
  );
  fillPickers(openSlips, events);
}

/** Introductions I logged (with whom, when): a hidden introduction row with both was made, not dismissed. */
let introducedOn = new Map<string, string>();

/** What a hidden row was, in words and names: "Dormant tie with Dan Dormant — snoozed until 14 December 2026". */
function hiddenWords(hdn: Week['hidden'][number]): string {
  const parsed = parseRowKey(hdn.key);
  const ids = parsed?.ids ?? [];
  const names = ids.filter((id) => people.some((p) => p.id === id)).map(nameOf);
  const them = names.length ? names.join(' and ') : hdn.about.join(' and ') || 'someone no longer in the network';
  const what =
    parsed?.section === 'followUp' ? `Follow-up with ${them} after an event`
    : parsed?.section === 'dormant' ? `Dormant tie with ${them}`
    : parsed?.section === 'owed' ? `Referral owed to ${them}`
    : parsed?.section === 'intro' ? `Introduction of ${them}`
    : parsed?.section === 'slip' ? `Open slip with ${them}`
    : `A row about ${them}`;
  if (hdn.kind === 'snoozed') return `${what} — snoozed until ${hdn.until ? longDate(hdn.until) : 'later'}`;
  const made = parsed?.section === 'intro' && ids.every((id) => introducedOn.has(id)) ? ids.map((id) => introducedOn.get(id)!).sort().at(-1) : undefined;
  return `${what} — ${made ? `made (logged ${longDate(made)})` : 'marked not relevant'}`;
}

/** My logged introductions, by the person introduced: read only when an introduction row is hidden. */
async function loadIntroductions(week: Week): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (!week.hidden.some((x) => x.key.startsWith('intro:'))) return found;
  let cursor: string | undefined;
  do {
    const page = await getJson<{ items: { a: string; b: string; at: string }[]; nextCursor: string | null }>('/api/interactions', { person: me, kind: 'introduction', limit: 500, cursor });
    for (const i of page.items) {
      const other = i.a === me ? i.b : i.a;
      if (!found.has(other) || found.get(other)! < i.at) found.set(other, i.at.slice(0, 10));
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return found;
}

let events: { id: string; name: string; at: string }[] = [];
/** The close form's choices: every open slip of mine (loadOpenSlips), not the week's rows. */
let openSlips: OpenSlip[] = [];

interface OpenSlip {
  referral: string;
  person: { name: string };
  direction: 'given' | 'received';
  prospect?: string;
  status: string;
}

/**
 * Every open slip (passed or contacted) I gave or received and may see — each one I can move on.
 * Not the week's slip rows: those are cut to the week's limit and leave out the rows I hid, and a
 * hidden row is still a slip to close. Read from GET /api/referrals page by page, oldest first.
 */
async function loadOpenSlips(): Promise<OpenSlip[]> {
  type Referral = { id: string; from: string; to: string; at: string; status: string; prospect?: string };
  const found: Referral[] = [];
  for (const status of ['passed', 'contacted']) {
    let cursor: string | undefined;
    do {
      const page = await getJson<{ items: Referral[]; nextCursor: string | null }>('/api/referrals', { person: me, status, limit: 500, cursor });
      found.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return found
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => {
      const other = r.from === me ? r.to : r.from;
      return { referral: r.id, person: { name: nameOf(other) }, direction: r.from === me ? 'given' : 'received', ...(r.prospect ? { prospect: r.prospect } : {}), status: r.status };
    });
}

/**
 * Every event, page by page: the list comes in id order, so its first page is not the latest
 * meetings (a chapter meeting weekly has more than a page of them within a few years).
 */
async function loadEvents(): Promise<{ id: string; name: string; at: string }[]> {
  const found: { id: string; name: string; at: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await getJson<{ items: { id: string; name: string; at: string }[]; nextCursor: string | null }>('/api/events', { limit: 500, cursor });
    found.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return found;
}

async function loadWeek(): Promise<void> {
  const [week, allEvents, requests, slips] = await Promise.all([
    getJson<Week>(`/api/people/${encodeURIComponent(me)}/week`),
    loadEvents(),
    // Requests are always the server's "me": not asked when the page looks as someone else, or the
    // server has no person for the caller (an API key; 409 then).
    serverMe === me
      ? getJson<{ byMe: IntroRequest[]; ofMe: IntroRequest[] }>('/api/intro-requests').catch((err: unknown) => {
          if (err instanceof ApiError && err.status === 409) return undefined;
          throw err;
        })
      : undefined,
    loadOpenSlips(),
  ]);
  events = allEvents.sort((a, b) => compareIds(b.at, a.at));
  openSlips = slips;
  introducedOn = await loadIntroductions(week);
  render(week);
  renderRequests(requests);
  $('week').hidden = false;
  hooks.loads++;
}

async function start(): Promise<void> {
  setUpForms({ me: () => me, personId, nameOf, changed: () => loadWeek() });
  // The top bar's last message is about an earlier action: a new submission clears it.
  document.addEventListener('submit', () => status(''), true);
  // An import from the nav's dialog: new people to pick, new ties in the week.
  window.addEventListener(IMPORTED_EVENT, () => void loadPeople().then(() => (me ? loadWeek() : undefined)).catch((err: unknown) => status(describeError(err))));
  await loadPeople();
  const chosen = await resolveMe();
  if (!chosen) {
    $('choose-me').hidden = false;
    $<HTMLFormElement>('choose-me-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const input = $<HTMLInputElement>('choose-me-input');
      near(input, undefined);
      personId(input.value)
        .then(async (id) => {
          me = hooks.me = id;
          $('choose-me').hidden = true;
          await rememberMe(id);
          await loadWeek();
        }, (err: unknown) => near(input, describeError(err)))
        .catch((err: unknown) => status(describeError(err)));
    });
    return;
  }
  me = hooks.me = chosen;
  await loadWeek();
}

start().catch((err: unknown) => status(describeError(err)));
