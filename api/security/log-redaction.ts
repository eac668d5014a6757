/**
 * pino `redact` paths for secrets that could reach a log line: request headers carrying API keys or
 * cookies, wherever a request or its headers get logged. The request serializer of api/app.ts
 * already logs no headers; this is the second line of defence for any other log call.
 */
import type { LoggerOptions } from 'pino';

const SECRET_HEADERS = ['authorization', 'x-api-key', 'cookie', 'set-cookie', 'proxy-authorization'];

/** Redaction options to spread into pino({...}). */
export const LOG_REDACTION: Pick<LoggerOptions, 'redact'> = {
  redact: {
    paths: ['req.headers', 'request.headers', 'res.headers', 'headers', 'err.config.headers'].flatMap((base) => SECRET_HEADERS.map((h) => `${base}["${h}"]`)).concat(['token', 'apiKey', 'key.token']),
    censor: '[redacted]',
  },
};
