import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { workspace } from './run-cli.js';

/** A workspace holding Rita, who knows Carl, who knows Tara (the intro commands' network). */
export async function threePeople() {
  const ws = await workspace();
  const doc = {
    people: [{ id: 'r', name: 'Rita Requester' }, { id: 'c', name: 'Carl Connector' }, { id: 't', name: 'Tara Target' }],
    interactions: [
      { id: 'i1', a: 'r', b: 'c', kind: 'call', at: '2024-01-01' },
      { id: 'i2', a: 'c', b: 't', kind: 'met', at: '2024-01-02' },
    ],
  };
  await writeFile(join(ws.dir, 'doc.json'), JSON.stringify(doc));
  expect((await ws.run(['import', 'doc.json'])).code).toBe(0);
  return ws;
}
