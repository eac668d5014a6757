import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addEvidence, appendEvidence, firstEvidence, idAt, idCount, idList, isEmptyEvidence, removeEvidence, type EvidenceKind, type TieEvidence } from '../../../graph/projection/tie-evidence.js';

const KINDS: EvidenceKind[] = ['interactions', 'referrals', 'events'];

describe('tie evidence', () => {
  it('when an id is added, then it is held under its kind once, as itself while it is the only one; a second add says it was there', () => {
    const e: TieEvidence = {};
    expect(addEvidence(e, 'referrals', 'r1')).toBe(true);
    expect(addEvidence(e, 'referrals', 'r1')).toBe(false);
    expect(addEvidence(e, 'events', 'r1')).toBe(true);
    expect(e).toEqual({ referrals: 'r1', events: 'r1' });
    expect(addEvidence(e, 'events', 'r2')).toBe(true);
    expect(e).toEqual({ referrals: 'r1', events: ['r1', 'r2'] });
    expect([idCount(e.referrals), idAt(e.referrals!, 0), idCount(e.events), idAt(e.events!, 1), idCount(e.interactions)]).toEqual([1, 'r1', 2, 'r2', 0]);
  });

  it('when a tie starts with one record of any kind, then its evidence is that one id as addEvidence would list it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor')), (kind, id) => {
        const expected: TieEvidence = {};
        addEvidence(expected, kind, id);
        const e = firstEvidence(kind, id);
        expect(e).toEqual(expected);
        expect(e[kind]).toBe(id);
        expect(Object.keys(e)).toEqual([kind]);
        expect(addEvidence(e, kind, id)).toBe(false);
      }),
    );
  });

  it('when the last id of a kind is removed, then the kind goes; removing an absent id says so', () => {
    const e: TieEvidence = { interactions: ['i1', 'i2'] };
    expect(removeEvidence(e, 'interactions', 'i1')).toBe(true);
    expect(e).toEqual({ interactions: 'i2' });
    expect(removeEvidence(e, 'interactions', 'i1')).toBe(false);
    expect(removeEvidence(e, 'events', 'i2')).toBe(false);
    expect(removeEvidence(e, 'interactions', 'i2')).toBe(true);
    expect(Object.keys(e)).toEqual([]);
    expect(isEmptyEvidence(e)).toBe(true);
  });

  it('when ids are named like JavaScript built-ins, then they are ids like any', () => {
    const e: TieEvidence = {};
    addEvidence(e, 'interactions', '__proto__');
    addEvidence(e, 'interactions', 'constructor');
    expect(e.interactions).toEqual(['__proto__', 'constructor']);
    expect(removeEvidence(e, 'interactions', 'toString')).toBe(false);
  });

  it('when ids are added and removed at random, then the evidence is the model’s sets and empty exactly when they all are', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.constantFrom(...KINDS), fc.constantFrom('a', 'b', 'c', '__proto__')), { maxLength: 50 }), (ops) => {
        const e: TieEvidence = {};
        const model = new Map<EvidenceKind, Set<string>>(KINDS.map((k) => [k, new Set<string>()]));
        for (const [add, kind, id] of ops) {
          const was = model.get(kind)!.has(id);
          if (add) {
            expect(addEvidence(e, kind, id)).toBe(!was);
            model.get(kind)!.add(id);
          } else {
            expect(removeEvidence(e, kind, id)).toBe(was);
            model.get(kind)!.delete(id);
          }
          for (const k of KINDS) {
            expect([...idList(e[k])].sort()).toEqual([...model.get(k)!].sort());
            // one id is held as itself, never as a list of one
            expect(typeof e[k] === 'string' || e[k] === undefined || e[k].length >= 2).toBe(true);
          }
          expect(isEmptyEvidence(e)).toBe(KINDS.every((k) => model.get(k)!.size === 0));
        }
      }),
      { numRuns: 300 },
    );
  });
  it('when ids are added past the length kept exact, then every list holds them in the order added, each once', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 4 }), { minLength: 1, maxLength: 60, size: 'max' }), fc.constantFrom(...KINDS), (ids, kind) => {
        const built: TieEvidence = {};
        const added: TieEvidence = {};
        for (const id of ids) {
          appendEvidence(built, kind, id);
          expect(addEvidence(added, kind, id)).toBe(true);
        }
        for (const id of ids) expect(addEvidence(added, kind, id)).toBe(false);
        expect(idList(built[kind])).toEqual(ids);
        expect(idList(added[kind])).toEqual(ids);
      }),
      { numRuns: 200 },
    );
  });
});
