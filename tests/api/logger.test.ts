/**
 * The service logger: human-readable lines on a terminal, JSON lines otherwise, either forced by
 * LOG_FORMAT; secrets redacted in both.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../api/logger.js';

function output(isTTY: boolean) {
  const out = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { out, text: () => text };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createLogger', () => {
  it('when stdout is a terminal, then lines are human-readable with the message and level, and headers are still redacted', async () => {
    const o = output(true);
    const logger = createLogger({ LOG_LEVEL: 'info', LOG_FORMAT: 'auto' }, o.out);
    logger.info({ req: { headers: { authorization: 'Bearer rnk_secret' } } }, 'listening on http://127.0.0.1:3000');
    await settle();
    expect(o.text()).toMatch(/INFO.*listening on http:\/\/127\.0\.0\.1:3000/);
    expect(() => JSON.parse(o.text().split('\n')[0]!)).toThrow();
    expect(o.text()).not.toContain('rnk_secret');
  });

  it('when stdout is not a terminal, or LOG_FORMAT=json on one, then every line is JSON', async () => {
    for (const [isTTY, format] of [[false, 'auto'], [true, 'json']] as const) {
      const o = output(isTTY);
      const logger = createLogger({ LOG_LEVEL: 'info', LOG_FORMAT: format }, o.out);
      logger.info({ n: 1 }, 'hello');
      await settle();
      expect(JSON.parse(o.text().trim())).toMatchObject({ level: 30, msg: 'hello', n: 1 });
    }
  });

  it('when LOG_FORMAT=pretty and stdout is not a terminal, then lines are human-readable without colour codes', async () => {
    const o = output(false);
    const logger = createLogger({ LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' }, o.out);
    logger.warn('careful');
    await settle();
    expect(o.text()).toMatch(/WARN.*careful/);
    expect(o.text()).not.toContain('\u001b[');
  });
});
