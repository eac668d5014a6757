/**
 * graph/service/permissions.ts: who may write which record. Tiny hand-built facts; each rule has
 * its refusal beside its permission, plus a property: a member may never write an interaction or
 * referral that does not name them, whatever the ids.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayWrite, writeRefusal, type Actor, type PermissionFacts, type Write } from '../../../graph/service/permissions.js';

/** `groups`: each person's current groups; `pastOrFuture`: groups with only memberships not current now. */
const facts = (groups: Record<string, string[]> = {}, eventGroups: Record<string, string> = {}, pastOrFuture: string[] = []): PermissionFacts => ({
  now: Date.parse('2026-01-01'),
  groupsOf: (p) => new Set(groups[p] ?? []),
  hasMemberships: (g) => pastOrFuture.includes(g) || Object.values(groups).some((gs) => gs.includes(g)),
  hostsEvents: (g) => Object.values(eventGroups).includes(g),
  groupOfEvent: (e) => eventGroups[e],
});
const member: Actor = { role: 'member', person: 'me' };
const organiser: Actor = { role: 'organiser', person: 'me' };
const admin: Actor = { role: 'admin', person: 'me' };
/** A write of one record: an edit leaving it as it is, or (isNew) its creation. */
const t = ({ kind, record, isNew = false }: { kind: Write['kind']; record: object; isNew?: boolean }): Write => ({ kind, before: isNew ? undefined : record, after: record }) as Write;
const interaction = (a: string, b: string) => t({ kind: 'interaction', record: { id: 'i', a, b, kind: 'met', at: '2025-01-01' } });
const referral = (from: string, to: string) => t({ kind: 'referral', record: { id: 'r', from, to, at: '2025-01-01', status: 'passed' } });

describe('mayWrite', () => {
  it('when a member writes an interaction or referral, then only one naming them is allowed', () => {
    expect(mayWrite(member, interaction('me', 'x'), facts())).toBe(true);
    expect(mayWrite(member, interaction('x', 'me'), facts())).toBe(true);
    expect(mayWrite(member, interaction('x', 'y'), facts())).toBe(false);
    expect(mayWrite(member, referral('me', 'x'), facts())).toBe(true);
    expect(mayWrite(member, referral('x', 'me'), facts())).toBe(true);
    expect(mayWrite(member, referral('x', 'y'), facts())).toBe(false);
  });

  it('when a non-admin writes an intro request directly (an import, a merge), then only deleting it or renaming its people is allowed: creating one or moving it goes through its routes', () => {
    const asked = { id: 'iq-1', requester: 'me', connector: 'c', target: 't', at: '2025-01-01T00:00:00.000Z', status: 'asked' as const, changes: [{ status: 'asked' as const, at: '2025-01-01T00:00:00.000Z' }] };
    const made = { ...asked, status: 'made' as const, changes: [...asked.changes, { status: 'made' as const, at: '2025-01-02T00:00:00.000Z' }] };
    const write = (before: object | undefined, after: object | undefined) => ({ kind: 'introRequest', before, after }) as Write;
    for (const actor of [member, organiser]) {
      expect(writeRefusal(actor, write(undefined, asked), facts())).toMatch(/POST \/api\/intro-requests/);
      expect(writeRefusal(actor, write(undefined, { ...asked, requester: 'x', connector: 'me' }), facts())).toMatch(/cannot be written directly/);
      expect(writeRefusal(actor, write(asked, made), facts())).toMatch(/\/api\/intro-requests\/iq-1\/status/);
      expect(writeRefusal(actor, write(asked, { ...asked, note: 'added' }), facts())).toBeDefined();
      expect(writeRefusal(actor, write(asked, { ...asked, target: 't2' }), facts())).toBeUndefined();
      expect(writeRefusal(actor, write(asked, undefined), facts())).toBeUndefined();
      expect(writeRefusal(actor, write({ ...asked, requester: 'x', connector: 'y' }, undefined), facts())).toBeDefined();
    }
    expect(writeRefusal(admin, write(undefined, made), facts())).toBeUndefined();
  });

  it('when a member writes people, then their own record and new contacts are allowed, nobody else’s existing record', () => {
    const person = (id: string, isNew = false) => t({ kind: 'person', record: { id, name: id }, isNew });
    expect(mayWrite(member, person('me'), facts())).toBe(true);
    expect(mayWrite(member, person('x', true), facts())).toBe(true);
    expect(mayWrite(member, person('x'), facts())).toBe(false);
  });

  it('when a member writes memberships and attendance, then only their own', () => {
    expect(mayWrite(member, t({ kind: 'membership', record: { person: 'me', group: 'g' } }), facts())).toBe(true);
    expect(mayWrite(member, t({ kind: 'membership', record: { person: 'x', group: 'g' } }), facts({ me: ['g'] }))).toBe(false);
    expect(mayWrite(member, t({ kind: 'attendance', record: { person: 'me', event: 'e' } }), facts())).toBe(true);
    expect(mayWrite(member, t({ kind: 'attendance', record: { person: 'x', event: 'e' } }), facts({ me: ['g'] }, { e: 'g' }))).toBe(false);
  });

  it('when a member writes companies, groups or events, then it is refused', () => {
    expect(mayWrite(member, t({ kind: 'company', record: { id: 'c', name: 'C' } }), facts())).toBe(false);
    expect(mayWrite(member, t({ kind: 'group', record: { id: 'g', name: 'G' } }), facts({ me: ['g'] }))).toBe(false);
    expect(mayWrite(member, t({ kind: 'event', record: { id: 'e', name: 'E', at: '2025-01-01', group: 'g' } }), facts({ me: ['g'] }))).toBe(false);
  });

  it('when an organiser writes for a group they belong to, then memberships, events, attendance and the group are allowed; other groups are not', () => {
    const f = facts({ me: ['g'] }, { e: 'g', e2: 'h' });
    expect(mayWrite(organiser, t({ kind: 'membership', record: { person: 'x', group: 'g' } }), f)).toBe(true);
    expect(mayWrite(organiser, t({ kind: 'membership', record: { person: 'x', group: 'h' } }), f)).toBe(false);
    expect(mayWrite(organiser, t({ kind: 'event', record: { id: 'e', name: 'E', at: '2025-01-01', group: 'g' } }), f)).toBe(true);
    expect(mayWrite(organiser, t({ kind: 'event', record: { id: 'e2', name: 'E', at: '2025-01-01', group: 'h' } }), f)).toBe(false);
    expect(mayWrite(organiser, t({ kind: 'event', record: { id: 'e3', name: 'E', at: '2025-01-01' } }), f)).toBe(false);
    expect(mayWrite(organiser, t({ kind: 'attendance', record: { person: 'x', event: 'e' } }), f)).toBe(true);
    expect(mayWrite(organiser, t({ kind: 'attendance', record: { person: 'x', event: 'e2' } }), f)).toBe(false);
    expect(mayWrite(organiser, t({ kind: 'group', record: { id: 'g', name: 'G' } }), f)).toBe(true);
    expect(mayWrite(organiser, t({ kind: 'group', record: { id: 'h', name: 'H' } }), f)).toBe(false);
    expect(mayWrite(organiser, interaction('x', 'y'), f)).toBe(false);
  });

  it('when the write deletes a group, then its organiser may un-host its events in it, and nothing more: other hosts, other edits, members and an un-host alone are refused', () => {
    const hosted = (group: string, more: object = {}) => ({ id: 'e', name: 'E', at: '2025-01-01', group, ...more });
    const unhost = (before: object, after: object): Write => ({ kind: 'event', before, after }) as Write;
    const deleting = (...deleted: string[]) => ({ ...facts({ me: ['g', 'k'] }, { e: 'g' }), deletedGroups: new Set(deleted) });
    expect(writeRefusal(organiser, unhost(hosted('g'), { id: 'e', name: 'E', at: '2025-01-01' }), deleting('g'))).toBeUndefined();
    expect(writeRefusal(organiser, unhost(hosted('g', { location: 'L' }), { id: 'e', name: 'E', at: '2025-01-01', location: 'L' }), deleting('g'))).toBeUndefined();
    expect(writeRefusal(admin, unhost(hosted('g'), { id: 'e', name: 'E', at: '2025-01-01' }), deleting())).toBeUndefined();
    // an un-host with no delete of its group (a PATCH, an import; another group deleted) stays an admin's
    expect(writeRefusal(organiser, unhost(hosted('g'), { id: 'e', name: 'E', at: '2025-01-01' }), facts({ me: ['g'] }, { e: 'g' }))).toMatch(/event "e"/);
    expect(writeRefusal(organiser, unhost(hosted('g'), { id: 'e', name: 'E', at: '2025-01-01' }), deleting('k'))).toMatch(/event "e"/);
    // the group's delete takes nothing else along: not a rename, not a move to another group
    expect(writeRefusal(organiser, unhost(hosted('g'), { id: 'e', name: 'Renamed', at: '2025-01-01' }), deleting('g'))).toMatch(/event "e"/);
    expect(writeRefusal(organiser, unhost(hosted('g'), { id: 'e', name: 'E', at: '2025-01-01', location: 'L' }), deleting('g'))).toMatch(/event "e"/);
    expect(writeRefusal(organiser, unhost(hosted('g'), hosted('h')), deleting('g'))).toMatch(/event "e"/);
    // only the group's organiser: not one of another group, not a member
    expect(writeRefusal(organiser, unhost(hosted('h'), { id: 'e', name: 'E', at: '2025-01-01' }), deleting('h'))).toMatch(/event "e"/);
    expect(writeRefusal(member, unhost(hosted('g'), { id: 'e', name: 'E', at: '2025-01-01' }), deleting('g'))).toMatch(/event "e"/);
  });

  it('when a non-admin gives themselves membership time in a group with current members, then it is refused; leaving, current edits and empty groups are not', () => {
    const f = facts({ other: ['g'] });
    const m = (since?: string, until?: string) => ({ person: 'me', group: 'g', ...(since && { since }), ...(until && { until }) });
    const w = (before: object | undefined, after: object | undefined): Write => ({ kind: 'membership', before, after }) as Write;
    for (const actor of [member, organiser]) {
      expect(mayWrite(actor, w(undefined, m()), f)).toBe(false);
      expect(mayWrite(actor, w(undefined, m('2030-01-01')), f)).toBe(false);
      expect(mayWrite(actor, w(m('2020-01-01', '2025-01-01'), m('2020-01-01')), f)).toBe(false); // revive
      expect(mayWrite(actor, w(m('2020-01-01', '2025-01-01'), m('2019-01-01', '2024-01-01')), f)).toBe(true); // past stays past
      expect(mayWrite(actor, w(m('2027-01-01'), m('2026-06-01')), f)).toBe(false); // brought forward
      expect(mayWrite(actor, w(m('2027-01-01'), m('2027-06-01', '2028-01-01')), f)).toBe(true); // later, shorter
      expect(mayWrite(actor, w(m('2020-01-01'), m('2020-01-01', '2030-01-01')), f)).toBe(true); // current: dates change
      expect(mayWrite(actor, w(m('2020-01-01', '2025-01-01'), undefined), f)).toBe(true); // leave
      expect(mayWrite(actor, w(undefined, m()), facts())).toBe(true); // nothing has happened in the group yet
    }
    expect(mayWrite(admin, w(undefined, m()), f)).toBe(true);
  });

  it('when a group has no current members but has a history (ended or future memberships, events), then a non-admin may not start it; an admin may', () => {
    const m = (since?: string, until?: string) => ({ person: 'me', group: 'g', ...(since && { since }), ...(until && { until }) });
    const w = (before: object | undefined, after: object | undefined): Write => ({ kind: 'membership', before, after }) as Write;
    const folded = facts({}, {}, ['g']); // every membership ended, or none begun yet
    const hosting = facts({}, { e: 'g' }); // no membership left, its events stay
    for (const actor of [member, organiser]) {
      for (const f of [folded, hosting]) {
        expect(mayWrite(actor, w(undefined, m()), f)).toBe(false);
        expect(mayWrite(actor, w(undefined, m('2020-01-01', '2030-01-01')), f)).toBe(false);
        expect(mayWrite(actor, w(undefined, m('2030-01-01')), f)).toBe(false);
      }
      // their own ended membership is a membership of the group: reviving it is refused, correcting it is not
      expect(mayWrite(actor, w(m('2020-01-01', '2025-01-01'), m('2020-01-01')), folded)).toBe(false);
      expect(mayWrite(actor, w(m('2020-01-01', '2025-01-01'), m('2020-06-01', '2025-01-01')), folded)).toBe(true);
      expect(mayWrite(actor, w(m('2020-01-01', '2025-01-01'), undefined), folded)).toBe(true);
      expect(mayWrite(actor, w(undefined, m()), facts({}, { e: 'other' }, ['other']))).toBe(true); // another group's history
    }
    expect(mayWrite(admin, w(undefined, m()), folded)).toBe(true);
    expect(mayWrite(admin, w(undefined, m()), hosting)).toBe(true);
  });

  it('when a non-admin is refused a group with a history, then the reason names the group, that it has been started, and who adds them — in the same words for memberships as for events', () => {
    const after = { person: 'me', group: 'g' };
    const byMembers = writeRefusal(member, { kind: 'membership', before: undefined, after }, facts({}, {}, ['g']));
    const byEvents = writeRefusal(member, { kind: 'membership', before: undefined, after }, facts({}, { e: 'g' }));
    expect(byMembers).toMatch(/group "g" has already been started.*ask one of its organisers or an admin to add you/);
    // The memberships may be people the actor does not see: the words do not say there are members.
    expect(byMembers).toBe(byEvents);
    expect(byMembers).not.toMatch(/has members|members \(/);
    expect(writeRefusal(organiser, { kind: 'membership', before: undefined, after }, facts({}, {}, ['g']))).toMatch(/group "g" has already been started.*ask one of its organisers or an admin to add you/);
  });

  it('when a non-admin sets privateTo, then only to themselves, and removing it only on a record they own', () => {
    const p = (id: string, privateTo?: string) => ({ id, name: id, ...(privateTo && { privateTo }) });
    const w = (before: object | undefined, after: object | undefined): Write => ({ kind: 'person', before, after }) as Write;
    expect(mayWrite(member, w(p('me'), p('me', 'x')), facts())).toBe(false);
    expect(mayWrite(member, w(p('me'), p('me', 'me')), facts())).toBe(true);
    expect(mayWrite(member, w(p('me', 'me'), p('me')), facts())).toBe(true);
    expect(mayWrite(member, w(p('c', 'me'), p('c')), facts())).toBe(true);
    expect(mayWrite(member, w(p('c', 'me'), p('c', 'x')), facts())).toBe(false);
    expect(mayWrite(member, w(undefined, p('c', 'x')), facts())).toBe(false);
    expect(mayWrite(member, w(p('c'), p('c', 'me')), facts())).toBe(false);
    expect(mayWrite(admin, w(p('c'), p('c', 'x')), facts())).toBe(true);
  });

  it('when an admin writes anything, then it is allowed', () => {
    expect(mayWrite(admin, interaction('x', 'y'), facts())).toBe(true);
    expect(mayWrite(admin, t({ kind: 'company', record: { id: 'c', name: 'C' } }), facts())).toBe(true);
  });

  it('when ids are arbitrary, then a member or organiser writes an interaction or referral exactly when it names them', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.constantFrom<Actor['role']>('member', 'organiser'), (me, a, b, role) => {
        const actor: Actor = { role, person: me };
        const names = a === me || b === me;
        expect(mayWrite(actor, interaction(a, b), facts({ [me]: ['g'] }))).toBe(names);
        expect(mayWrite(actor, referral(a, b), facts({ [me]: ['g'] }))).toBe(names);
      }),
    );
  });
});
