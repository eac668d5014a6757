/**
 * pino `redact` paths for secrets that could reach a log line: request headers carrying API keys or
 * cookies, wherever a request or its headers get logged, and passwords, password hashes and CSRF
 * tokens wherever an object holding one gets logged. The request serializer of api/app.ts
 * already logs no headers; this is the second line of defence for any other log call.
 */
import type { LoggerOptions } from 'pino';

const SECRET_HEADERS = ['authorization', 'x-api-key', 'cookie', 'set-cookie', 'proxy-authorization'];

/** Secrets by field name, at the top of a log object or one level down: tokens, passwords, password hashes, CSRF tokens. */
const SECRET_FIELDS = ['token', 'apiKey', 'key.token', 'password', '*.password', 'hash', '*.hash', 'passwordHash', '*.passwordHash', 'csrfToken', '*.csrfToken', 'body.password', 'req.body.password'];

/** Redaction options to spread into pino({...}). */
export const LOG_REDACTION: Pick<LoggerOptions, 'redact'> = {
  redact: {
    paths: ['req.headers', 'request.headers', 'res.headers', 'headers', 'err.config.headers'].flatMap((base) => SECRET_HEADERS.map((h) => `${base}["${h}"]`)).concat(SECRET_FIELDS),
    censor: '[redacted]',
  },
};
