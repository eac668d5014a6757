/**
 * Local mode: the server is bound to a loopback address and no key was ever created (the keys file
 * is absent or empty; all keys revoked is not "none", it locks the server) — the default of
 * `npm start`, where only programs on this machine can connect. Any other address needs keys; with
 * none, the server refuses to start rather than serve personal data to whoever can reach it.
 */
import { isIP } from 'node:net';
import { ConfigError } from '../config.js';

/** True for 127.0.0.0/8, ::1, ::ffff:127.x and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h) || /^0*:0*:0*:0*:0*:0*:0*:0*1$/.test(h);
  return false;
}

/** Throws (the entry point prints it and exits 1) when a non-loopback bind has no usable key. */
export function assertSafeBinding(host: string, activeKeys: number, keysFile: string, keyFileProblem?: string): void {
  if (keyFileProblem) throw new ConfigError(`refusing to start: the API keys file is unusable: ${keyFileProblem}`);
  if (isLoopbackHost(host) || activeKeys > 0) return;
  throw new ConfigError(
    `refusing to start: HOST=${host} is reachable from other machines and no API key is configured, ` +
      'so anyone who can reach it could read and change the network.\n' +
      `  Create a key first:  npm run refnet -- keys create --scope admin --name <who>   (keys file: ${keysFile})\n` +
      '  or bind to this machine only:  HOST=127.0.0.1',
  );
}
