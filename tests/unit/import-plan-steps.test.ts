/**
 * The document import plan runs in time slices (graph/service/import-document.ts planDocumentImportSteps):
 * it must pause inside a large document and reach the same plan, or the same problems, as when
 * run straight through.
 */
import { describe, expect, it } from 'vitest';
import { RecordSet } from '../../graph/record-set.js';
import { ValidationError } from '../../graph/service/errors.js';
import { planDocumentImport, planDocumentImportSteps } from '../../graph/service/import-document.js';
import { STEP_EVERY } from '../../graph/support/time-slices.js';

/** Runs the steps, counting the pause points; returns the plan or the thrown error. */
function stepped(input: unknown): { pauses: number; outcome: unknown } {
  const steps = planDocumentImportSteps(input, new RecordSet());
  let pauses = 0;
  try {
    for (;;) {
      const r = steps.next();
      if (r.done) return { pauses, outcome: r.value };
      pauses++;
    }
  } catch (err) {
    return { pauses, outcome: err };
  }
}

const atOnce = (input: unknown): unknown => {
  try {
    return planDocumentImport(input, new RecordSet());
  } catch (err) {
    return err;
  }
};

describe('import plan in steps', () => {
  const n = STEP_EVERY * 8;
  const people = Array.from({ length: n }, (_, i) => ({ id: `p${i}`, name: `P${i}` }));
  const interactions = people.slice(1).map((p, i) => ({ a: people[i]!.id, b: p.id, at: '2024-01-01', kind: 'call' }));

  it('when a large valid document is planned, then the steps pause many times and give the same plan', () => {
    const { pauses, outcome } = stepped({ people, interactions });
    expect(pauses).toBeGreaterThanOrEqual(8);
    expect(outcome).toStrictEqual(atOnce({ people, interactions }));
    expect((outcome as { changes: unknown[] }).changes).toHaveLength(people.length + interactions.length);
  });

  it('when a large document has duplicates and unknown references, then the steps report the same problems', () => {
    const bad = { people: [...people, { id: 'p3', name: 'Again' }], interactions: [...interactions, { a: 'p1', b: 'ghost', at: '2024-01-01', kind: 'call' }] };
    const { pauses, outcome } = stepped(bad);
    expect(pauses).toBeGreaterThanOrEqual(8);
    expect(outcome).toBeInstanceOf(ValidationError);
    expect((outcome as ValidationError).issues).toStrictEqual((atOnce(bad) as ValidationError).issues);
    expect((outcome as ValidationError).issues.map((i) => i.path)).toStrictEqual([`/people/${n}/id`, `/interactions/${n - 1}/b`]);
  });
});
