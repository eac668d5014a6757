/**
 * Property-based tests of the import validator and the import/export round trip (fast-check):
 * random input never crashes validation — it is accepted or rejected with a list of problems,
 * each with a path and a message — and every accepted document comes back out of the real
 * service and store as it went in, and re-imports as a fixpoint.
 */
import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRefnet } from '../../api/compose.js';
import { loadConfig } from '../../api/config.js';
import { RecordSet } from '../../graph/record-set.js';
import { exportedDocument, networkDocumentSchema, type ExportedDocument, type NetworkDocument } from '../../graph/schema.js';
import { ValidationError } from '../../graph/service/errors.js';
import { planDocumentImport } from '../../graph/service/import-document.js';
import { startTestApi, type TestApi } from '../api/harness.js';
import { anyJson, corruptedDocument, validDocument } from './arbitraries.js';

/** planDocumentImport's contract: a plan, or a ValidationError with well-formed issues — nothing else. */
function validateOutcome(input: unknown): 'accepted' | 'rejected' {
  try {
    planDocumentImport(input, new RecordSet());
    return 'accepted';
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    const issues = (err as ValidationError).issues;
    expect(issues.length).toBeGreaterThan(0);
    for (const i of issues) {
      expect(typeof i.path).toBe('string');
      expect(i.message).toEqual(expect.any(String));
      expect(i.message.length).toBeGreaterThan(0);
    }
    return 'rejected';
  }
}

describe('import validator under random input', () => {
  it('when any JSON value is imported, then the validator returns a plan or a problem list and never throws anything else', () => {
    fc.assert(fc.property(anyJson, (input) => void validateOutcome(input)), { numRuns: 1500 });
  });

  it('when a valid document is corrupted in one place, then it is rejected (not crashed) unless the corruption was harmless', () => {
    let rejected = 0;
    fc.assert(
      fc.property(corruptedDocument, (input) => {
        if (validateOutcome(input) === 'rejected') rejected++;
      }),
      { numRuns: 800 },
    );
    // Most corruptions must be caught (a few — removing an optional field — are legitimately fine).
    expect(rejected).toBeGreaterThan(400);
  });

  it('when the generated documents are valid, then every one is accepted (the generator is honest)', () => {
    fc.assert(fc.property(validDocument, (doc) => {
        expect(validateOutcome(doc)).toBe('accepted');
      }), { numRuns: 300 });
  });
});

describe('import/export round trip through the real service and embedded store', () => {
  it('when an accepted document is imported into an empty store, then the export is that document (ids filled in) and re-importing changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(validDocument, async (doc) => {
        const dir = await mkdtemp(join(tmpdir(), 'refnet-prop-'));
        const refnet = await createRefnet(loadConfig({ REFNET_DATA: dir, LOG_LEVEL: 'silent' }), { logger: pino({ level: 'silent' }) });
        try {
          await refnet.service.importDocument(doc);
          const exported = await refnet.service.exportDocument();
          expect(withoutGeneratedIds(exported, doc)).toEqual(exportedDocument(networkDocumentSchema.parse(doc)));
          const again = await refnet.service.importDocument(JSON.parse(JSON.stringify(exported)));
          expect(Object.values(again.created).every((n) => n === 0) && Object.values(again.updated).every((n) => n === 0)).toBe(true);
          expect(await refnet.service.exportDocument()).toEqual(exported);
          const report = await refnet.service.importDocument(doc);
          expect(Object.values(report.created).every((n) => n === 0)).toBe(true);
        } finally {
          await refnet.close();
          await rm(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe('POST /api/import under random bodies', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('when random JSON bodies are posted, then every answer is 200 or a 400 problem listing errors — never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(anyJson, async (body) => {
        const r = await api.call('POST', '/api/import', JSON.stringify(body));
        expect([200, 400], JSON.stringify(r.body).slice(0, 300)).toContain(r.status);
        if (r.status === 400) expect(r.body.errors?.length ?? (r.body.detail ? 1 : 0)).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});

/** The export with the ids the service generated removed where the input had none (order is kept). */
function withoutGeneratedIds(exported: ExportedDocument, input: NetworkDocument): ExportedDocument {
  const strip = <T extends { id?: string }>(out: T[], given: { id?: string }[] | undefined) =>
    out.map((r, i) => {
      if (given?.[i]?.id !== undefined) return r;
      const { id: _generated, ...rest } = r;
      return rest as T;
    });
  return { ...exported, interactions: strip(exported.interactions, input.interactions), referrals: strip(exported.referrals, input.referrals) };
}
