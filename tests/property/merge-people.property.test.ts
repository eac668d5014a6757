/**
 * Property tests of the file import's merge into stored people (graph/importers/merge-people.ts):
 * whatever a file's rows hold, the merged person keeps every field of the stored person, of every
 * field the person schema has — `privateTo` above all, whose loss made a re-imported private
 * contact shared. The stored people are generated from one arbitrary per schema field, typed so
 * that a field added to the schema does not compile (nor pass) until it is generated here too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PersonDraft } from '../../graph/importers/drafts.js';
import { mergePeople, type UpdatePolicy } from '../../graph/importers/merge-people.js';
import { personSchema, type Person } from '../../graph/schema.js';

const word = fc.constantFrom('Acme', 'Globex', 'North', 'CEO', 'Chair', 'Berlin', 'Law', 'Health', 'Ünïcode ✓');
const ATTRIBUTE_KEYS = ['department', 'club', 'linkedin', 'constructor'] as const;

/** One arbitrary per field of the person schema: `Required<Person>` makes a missing one a type error. */
const FIELD_VALUES: { [K in keyof Required<Person>]: fc.Arbitrary<Required<Person>[K]> } = {
  id: fc.constant('p1'),
  name: fc.constantFrom('Ann Archer', 'Paula Private'),
  email: fc.constantFrom('ann@x.example', 'paula@x.example'),
  company: word,
  title: word,
  industry: word,
  profession: word,
  location: word,
  tags: fc.uniqueArray(fc.constantFrom('vip', 'golf', 'alumni'), { minLength: 1 }),
  attributes: fc.dictionary(fc.constantFrom(...ATTRIBUTE_KEYS), word, { minKeys: 1 }),
  privateTo: fc.constantFrom('me', 'm2'),
};

const storedPerson: fc.Arbitrary<Person> = fc.record(FIELD_VALUES, { requiredKeys: ['id', 'name'] });

/** A row naming the stored person by id, with any of the fields a file can set. */
const draft = (row: number): fc.Arbitrary<PersonDraft> =>
  fc.record(
    {
      row: fc.constant(row),
      id: fc.constant('p1'),
      name: fc.constantFrom('Ann Archer', 'A. Archer', 'Paula Private'),
      emails: fc.uniqueArray(fc.constantFrom('ann@x.example', 'other@x.example'), { maxLength: 2 }),
      company: word,
      title: word,
      industry: word,
      profession: word,
      location: word,
      tags: fc.array(fc.constantFrom('vip', 'new'), { maxLength: 2 }),
      attributes: fc.dictionary(fc.constantFrom(...ATTRIBUTE_KEYS), word),
      metOn: fc.constant('2024-03-15'),
    },
    { requiredKeys: ['row', 'id', 'name', 'emails', 'attributes'] },
  );

const drafts = fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => draft(i + 2))));
const policy = fc.constantFrom<UpdatePolicy>('fill', 'overwrite');

/** A file row holding exactly what `p` holds, as a reader would draft it. */
function draftOf(p: Person): PersonDraft {
  const { id, name, email, company, title, industry, profession, location, tags, attributes } = p;
  return { row: 2, id, name, emails: email ? [email] : [], company, title, industry, profession, location, tags, attributes: { ...attributes } };
}

describe('merging file rows into a stored person', () => {
  it('when the generator is read, then it makes every field of the person schema, and only those (the test covers a field added later)', () => {
    expect(Object.keys(FIELD_VALUES).sort()).toEqual(Object.keys(personSchema.shape).sort());
    fc.assert(fc.property(storedPerson, (p) => void personSchema.parse(p)), { numRuns: 100 });
  });

  it('when any rows merge into a stored person, then every field the stored person has is still there, in schema order', () => {
    const order = Object.keys(personSchema.shape);
    fc.assert(
      fc.property(storedPerson, drafts, policy, (stored, rows, update) => {
        const [merged] = mergePeople(rows, [stored], update);
        expect(merged!.existing).toBe(stored);
        const person = merged!.person as Record<string, unknown>;
        for (const field of Object.keys(stored)) expect(person[field], field).toBeDefined();
        // What no row can set stays exactly as stored, whatever the policy.
        expect(person.id).toBe(stored.id);
        expect(person.privateTo).toBe(stored.privateTo);
        if (update === 'fill') {
          for (const field of ['name', 'email', 'company', 'title', 'industry', 'profession', 'location'] as const) {
            if (stored[field] !== undefined) expect(person[field], field).toBe(stored[field]);
          }
        }
        for (const t of stored.tags ?? []) expect(person.tags).toContain(t);
        for (const k of Object.keys(stored.attributes ?? {})) expect(Object.keys(person.attributes as object)).toContain(k);
        const keys = Object.keys(person);
        expect(keys).toEqual(order.filter((f) => keys.includes(f)));
        expect(personSchema.safeParse(person).success).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('when a row holds exactly what the stored person holds, then the merge gives the stored person back unchanged', () => {
    fc.assert(
      fc.property(storedPerson, policy, (stored, update) => {
        const [merged] = mergePeople([draftOf(stored)], [stored], update);
        expect(merged!.person).toEqual(stored);
        expect(merged!.conflicts).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
