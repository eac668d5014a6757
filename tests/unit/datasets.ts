/**
 * Test datasets as network documents: the JSON fixtures, and SNAP email-Eu-core mapped to
 * referrals (each arc sender → receiver one referral, self-loops dropped because refnet rejects a
 * referral to oneself; department as the attribute `department`), as
 * scripts/fixtures/compute-expected.py reads them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NetworkDocumentInput } from '../../graph/schema.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export type DatasetName = 'karate' | 'davis' | 'florentine' | 'email-eu-core';

/** The document of a dataset. */
export function datasetDocument(name: DatasetName): NetworkDocumentInput {
  if (name !== 'email-eu-core') return JSON.parse(readFileSync(`${FIXTURES}${name}.json`, 'utf8')) as NetworkDocumentInput;
  const lines = (file: string) =>
    readFileSync(`${FIXTURES}email-eu-core/${file}`, 'utf8')
      .split(/\r*\n/)
      .map((l) => l.trim().split(/\s+/))
      .filter((p) => p.length === 2);
  const people = lines('email-Eu-core-department-labels.txt').map(([id, dept]) => ({ id: `e${id}`, name: `e${id}`, attributes: { department: dept! } }));
  const referrals = lines('email-Eu-core.txt')
    .filter(([a, b]) => a !== b)
    .map(([a, b], i) => ({ id: `email-${i}`, from: `e${a}`, to: `e${b}`, at: '2024-01-01', status: 'passed' as const }));
  return { people, referrals };
}

export interface Expected {
  people: number;
  ties: number;
  referralArcs: number;
  degree: Record<string, number>;
  betweenness: Record<string, number>;
  effectiveSize: Record<string, number | null>;
  constraint: Record<string, number | null>;
  hops: Record<string, Record<string, number>>;
  diversity?: { dimension: string; byPerson: Record<string, { richness: number; shannon: number | null; evenness: number | null; blau: number | null; iqv: number | null }> };
  reciprocity?: { edge: number; rho: number; arcs: number };
  provenance: { networkx: string; command: string; date: string };
}

/** The networkx expectations committed for a dataset. */
export function expected(name: DatasetName): Expected {
  return JSON.parse(readFileSync(`${FIXTURES}expected/${name}.json`, 'utf8')) as Expected;
}

/** |a − b| ≤ 1e-9 (absolute, values are normalised to [0, ~1] or small counts), nulls equal. */
export function close(a: number | null | undefined, b: number | null | undefined, tol = 1e-9): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}
