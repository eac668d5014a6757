/**
 * The service logger (pino): JSON lines for log collectors, human-readable lines (pino-pretty) when
 * stdout is a terminal. LOG_FORMAT=json or pretty forces one. pino-pretty is formatted in this
 * process (no transport thread), so nothing is lost when the process exits. It is a development
 * dependency for now: where it is not installed (npm ci --omit=dev) the logs stay JSON and a
 * warning says why.
 */
import type { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import type { Config } from './config.js';
import { LOG_REDACTION } from './security/index.js';

type Out = Writable & { isTTY?: boolean };

/** The logger for a configuration; `out` is where lines go (stdout; tests pass a stream). */
export async function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'LOG_FORMAT'>, out: Out = process.stdout): Promise<Logger> {
  const options = { level: config.LOG_LEVEL, ...LOG_REDACTION };
  const json = () => (out === process.stdout ? pino(options) : pino(options, out));
  const pretty = config.LOG_FORMAT === 'pretty' || (config.LOG_FORMAT === 'auto' && out.isTTY === true && config.LOG_LEVEL !== 'silent');
  if (!pretty) return json();
  let build: (typeof import('pino-pretty'))['PinoPretty'];
  try {
    build = (await import('pino-pretty')).PinoPretty;
  } catch {
    const logger = json();
    logger.warn('pino-pretty is not installed: logging JSON lines');
    return logger;
  }
  return pino(options, build({ destination: out, colorize: out.isTTY === true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true }));
}
