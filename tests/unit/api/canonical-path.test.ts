/**
 * canonicalPath is the one spelling scopes are decided on: every respelling a client or proxy may
 * send of a path maps to the same canonical form, and a malformed escape is refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedPathError, canonicalPath, isUnder } from '../../../api/canonical-path.js';
import { requiredScope } from '../../../api/security/auth-guard.js';

const segment = fc.stringMatching(/^[a-z0-9_-]{1,12}$/);
const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => `/${s.join('/')}`);
const encode = (c: string) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** Respellings: each character may change case or be percent-encoded, each slash may double, a trailing slash or dot segment may appear. */
const respelling = (p: string) =>
  fc
    .tuple(
      fc.array(fc.constantFrom('keep', 'upper', 'encode', 'encode-upper-hex'), { minLength: p.length, maxLength: p.length }),
      fc.array(fc.constantFrom('/', '//', '/./', '/zz/../', '%2F'), { minLength: p.length, maxLength: p.length }),
      fc.boolean(),
    )
    .map(([ways, slashes, trailing]) => {
      const out = [...p].map((c, i) =>
        c === '/' ? (i === 0 ? '/' : slashes[i]!) : ways[i] === 'upper' ? c.toUpperCase() : ways[i] === 'encode' ? encode(c) : ways[i] === 'encode-upper-hex' ? encode(c).toUpperCase() : c,
      );
      return out.join('') + (trailing ? '/' : '');
    });

describe('canonicalPath', () => {
  it('property: every respelling of a path has the canonical form of the path', () => {
    fc.assert(fc.property(path.chain((p) => fc.tuple(fc.constant(p), respelling(p))), ([p, variant]) => {
        expect(canonicalPath(variant)).toBe(canonicalPath(p));
      }), { numRuns: 2000 });
  });

  it('property: every respelling of an admin path needs the admin scope, whatever the method', () => {
    fc.assert(
      fc.property(
        path.chain((rest) => respelling(`/api/admin${rest}`)),
        fc.constantFrom('GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'),
        (p, method) => {
          expect(requiredScope({ method, path: p })).toBe('admin');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('when a dot-dot could lead into or out of /api/admin, then the larger scope wins', () => {
    expect(requiredScope({ method: 'GET', path: '/api/people/../admin/keys' })).toBe('admin');
    expect(requiredScope({ method: 'GET', path: '/api/admin/../people' })).toBe('admin');
    expect(requiredScope({ method: 'GET', path: '/api/people/p1' })).toBe('read');
    expect(requiredScope({ method: 'DELETE', path: '/api/administrators' })).toBe('write');
  });

  it('when an escape is truncated, not hex, or not UTF-8, then it is refused', () => {
    for (const bad of ['/%', '/a%2', '/%zz', '/%C0%80', '/%ED%A0%80', '/%FF', '/%E0%A4%A']) expect(() => canonicalPath(bad), bad).toThrow(MalformedPathError);
  });

  it('isUnder matches whole segments only', () => {
    expect(isUnder('/api', '/api')).toBe(true);
    expect(isUnder('/api/x', '/api')).toBe(true);
    expect(isUnder('/apix', '/api')).toBe(false);
  });
});
