/**
 * graph/service/contact-visibility.ts (who sees whom), the answer filter built on it
 * (graph/service/withhold-contacts.ts), the write rule for private contacts
 * (graph/service/permissions.ts) and the importer's part (graph/importers/plan.ts): tiny
 * hand-built networks with known answers, and a property over arbitrary ids.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnknownIdError } from '../../../graph/analytics/context.js';
import type { WarmPath } from '../../../graph/analytics/warm-paths.js';
import { readImport } from '../../../graph/importers/formats.js';
import { planFileImport } from '../../../graph/importers/plan.js';
import { RecordSet } from '../../../graph/record-set.js';
import { emptyDocument, type Person } from '../../../graph/schema.js';
import { anonymousHop, maySeePerson, maySeeRecord, mayShare, SEES_ALL, visibilityChangeProblems, withheldPeople, type ContactViewer } from '../../../graph/service/contact-visibility.js';
import { mayWrite, type Actor, type Write } from '../../../graph/service/permissions.js';
import { planMerge } from '../../../graph/service/merge-two-people.js';
import { ContactFilter } from '../../../graph/service/withhold-contacts.js';
import { network } from '../../importers/helpers.js';

const as = (person: string | undefined): ContactViewer => ({ seesAll: false, person });
const records = (people: Person[]) => RecordSet.fromDocument({ ...emptyDocument(), people });
const ann: Person = { id: 'ann', name: 'Ann Member' };
const bob: Person = { id: 'bob', name: 'Bob Member' };
const zed: Person = { id: 'zed', name: 'Zed Contact', email: 'zed@x.example', privateTo: 'ann' };
const set = records([ann, bob, zed]);

describe('who sees a person', () => {
  it('when a person is private to Ann, then Ann, admins and the local user see it; Bob and a key without admin scope do not', () => {
    expect(maySeePerson(as('ann'), zed)).toBe(true);
    expect(maySeePerson(SEES_ALL, zed)).toBe(true);
    expect(maySeePerson(as('bob'), zed)).toBe(false);
    expect(maySeePerson(as(undefined), zed)).toBe(false);
    expect(maySeePerson(as(undefined), ann)).toBe(true);
    expect(mayShare(as('ann'), zed)).toBe(true);
    expect(mayShare(as('bob'), zed)).toBe(false);
    expect(mayShare(as('ann'), ann)).toBe(false); // nothing to share: not a private contact
  });

  it('when ids are arbitrary, then a viewer sees a person exactly when it is shared, theirs, or they see all', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string(), { nil: undefined }), fc.option(fc.string(), { nil: undefined }), (id, owner, viewer) => {
        const person = { id, ...(owner !== undefined && { privateTo: owner }) };
        expect(maySeePerson(as(viewer), person)).toBe(owner === undefined || owner === viewer);
        expect(maySeePerson(SEES_ALL, person)).toBe(true);
      }),
    );
  });

  it('when records name a withheld person, then they are withheld with it, whatever their kind', () => {
    const withheld = withheldPeople(set, as('bob'));
    expect([...withheld]).toEqual(['zed']);
    expect(withheldPeople(set, as('ann')).size).toBe(0);
    expect(withheldPeople(set, SEES_ALL).size).toBe(0);
    expect(maySeeRecord('interaction', { id: 'i', a: 'ann', b: 'zed', kind: 'met', at: '2025-01-01' }, withheld)).toBe(false);
    expect(maySeeRecord('interaction', { id: 'i', a: 'ann', b: 'bob', kind: 'met', at: '2025-01-01' }, withheld)).toBe(true);
    expect(maySeeRecord('referral', { id: 'r', from: 'zed', to: 'bob', at: '2025-01-01', status: 'passed' }, withheld)).toBe(false);
    expect(maySeeRecord('membership', { person: 'zed', group: 'g' }, withheld)).toBe(false);
    expect(maySeeRecord('attendance', { person: 'zed', event: 'e' }, withheld)).toBe(false);
    expect(maySeeRecord('dismissal', { id: 'd', person: 'zed', row: 'x', kind: 'not_relevant', at: '2025-01-01' }, withheld)).toBe(false);
    expect(maySeeRecord('person', zed, withheld)).toBe(false);
    expect(maySeeRecord('group', { id: 'zed', name: 'A group whose id is a withheld person id' }, withheld)).toBe(true);
  });

  it('when a hop is withheld, then it is named only by its owner, and not even that when the owner is withheld too', () => {
    expect(anonymousHop(set, as('bob'), 'zed')).toEqual({ contactOf: 'ann', label: 'a contact of Ann Member' });
    const nested = records([{ ...ann, privateTo: 'carl' }, zed]);
    expect(anonymousHop(nested, as('bob'), 'zed')).toEqual({ contactOf: null, label: 'a private contact' });
  });
});

describe('answers filtered for a viewer', () => {
  const step = (from: string, to: string) => ({ from, to, stage: 'visibility' as const, dormant: false, strength: 0.5, lastContact: '2025-01-01', referralsExchanged: 0, cost: 0.69 });
  const path = (...people: string[]): WarmPath => ({ people, hops: people.length - 1, cost: 1, strength: 0.25, chance: 0.25, steps: people.slice(1).map((to, i) => step(people[i]!, to)) });

  it('when a path runs through a withheld person, then the hop is null and described, and every path is kept', () => {
    const f = new ContactFilter(set, as('bob'));
    const result = f.paths({ from: 'bob', k: 3, maxHops: 4, targets: 2, paths: [path('bob', 'zed', 'x'), path('bob', 'ann')] });
    expect(result.paths.map((p) => p.people)).toEqual([['bob', null, 'x'], ['bob', 'ann']]);
    const through = f.path(path('bob', 'ann', 'zed', 'x'));
    expect(through.people).toEqual(['bob', 'ann', null, 'x']);
    expect(through.steps.map((s) => [s.from, s.to])).toEqual([['bob', 'ann'], ['ann', null], [null, 'x']]);
    expect(through.anonymous).toEqual([{ index: 2, contactOf: 'ann', label: 'a contact of Ann Member' }]);
    expect(new ContactFilter(set, as('ann')).path(path('bob', 'ann', 'zed', 'x'))).toEqual(path('bob', 'ann', 'zed', 'x'));
  });

  it('when a path runs through a withheld person, then its contact card goes, the others stay, and no reason is added', () => {
    const f = new ContactFilter(set, as('bob'));
    const cards = (...ids: string[]) => ids.map((id) => ({ id, name: id }));
    const seen = f.paths({ from: 'bob', k: 3, maxHops: 4, targets: 2, paths: [path('bob', 'zed', 'x'), path('bob', 'y')], contacts: cards('bob', 'zed', 'x', 'y') });
    expect(seen.contacts).toEqual(cards('bob', 'x', 'y'));
    expect(seen).not.toHaveProperty('reason');
    expect(seen).not.toHaveProperty('reasonCode');
  });

  it('when the viewer is withheld from someone, then ranking hands the analytics who they see; when they see everyone, nothing', () => {
    const { sees } = new ContactFilter(set, as('bob')).ranking;
    expect(['ann', 'bob', 'zed', 'unknown'].map((id) => sees?.(id))).toEqual([true, true, false, true]);
    expect(new ContactFilter(set, as('ann')).ranking).toEqual({});
    expect(new ContactFilter(() => { throw new Error('not read for a viewer who sees all'); }, SEES_ALL).ranking).toEqual({});
  });

  it('when a withheld person is the subject, then it is the unknown-person error', () => {
    expect(() => new ContactFilter(set, as('bob')).subject('zed')).toThrow(UnknownIdError);
    expect(() => new ContactFilter(set, as('ann')).subject('zed')).not.toThrow();
  });
});

describe('writing private contacts', () => {
  const member: Actor = { role: 'member', person: 'ann' };
  const target = (record: Person, isNew = false): Write => ({ kind: 'person', before: isNew ? undefined : record, after: record });
  const facts = { now: Date.now(), groupsOf: () => new Set<string>(), hasMemberships: () => false, hostsEvents: () => false, groupOfEvent: () => undefined };

  it('when a member writes people, then their own private contacts are theirs to edit, and nobody makes a contact private to someone else', () => {
    expect(mayWrite(member, target(zed), facts)).toBe(true);
    expect(mayWrite({ role: 'member', person: 'bob' }, target(zed), facts)).toBe(false);
    expect(mayWrite(member, target({ id: 'new', name: 'New', privateTo: 'ann' }, true), facts)).toBe(true);
    expect(mayWrite(member, target({ id: 'new', name: 'New', privateTo: 'bob' }, true), facts)).toBe(false);
  });
});

describe('merging people with private contacts', () => {
  const puts = (plan: ReturnType<typeof planMerge>) => plan.changes.flatMap((c) => (c.op === 'put' && c.kind === 'person' ? [c.record] : []));

  it('when both are the same member’s private contact, then the merged person stays private; when one was shared, then it is shared', () => {
    const twin: Person = { id: 'zed2', name: 'Zed C.', privateTo: 'ann' };
    expect(planMerge(records([ann, zed, twin]), 'zed', 'zed2').preview.merged.privateTo).toBe('ann');
    const sharedTwin: Person = { id: 'zed2', name: 'Zed C.' };
    expect(planMerge(records([ann, zed, sharedTwin]), 'zed', 'zed2').preview.merged.privateTo).toBeUndefined();
    expect(planMerge(records([ann, zed, sharedTwin]), 'zed2', 'zed').preview.merged.privateTo).toBeUndefined();
  });

  it('when the owner is merged away, then their private contacts become the kept person’s', () => {
    const annToo: Person = { id: 'ann2', name: 'Ann M.' };
    const plan = planMerge(records([ann, annToo, zed]), 'ann2', 'ann');
    expect(puts(plan)).toContainEqual({ ...zed, privateTo: 'ann2' });
  });
});

describe('importing a personal export', () => {
  const csv = [
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
    'Zed,Contact,https://www.linkedin.com/in/zed,zed@x.example,Umbra,Boss,01 Dec 2025',
    'Known,Person,https://www.linkedin.com/in/known,known@x.example,Umbra,Clerk,02 Dec 2025',
  ].join('\n');
  const known: Person = { id: 'known', name: 'Known Person', email: 'known@x.example' };

  it("when a LinkedIn export is imported with an owner, then its new people are the owner's private contacts and people already there keep their visibility", async () => {
    const p = planFileImport(await readImport('linkedin', csv), network([ann, known]), { owner: 'ann' });
    const byName = new Map(p.document.people.map((x) => [x.name, x]));
    expect(byName.get('Zed Contact')?.privateTo).toBe('ann');
    expect(byName.get('Known Person')?.privateTo).toBeUndefined();
  });

  it('when it is imported as shared, or without owner by nobody, then nobody owns the new people; imported by a member, they are the member’s', async () => {
    const shared = planFileImport(await readImport('linkedin', csv), network([ann]), { owner: 'ann', shared: true });
    expect(shared.document.people.every((x) => x.privateTo === undefined)).toBe(true);
    const anonymous = planFileImport(await readImport('linkedin', csv), network([ann]), {});
    expect(anonymous.document.people.every((x) => x.privateTo === undefined)).toBe(true);
    const byMember = planFileImport(await readImport('linkedin', csv), network([ann]), { importedBy: 'bob' });
    expect(byMember.document.people.map((x) => x.privateTo)).toEqual(['bob', 'bob']);
  });

  it("when another member imports the same contact, then its id is derived with that member's id: never the withheld contact's, never a telling '-2'", async () => {
    const first = planFileImport(await readImport('linkedin', csv), network([ann]), { owner: 'ann' });
    const zedId = first.document.people.find((x) => x.name === 'Zed Contact')!.id;
    const again = planFileImport(await readImport('linkedin', csv), network([bob]), { owner: 'bob', takenIds: new Set([zedId]) });
    const bobsZed = again.document.people.find((x) => x.name === 'Zed Contact')!.id;
    expect(bobsZed).not.toBe(zedId);
    expect(bobsZed).not.toMatch(/-2$/);
    expect(again.document.interactions.map((i) => i.b)).toContain(bobsZed);
    // Shared, the id is the key's alone, as before.
    const shared = planFileImport(await readImport('linkedin', csv), network([ann]), { owner: 'ann', shared: true });
    expect(shared.document.people.find((x) => x.name === 'Zed Contact')!.id).not.toBe(zedId);
  });
});

describe('making a person private takes no one\'s records from them (visibilityChangeProblems)', () => {
  const doc = (extra: Partial<ReturnType<typeof emptyDocument>>) => RecordSet.fromDocument({ ...emptyDocument(), ...extra });
  const put = (p: Person) => [{ op: 'put' as const, kind: 'person' as const, record: p }];
  const cal: Person = { id: 'cal', name: 'Cal Shared' };

  it('when the person has a record with someone other than the new owner, then it is a problem counting it; with the owner alone, or with no one, it is not', () => {
    const withBob = doc({ people: [ann, bob, cal], interactions: [{ id: 'i1', a: 'bob', b: 'cal', kind: 'met', at: '2025-01-01' }] });
    const [problem] = visibilityChangeProblems(withBob, put({ ...cal, privateTo: 'ann' }));
    expect(problem).toMatchObject({ person: 'cal', message: expect.stringMatching(/1 record other people take part in name them \(1 interaction\)/) });
    const withAnn = doc({ people: [ann, bob, cal], interactions: [{ id: 'i1', a: 'ann', b: 'cal', kind: 'met', at: '2025-01-01' }] });
    expect(visibilityChangeProblems(withAnn, put({ ...cal, privateTo: 'ann' }))).toEqual([]);
    // handed from Ann to Bob: Ann would lose her own interaction
    const annsContact = doc({ people: [ann, bob, { ...cal, privateTo: 'ann' }], interactions: [{ id: 'i1', a: 'ann', b: 'cal', kind: 'met', at: '2025-01-01' }] });
    expect(visibilityChangeProblems(annsContact, put({ ...cal, privateTo: 'bob' }))).toHaveLength(1);
    expect(visibilityChangeProblems(doc({ people: [ann, cal] }), put({ ...cal, privateTo: 'ann' }))).toEqual([]);
  });

  it('when the person has a membership, or a row of someone\'s week is about them, then the shared network or that someone would lose it', () => {
    const net = doc({
      people: [ann, bob, cal],
      groups: [{ id: 'g', name: 'G' }],
      memberships: [{ person: 'cal', group: 'g' }],
      dismissals: [{ id: 'd', person: 'bob', row: 'dormant:cal', kind: 'not_relevant', at: '2025-01-01' }],
    });
    const [problem] = visibilityChangeProblems(net, put({ ...cal, privateTo: 'ann' }));
    expect(problem!.message).toMatch(/2 records .*\(1 membership, 1 hidden row\)/);
  });

  it('when a merge hands the removed person\'s private contacts to the kept one, then no one loses anything', () => {
    const net = doc({
      people: [ann, bob, { id: 'c1', name: 'C One', privateTo: 'bob' }, { id: 'c2', name: 'C Two', privateTo: 'bob' }],
      interactions: [
        { id: 'i1', a: 'bob', b: 'c1', kind: 'met', at: '2025-01-01' },
        { id: 'i2', a: 'c1', b: 'c2', kind: 'met', at: '2025-01-01' },
      ],
    });
    expect(visibilityChangeProblems(net, planMerge(net, 'ann', 'bob').changes)).toEqual([]);
  });
});
