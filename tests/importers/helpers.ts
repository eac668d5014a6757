/** Shared helpers for importer tests: fixture text, and an empty or given network to plan against. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeBytes } from '../../graph/importers/formats.js';
import type { ExistingNetwork } from '../../graph/importers/plan.js';
import type { Person, StoredInteraction, StoredReferral } from '../../graph/schema.js';

const ROOT = fileURLToPath(new URL('../fixtures/import/', import.meta.url));

/** A fixture file's text, decoded the way the CLI and API decode uploads. */
export function fixture(path: string): string {
  return decodeBytes(readFileSync(ROOT + path));
}

export function fixturePath(path: string): string {
  return ROOT + path;
}

/** A network to plan against. */
export function network(people: Person[] = [], interactions: StoredInteraction[] = [], referrals: StoredReferral[] = []): ExistingNetwork {
  return {
    people,
    interactions: new Map(interactions.map((i) => [i.id, i])),
    referrals: new Map(referrals.map((r) => [r.id, r])),
  };
}
