/**
 * Dimension names: `attributes.KEY` always names the attribute KEY, so an attribute named like a
 * built-in field (`industry`) is analysable beside the field; the short spelling of an attribute
 * whose key is no built-in name keeps working; a sensitive attribute is sensitive under both names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DimensionInputError, dimensionsOf, holdersOfCategory, isCategoryAttribute, matchCategories, membershipActive, nameableCategories, parseDimension, requireDimension, resolveCategories, valuesOf } from '../../../graph/analytics/dimensions.js';
import { isSensitive, privacyPolicy } from '../../../graph/privacy/policy.js';
import { met, testNetwork, type TestNetwork } from '../network-fixture.js';

const T = '2024-01-01';
const asOf = Date.parse(T);

describe('dimension names', () => {
  // Everyone has a built-in industry and an attribute also called industry, with other values.
  const person = (id: string, industry: string, attr: string) => ({ id, name: id, industry, attributes: { industry: attr, club: `club-${attr}`, 'attributes.x': 'dotted', group: 'g-attr' } });
  const net = () =>
    testNetwork({
      people: [person('me', 'law', 'fintech'), person('a', 'tax', 'fintech'), person('b', 'tax', 'retail'), person('c', 'law', 'energy')],
      interactions: [met('me', 'a', T), met('me', 'b', T), met('me', 'c', T)],
    });

  it('when an attribute is named like a built-in field, then attributes.KEY reads the attribute and the bare name the field', () => {
    const { records } = net();
    expect(valuesOf(records, 'a', 'industry', asOf)).toEqual(['tax']);
    expect(valuesOf(records, 'a', 'attributes.industry', asOf)).toEqual(['fintech']);
    expect(valuesOf(records, 'a', 'attributes.group', asOf)).toEqual(['g-attr']);
    expect(valuesOf(records, 'a', 'group', asOf)).toEqual([]);
    // the rest after the prefix is the whole key, dots included
    expect(valuesOf(records, 'a', 'attributes.attributes.x', asOf)).toEqual(['dotted']);
    expect(parseDimension('attributes.x')).toEqual({ kind: 'attribute', key: 'x' });
  });

  it('when an attribute key is no built-in name, then its short spelling is the same dimension', () => {
    const { records } = net();
    expect(valuesOf(records, 'b', 'club', asOf)).toEqual(['club-retail']);
    expect(valuesOf(records, 'b', 'attributes.club', asOf)).toEqual(['club-retail']);
    expect(valuesOf(records, 'b', 'constructor', asOf)).toEqual([]);
  });

  it('when the dimensions in use are listed, then each attribute has one unambiguous name', () => {
    expect(dimensionsOf(net().records)).toEqual(['industry', 'profession', 'location', 'company', 'title', 'group', 'attributes.attributes.x', 'club', 'attributes.group', 'attributes.industry']);
  });

  it('when the person metrics are asked on both industries, then each counts its own values', () => {
    const { engine } = net();
    expect(engine.personMetrics('me', { asOf, dimension: 'industry' }).diversity.industry!.counts).toEqual({ tax: 2, law: 1 });
    expect(engine.personMetrics('me', { asOf, dimension: 'attributes.industry' }).diversity['attributes.industry']!.counts).toEqual({ fintech: 1, retail: 1, energy: 1 });
    const gap = engine.diversityGap({ person: 'me' }, 'attributes.industry', { asOf });
    expect(gap.shares.map((s) => s.category).sort()).toEqual(['energy', 'fintech', 'retail']);
  });

  it('when an attribute is sensitive, then it is so under either name', () => {
    const policy = privacyPolicy({ SENSITIVE_ATTRIBUTES: 'religion,industry' });
    expect(isSensitive(policy, 'religion')).toBe(true);
    expect(isSensitive(policy, 'attributes.religion')).toBe(true);
    expect(isSensitive(policy, 'attributes.industry')).toBe(true);
    expect(isSensitive(policy, 'industry')).toBe(true);
    expect(isSensitive(policy, 'club')).toBe(false);
    const onlyAttr = privacyPolicy({ SENSITIVE_ATTRIBUTES: 'attributes.industry' });
    expect(isSensitive(onlyAttr, 'attributes.industry')).toBe(true);
    expect(isSensitive(onlyAttr, 'industry')).toBe(false);
  });
});

describe('which attributes are dimensions', () => {
  it('when attribute values are repeating category labels, then the attribute is a dimension; URLs, emails, phone numbers, dates, notes and all-distinct values are not', () => {
    expect(isCategoryAttribute(['Rotary', 'Lions', 'Rotary'])).toBe(true);
    expect(isCategoryAttribute(['https://www.linkedin.com/in/a', 'https://www.linkedin.com/in/a'])).toBe(false);
    expect(isCategoryAttribute(['a@x.example', 'a@x.example'])).toBe(false);
    expect(isCategoryAttribute(['+49 30 1234567', '+49 30 1234567'])).toBe(false);
    expect(isCategoryAttribute(['2024-03-15', '2024-03-15'])).toBe(false);
    expect(isCategoryAttribute(['15 Mar 2024', '15 Mar 2024'])).toBe(false);
    expect(isCategoryAttribute(['Sales', 'Marketing', 'Finance'])).toBe(false); // nobody shares one: no categories to compare
    expect(isCategoryAttribute([`${'a long note '.repeat(10)}`, `${'a long note '.repeat(10)}`])).toBe(false);
  });

  it('when people carry imported LinkedIn URLs, connection dates and a club, then only the club is offered as a dimension', () => {
    const p = (id: string, club: string, day: string) => ({ id, name: id, attributes: { linkedin: `https://www.linkedin.com/in/${id}`, connectedOn: day, club } });
    const { records } = testNetwork({ people: [p('a', 'Rotary', '2024-03-15'), p('b', 'Rotary', '2024-03-15'), p('c', 'Lions', '2024-04-01')], interactions: [] });
    expect(dimensionsOf(records)).toEqual(['industry', 'profession', 'location', 'company', 'title', 'group', 'club']);
  });
});


describe('dimension names a viewer may know', () => {
  // x and y are withheld from the viewer (another member's private contacts): only they hold `secret`;
  // `club` repeats only because y shares a's club, and `note` is a URL only for x.
  const p = (id: string, attributes: Record<string, string>) => ({ id, name: id, attributes });
  const net = () =>
    testNetwork({
      people: [
        p('me', { club: 'Rotary', note: 'kind' }),
        p('a', { club: 'Lions', note: 'kind' }),
        p('x', { secret: 'Umbra', note: 'https://x.example' }),
        p('y', { secret: 'Umbra', club: 'Lions' }),
      ],
      interactions: [met('me', 'a', T), met('me', 'x', T), met('me', 'y', T)],
    });
  const sees = (id: string) => id !== 'x' && id !== 'y';
  const unknownOf = (f: () => void) => {
    try {
      f();
    } catch (err) {
      expect(err).toBeInstanceOf(DimensionInputError);
      return { message: (err as DimensionInputError).message, unknown: (err as DimensionInputError).unknown };
    }
    throw new Error('expected a DimensionInputError');
  };

  it('when a viewer is withheld from some people, then the dimensions offered are those of the people they see, as if the others were not there', () => {
    const { records } = net();
    expect(dimensionsOf(records)).toEqual(['industry', 'profession', 'location', 'company', 'title', 'group', 'club', 'secret']);
    // club no longer repeats, note is all labels and repeats once x is gone, secret has no holder
    expect(dimensionsOf(records, sees)).toEqual(['industry', 'profession', 'location', 'company', 'title', 'group', 'note']);
    expect(dimensionsOf(records, () => true)).toEqual(dimensionsOf(records));
  });

  it('when a viewer names a key only withheld people hold, then it is the error of a key nobody has; near misses and the list leave it out', () => {
    const { records } = net();
    expect(() => requireDimension(records, 'secret')).not.toThrow();
    expect(() => requireDimension(records, 'club', { sees })).not.toThrow();
    const held = unknownOf(() => requireDimension(records, 'secret', { sees }));
    const nobody = unknownOf(() => requireDimension(records, 'zzzzzz', { sees }));
    expect(held.message.replaceAll('secret', 'zzzzzz')).toBe(nobody.message);
    expect(held.unknown).toEqual([{ value: 'secret', didYouMean: [] }]);
    expect(unknownOf(() => requireDimension(records, 'secrte', { sees, parameter: 'where' })).unknown).toEqual([{ value: 'secrte', didYouMean: [] }]);
    expect(unknownOf(() => requireDimension(records, 'secrte')).unknown).toEqual([{ value: 'secrte', didYouMean: ['secret'] }]);
  });

  it("when a viewer asks a person's metrics on every dimension, then the diversity is on theirs, the memo's answer for everyone unchanged", () => {
    const { engine } = net();
    const all = engine.personMetrics('me', { asOf });
    expect(Object.keys(engine.personMetrics('me', { asOf, sees }).diversity)).toEqual(['industry', 'profession', 'location', 'company', 'title', 'group', 'note']);
    // a dimension only the viewer is offered is computed as when they ask for it alone (the URL
    // only x holds is counted, not named: nameableCategories)
    expect(engine.personMetrics('me', { asOf, sees }).diversity.note).toEqual(net().engine.personMetrics('me', { asOf, dimension: 'note', sees }).diversity.note);
    expect(engine.personMetrics('me', { asOf, sees }).diversity.note).toMatchObject({ counts: { kind: 1 }, unnamed: 1, richness: 2 });
    expect(engine.personMetrics('me', { asOf })).toEqual(all);
    expect(Object.keys(all.diversity)).toContain('secret');
    expect(() => engine.personMetrics('me', { asOf, dimension: 'secret', sees })).toThrow(DimensionInputError);
    expect(() => engine.introductions('me', { asOf, dimension: 'secret', sees })).toThrow(DimensionInputError);
    expect(() => engine.diversityGap({ person: 'me' }, 'secret', { asOf, sees })).toThrow(DimensionInputError);
    expect(engine.personMetrics('me', { asOf, dimension: 'secret' }).diversity.secret!.counts).toEqual({ Umbra: 2 });
  });

  it('when a category is held only by people withheld from the viewer, then it is not nameable to them; one someone they see holds is, wherever that person is', () => {
    const { records } = net();
    const named = nameableCategories(records, 'club', asOf, sees);
    expect(['Lions', 'Rotary', 'Umbra', 'nobody'].map(named)).toEqual([true, true, false, false]);
    // me, the only Rotary member, is nobody's contact here: found in the whole network
    expect(nameableCategories(records, 'club', asOf, sees)('Rotary')).toBe(true);
    expect(nameableCategories(records, 'secret', asOf, sees)('Umbra')).toBe(false);
    expect(nameableCategories(records, 'secret', asOf, () => true)('Umbra')).toBe(true);
  });

  it('when group memberships are dated, then a group is nameable as of the date asked', () => {
    const n = testNetwork({
      people: [p('me', {}), p('x', {})],
      groups: [{ id: 'g', name: 'g' }],
      memberships: [{ person: 'me', group: 'g', since: '2024-06-01' }, { person: 'x', group: 'g' }],
      interactions: [met('me', 'x', T)],
    });
    expect(nameableCategories(n.records, 'group', Date.parse('2024-01-01'), sees)('g')).toBe(false);
    expect(nameableCategories(n.records, 'group', Date.parse('2024-07-01'), sees)('g')).toBe(true);
  });
});

describe('dimensions and categories read from the holder index', () => {
  // The definitions, read from every person as the rules are worded (the index must agree).
  const scan = (records: TestNetwork['records'], sees: (id: string) => boolean) => {
    const people = [...records.maps.person.values()].filter((x) => sees(x.id));
    const keys = [...new Set(people.flatMap((x) => Object.keys(x.attributes ?? {})))];
    const valuesOfKey = (k: string) => people.flatMap((x) => (typeof x.attributes?.[k] === 'string' && x.attributes[k] !== '' ? [x.attributes[k]] : []));
    return {
      dimensions: keys.filter((k) => isCategoryAttribute(valuesOfKey(k))),
      hasKey: (k: string) => people.some((x) => x.attributes !== undefined && Object.hasOwn(x.attributes, k)),
      categories: (d: string) => [...new Set(people.flatMap((x) => valuesOf(records, x.id, d, asOf)))].sort(),
    };
  };
  const value = fc.constantFrom('', 'Rotary', 'Lions', 'https://x.example', 'a@b.example', 'law', 'Law', 'LÄW');
  const attributes = fc.dictionary(fc.constantFrom('club', 'note', 'constructor', 'toString'), value, { maxKeys: 3 });
  const person = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e'), industry: value, attributes }).map(({ id, industry, attributes }) => ({ id, name: id, industry, attributes }));

  it('when people come, change and go, then dimensions, known keys, categories and their holders are those of the people the viewer sees, at every step', () => {
    fc.assert(
      fc.property(fc.uniqueArray(person, { selector: (x) => x.id }), fc.array(person, { maxLength: 6 }), fc.subarray(['a', 'b', 'c', 'd', 'e']), (people, puts, withheld) => {
        const n = testNetwork({ people });
        const sees = (id: string) => !withheld.includes(id);
        const check = () => {
          for (const viewer of [sees, () => true]) {
            const expected = scan(n.records, viewer);
            const offered = dimensionsOf(n.records, viewer === sees ? sees : undefined).slice(6);
            expect(offered).toEqual(expected.dimensions.sort());
            for (const k of ['club', 'note', 'constructor', 'toString', 'zzz']) {
              const known = (() => {
                try {
                  requireDimension(n.records, `attributes.${k}`, { sees: viewer });
                  return true;
                } catch {
                  return false;
                }
              })();
              expect(known, k).toBe(expected.hasKey(k));
            }
            for (const d of ['industry', 'attributes.club', 'attributes.constructor']) {
              const all = expected.categories(d);
              const named = nameableCategories(n.records, d, asOf, viewer);
              expect(['Rotary', 'Lions', 'law', 'https://x.example', 'nobody'].filter(named), d).toEqual(['Rotary', 'Lions', 'law', 'https://x.example'].filter((c) => all.includes(c)));
              if (all.length > 0) expect(resolveCategories(n.records, d, all, asOf, { parameter: 'where', sees: viewer }).sort()).toEqual(all);
              // Words in any case and accent are matched as matchCategories matches them among all
              // the categories the viewer sees: the same spellings, or the same 400.
              for (const allowAbsent of d === 'industry' || expected.hasKey(d.slice('attributes.'.length)) ? [false, true] : []) {
                const outcome = (f: () => string[]) => {
                  try {
                    return f();
                  } catch (err) {
                    return (err as Error).message;
                  }
                };
                const words = ['LAW', 'rotary', 'läw', 'nobody'].slice(0, allowAbsent ? 4 : 3);
                const options = { parameter: 'where', allowAbsent };
                expect(outcome(() => resolveCategories(n.records, d, words, asOf, { ...options, sees: viewer })), d).toEqual(outcome(() => matchCategories(all, words, { ...options, dimension: d })));
              }
            }
          }
          for (const d of ['industry', 'attributes.club', 'attributes.constructor', 'attributes.toString']) {
            for (const c of ['Rotary', 'Lions', 'law', 'https://x.example', 'a@b.example', '', 'nobody']) {
              const holders = [...n.records.maps.person.keys()].filter((id) => valuesOf(n.records, id, d, asOf).includes(c));
              expect([...holdersOfCategory(n.records, d, c, asOf)].sort(), `${d} ${c}`).toEqual(holders.sort());
            }
          }
        };
        check();
        for (const record of puts) {
          n.records.apply({ op: 'put', kind: 'person', record });
          check();
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('the holders of a category', () => {
  it('when group memberships are dated, then a group is held by its members as of the date asked', () => {
    const n = testNetwork({
      people: [
        { id: 'a', name: 'a' },
        { id: 'b', name: 'b' },
        { id: 'c', name: 'c' },
      ],
      groups: [{ id: 'g', name: 'G' }],
      memberships: [
        { person: 'a', group: 'g', since: '2023-01-01' },
        { person: 'b', group: 'g', since: '2024-06-01' },
        { person: 'c', group: 'g', since: '2022-01-01', until: '2023-06-01' },
      ],
    });
    expect([...holdersOfCategory(n.records, 'group', 'g', asOf)]).toEqual(['a']);
    expect([...holdersOfCategory(n.records, 'group', 'g', Date.parse('2024-07-01'))].sort()).toEqual(['a', 'b']);
    expect([...holdersOfCategory(n.records, 'group', 'g', Date.parse('2023-03-01'))].sort()).toEqual(['a', 'c']);
    expect(holdersOfCategory(n.records, 'group', 'nope', asOf)).toEqual([]);
  });
});

describe('membershipActive', () => {
  const at = (iso: string) => Date.parse(iso);
  it('when a membership ends on a calendar date, then it is current through the whole of that day, and not after; since counts from the start of its day', () => {
    const m = { since: '2024-03-01', until: '2024-05-31' };
    expect(membershipActive(m, at('2024-02-29T23:59:59.999Z'))).toBe(false);
    expect(membershipActive(m, at('2024-03-01T00:00:00.000Z'))).toBe(true);
    expect(membershipActive(m, at('2024-05-31T00:00:00.000Z'))).toBe(true);
    expect(membershipActive(m, at('2024-05-31T23:59:59.999Z'))).toBe(true);
    expect(membershipActive(m, at('2024-06-01T00:00:00.000Z'))).toBe(false);
  });
  it('when until is a date-time, then it ends at that instant', () => {
    const m = { until: '2024-05-31T12:00:00Z' };
    expect(membershipActive(m, at('2024-05-31T12:00:00.000Z'))).toBe(true);
    expect(membershipActive(m, at('2024-05-31T12:00:00.001Z'))).toBe(false);
    expect(membershipActive({}, at('1900-01-01T00:00:00Z'))).toBe(true);
  });
});
