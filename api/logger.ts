/**
 * The service logger (pino): JSON lines for log collectors, human-readable lines (pino-pretty) when
 * stdout is a terminal. LOG_FORMAT=json or pretty forces one. pino-pretty is formatted in this
 * process (no transport thread), so nothing is lost when the process exits.
 */
import type { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';
import type { Config } from './config.js';
import { LOG_REDACTION } from './security/index.js';

type Out = Writable & { isTTY?: boolean };

/** The logger for a configuration; `out` is where lines go (stdout; tests pass a stream). */
export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'LOG_FORMAT'>, out: Out = process.stdout): Logger {
  const options = { level: config.LOG_LEVEL, ...LOG_REDACTION };
  const pretty = config.LOG_FORMAT === 'pretty' || (config.LOG_FORMAT === 'auto' && out.isTTY === true && config.LOG_LEVEL !== 'silent');
  if (!pretty) return out === process.stdout ? pino(options) : pino(options, out);
  return pino(options, PinoPretty({ destination: out, colorize: out.isTTY === true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true }));
}
