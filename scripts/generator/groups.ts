/**
 * Networking groups, their members, their events and who attended. Group count scales with the
 * network (one group per ~150 people, at least six); members are mostly local; attendees are
 * mostly members whose membership covers the event date, plus some guests.
 */
import type { Attendance, Group, Membership, NetworkEvent } from '../../graph/schema.js';
import { FIRST_GROUP_KINDS, GROUP_KINDS, LOCATIONS, type GroupKind } from './catalog.js';
import type { Calendar } from './dates.js';
import type { Population } from './population.js';
import { makeId } from './population.js';
import { Rng, WeightedPicker, streamSeed } from './prng.js';

export interface Groups {
  records: Group[];
  kinds: GroupKind[];
  /** Members of each group (person indexes) with their membership window in days. */
  members: Int32Array[];
  /** Index into LOCATIONS of each group's city. */
  locationIndex: number[];
  since: Int32Array[];
  until: Int32Array[];
  /** Groups of each person, CSR: groupsOf[offset[p]..offset[p+1]). */
  personOffset: Int32Array;
  personGroups: Int32Array;
}

export interface Events {
  count: number;
  /** Hosting group or -1. */
  group: Int32Array;
  day: Int32Array;
  /** Attendance planned for each event. */
  size: Int32Array;
  /** Index into LOCATIONS where guests come from. */
  location: Uint8Array;
}

const kindPicker = new WeightedPicker(GROUP_KINDS.map((k) => k.weight));
const FOREVER = 2 ** 31 - 1;
/** Exponent of the attendee draw over activity-ranked members (1 = uniform). */
const REGULARS_SKEW = 3;

const MEETING_LABEL: Record<string, string> = {
  chapter: 'Weekly meeting',
  chamber: 'Networking mixer',
  club: 'Members evening',
  online: 'Webinar',
  'speed-networking': 'Speed networking night',
  alumni: 'Alumni reunion',
};

/** Draws groups and memberships. */
export function buildGroups(seed: number, pop: Population, cal: Calendar): Groups {
  const rng = new Rng(streamSeed(seed, 3));
  const count = Math.max(6, Math.round(pop.count / 150));
  const records: Group[] = [];
  const kinds: GroupKind[] = [];
  const members: Int32Array[] = [];
  const since: Int32Array[] = [];
  const until: Int32Array[] = [];
  const locationIndex: number[] = [];
  const names = new Set<string>();
  const maxSize = Math.max(8, Math.floor(pop.count * 0.35));
  for (let g = 0; g < count; g++) {
    const kind = g < FIRST_GROUP_KINDS.length ? GROUP_KINDS.find((k) => k.kind === FIRST_GROUP_KINDS[g])! : GROUP_KINDS[kindPicker.pick(rng)]!;
    // Groups sit where the people are: the city of a random person.
    const loc = pop.location[rng.int(pop.count)]!;
    const city = LOCATIONS[loc]!.name.split(',')[0]!;
    let name = rng.pick(kind.names).replace('{city}', city);
    for (let n = 2; names.has(name); n++) name = `${name.replace(/ #\d+$/, '')} #${n}`;
    names.add(name);
    const group: Group = { id: makeId('g', g, count), name, kind: kind.kind, location: kind.kind === 'online' ? 'Online' : LOCATIONS[loc]!.name };
    records.push(group);
    kinds.push(kind);
    locationIndex.push(loc);
    const size = Math.min(maxSize, Math.max(6, Math.round(rng.logNormal(kind.sizeMedian, kind.sizeSigma))));
    const localShare = kind.kind === 'online' ? 0.4 : 0.8;
    const chosen = new Set<number>();
    const local = pop.byLocation[loc]!;
    for (let tries = 0; chosen.size < size && tries < size * 20; tries++) {
      const p = local.length > 0 && rng.chance(localShare) ? local[rng.int(local.length)]! : rng.int(pop.count);
      chosen.add(p);
    }
    // Most active first: events draw their regulars from the top of this list.
    const list = Int32Array.from(chosen).sort((x, y) => pop.activity[y]! - pop.activity[x]! || x - y);
    const s = new Int32Array(list.length);
    const u = new Int32Array(list.length);
    for (let i = 0; i < list.length; i++) {
      // Members joined over the last five years; about one in eight has left since.
      s[i] = cal.end - rng.between(30, 5 * 365);
      u[i] = rng.chance(0.12) ? s[i]! + rng.between(30, cal.end - s[i]!) : FOREVER;
      if (u[i]! > cal.end) u[i] = FOREVER;
    }
    members.push(list);
    since.push(s);
    until.push(u);
  }
  // person → groups CSR
  const personOffset = new Int32Array(pop.count + 1);
  for (const list of members) for (const p of list) personOffset[p + 1]!++;
  for (let p = 0; p < pop.count; p++) personOffset[p + 1]! += personOffset[p]!;
  const personGroups = new Int32Array(personOffset[pop.count]!);
  const fill = personOffset.slice(0, pop.count);
  members.forEach((list, g) => {
    for (const p of list) personGroups[fill[p]!++] = g;
  });
  return { records, kinds, members, locationIndex, since, until, personOffset, personGroups };
}

/** Membership records, group by group. */
export function* membershipRecords(groups: Groups, pop: Population, cal: Calendar): Generator<Membership> {
  for (let g = 0; g < groups.records.length; g++) {
    const list = groups.members[g]!;
    for (let i = 0; i < list.length; i++) {
      const m: Membership = { person: makeId('p', list[i]!, pop.count), group: groups.records[g]!.id, since: cal.date(groups.since[g]![i]!) };
      const u = groups.until[g]![i]!;
      if (u !== FOREVER) m.until = cal.date(u);
      yield m;
    }
  }
}

/**
 * Plans events: each group meets at its kind's cadence, thinned when the attendance budget is
 * small; sizes are then scaled so the planned attendance sums to the budget where capacity allows.
 */
export function planEvents(seed: number, groups: Groups, pop: Population, cal: Calendar, budget: number): Events {
  const rng = new Rng(streamSeed(seed, 4));
  const years = cal.span / 365.25;
  const groupOf: number[] = [];
  const locOf: number[] = [];
  const dayOf: number[] = [];
  const want: number[] = [];
  const cap: number[] = [];
  let expected = 0;
  groups.kinds.forEach((k, g) => expected += k.meetings * (years / 2) * Math.max(1, groups.members[g]!.length * k.turnout * (1 + k.guestShare)));
  const thin = expected > budget ? budget / expected : 1;
  groups.kinds.forEach((k, g) => {
    const n = groups.members[g]!.length;
    const meetings = Math.max(1, Math.round(k.meetings * (years / 2) * thin));
    const step = cal.span / meetings;
    const offset = rng.float() * step;
    for (let m = 0; m < meetings; m++) {
      groupOf.push(g);
      locOf.push(groups.locationIndex[g]!);
      dayOf.push(cal.start + Math.min(cal.span - 1, Math.floor(offset + m * step)));
      want.push(Math.max(2, n * k.turnout * (1 + k.guestShare)) * (0.7 + 0.6 * rng.float()));
      cap.push(Math.min(pop.count, Math.floor(n * 0.95) + Math.ceil(n * k.guestShare) + 2, 250));
    }
  });
  // A few open expos with no hosting group: all guests.
  const expos = Math.max(2, Math.round(groups.records.length / 20));
  for (let e = 0; e < expos; e++) {
    groupOf.push(-1);
    locOf.push(pop.location[rng.int(pop.count)]!);
    dayOf.push(cal.start + rng.int(cal.span));
    want.push(Math.min(30 + 30 * rng.float(), 3 + pop.count * 0.03));
    cap.push(Math.min(Math.ceil(pop.count * 0.05) + 3, 80));
  }
  // Chronological order makes ids read naturally (e0001 is the oldest event).
  const order = dayOf.map((_, i) => i).sort((x, y) => dayOf[x]! - dayOf[y]! || x - y);
  const count = order.length;
  const group = new Int32Array(count);
  const day = new Int32Array(count);
  const size = new Int32Array(count);
  const location = new Uint8Array(count);
  const total = want.reduce((a, b) => a + b, 0);
  const scale = total > 0 ? budget / total : 0;
  let planned = 0;
  order.forEach((src, i) => {
    group[i] = groupOf[src]!;
    day[i] = dayOf[src]!;
    location[i] = locOf[src]!;
    size[i] = Math.min(cap[src]!, Math.floor(want[src]! * scale));
    planned += size[i];
  });
  // Hand out what rounding left over, one seat at a time, to events with room.
  for (let i = 0, stalled = 0; planned < budget && stalled < count; i = (i + 1) % count) {
    if (size[i]! < cap[order[i]!]!) {
      size[i]!++;
      planned++;
      stalled = 0;
    } else stalled++;
  }
  return { count, group, day, size, location };
}

/** Event records in chronological order. */
export function* eventRecords(events: Events, groups: Groups, cal: Calendar): Generator<NetworkEvent> {
  for (let e = 0; e < events.count; e++) {
    const g = events.group[e]!;
    const day = events.day[e]!;
    const id = makeId('e', e, events.count);
    if (g < 0) {
      const city = LOCATIONS[events.location[e]!]!.name;
      yield { id, name: `${city.split(',')[0]} Business Expo ${cal.date(day).slice(0, 7)}`, at: cal.dateTime(day, 9, 0), location: city };
      continue;
    }
    const group = groups.records[g]!;
    const kind = groups.kinds[g]!.kind;
    const hour = kind === 'chapter' ? 7 : 18;
    const event: NetworkEvent = { id, name: `${MEETING_LABEL[kind] ?? 'Meeting'} – ${group.name}`, at: cal.dateTime(day, hour, kind === 'chapter' ? 0 : 30), group: group.id };
    if (group.location) event.location = group.location;
    yield event;
  }
}

/** Attendance records: members active on the day (the more active first), then guests. */
export function* attendanceRecords(seed: number, events: Events, groups: Groups, pop: Population): Generator<Attendance> {
  const rng = new Rng(streamSeed(seed, 5));
  for (let e = 0; e < events.count; e++) {
    const g = events.group[e]!;
    const day = events.day[e]!;
    const size = events.size[e]!;
    const eventId = makeId('e', e, events.count);
    const chosen = new Set<number>();
    let guestSeats = size;
    if (g >= 0) {
      const list = groups.members[g]!;
      const s = groups.since[g]!;
      const u = groups.until[g]!;
      const memberSeats = Math.round(size / (1 + groups.kinds[g]!.guestShare));
      for (let tries = 0; chosen.size < memberSeats && tries < memberSeats * 8; tries++) {
        // Members are ranked by activity; a skewed draw favours the top: the same regulars
        // come again and again, as they do in real groups.
        const k = Math.floor(list.length * Math.pow(rng.float(), REGULARS_SKEW));
        if (s[k]! <= day && day <= u[k]!) chosen.add(list[k]!);
      }
      for (let tries = 0; chosen.size < memberSeats && tries < memberSeats * 8; tries++) {
        const k = rng.int(list.length);
        if (s[k]! <= day && day <= u[k]!) chosen.add(list[k]!);
      }
      guestSeats = size - memberSeats;
    }
    // Guests: mostly locals (someone brought a colleague), some from anywhere.
    const local = pop.byLocation[events.location[e]!]!;
    const seats = chosen.size + guestSeats;
    for (let tries = 0; chosen.size < seats && tries < seats * 20; tries++) {
      chosen.add(local.length > 0 && rng.chance(0.7) ? local[rng.int(local.length)]! : rng.int(pop.count));
    }
    for (const p of chosen) yield { person: makeId('p', p, pop.count), event: eventId };
  }
}
