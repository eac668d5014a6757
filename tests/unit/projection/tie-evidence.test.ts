import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addEvidence, appendEvidence, firstEvidence, isEmptyEvidence, removeEvidence, type EvidenceKind, type TieEvidence } from '../../../graph/projection/tie-evidence.js';

const KINDS: EvidenceKind[] = ['interactions', 'referrals', 'events'];

describe('tie evidence', () => {
  it('when an id is added, then it is listed under its kind once; a second add says it was there', () => {
    const e: TieEvidence = {};
    expect(addEvidence(e, 'referrals', 'r1')).toBe(true);
    expect(addEvidence(e, 'referrals', 'r1')).toBe(false);
    expect(addEvidence(e, 'events', 'r1')).toBe(true);
    expect(e).toEqual({ referrals: ['r1'], events: ['r1'] });
  });

  it('when a tie starts with one record of any kind, then its evidence is that one id as addEvidence would list it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor')), (kind, id) => {
        const expected: TieEvidence = {};
        addEvidence(expected, kind, id);
        const e = firstEvidence(kind, id);
        expect(e).toEqual(expected);
        expect(Object.keys(e)).toEqual([kind]);
        expect(addEvidence(e, kind, id)).toBe(false);
      }),
    );
  });

  it('when the last id of a kind is removed, then the kind goes; removing an absent id says so', () => {
    const e: TieEvidence = { interactions: ['i1', 'i2'] };
    expect(removeEvidence(e, 'interactions', 'i1')).toBe(true);
    expect(e).toEqual({ interactions: ['i2'] });
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
          for (const k of KINDS) expect([...(e[k] ?? [])].sort()).toEqual([...model.get(k)!].sort());
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
        expect(built[kind]).toEqual(ids);
        expect(added[kind]).toEqual(ids);
      }),
      { numRuns: 200 },
    );
  });
});
