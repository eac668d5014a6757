/**
 * `refnet report diversity-gap --target` with an empty list or an empty item is refused before any
 * store is opened, worded as the server's 400 on `target` (the same schema): never read as "compare
 * with the whole network", never an item dropped. Exit 2 (invalid input), a message and a hint.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { workspace } from './run-cli.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

type Workspace = Awaited<ReturnType<typeof workspace>>;
let ws: Workspace;
beforeAll(async () => {
  ws = await workspace();
});
afterAll(() => ws?.cleanup());

describe('report diversity-gap --target', () => {
  it('when the list or one of its items is empty, then exit 2 naming target, whatever the data directory holds', async () => {
    for (const target of ['', ' ', 'law,,tech', 'law,', ',law']) {
      const r = await ws.run(['report', 'diversity-gap', '--person', 'Someone', '-d', 'industry', '--target', target]);
      expect(r.code, `${JSON.stringify(target)}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/target/);
      expect(r.stderr).toMatch(/empty/);
      expect(r.stderr).toMatch(/^hint: give the categories separated by commas/m);
      expect(r.stdout).toBe('');
    }
  });
});
