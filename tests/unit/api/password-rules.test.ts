import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN, passwordProblem } from '../../../api/security/password-rules.js';

describe('the one password rule', () => {
  it('counts characters as a person does: five emoji are five, not ten', () => {
    expect('😀'.repeat(5)).toHaveLength(10);
    expect(passwordProblem('😀'.repeat(5))).toBe(`a password needs at least ${PASSWORD_MIN} characters`);
    expect(passwordProblem('😀😁😂🤣😃😄😅😆😉😊')).toBeUndefined();
  });

  it('refuses spaces alone, whatever their kind', () => {
    for (const p of [' '.repeat(PASSWORD_MIN), ' \t'.repeat(PASSWORD_MIN), '\u00a0\u2003'.repeat(PASSWORD_MIN)]) expect(passwordProblem(p)).toBe('a password cannot be spaces alone');
  });

  it('refuses one character repeated, and takes a passphrase', () => {
    expect(passwordProblem('a'.repeat(PASSWORD_MIN + 5))).toBe('a password cannot be one character repeated');
    expect(passwordProblem('🔑'.repeat(PASSWORD_MIN))).toBe('a password cannot be one character repeated');
    expect(passwordProblem('correct horse battery')).toBeUndefined();
  });

  it('when a password is invisible characters alone, or has fewer than ten visible ones, then it is refused saying so', () => {
    const invisible = 'a password cannot be invisible characters alone (control, zero-width or other format characters)';
    for (const p of ['\u200b'.repeat(PASSWORD_MIN), '\u200c'.repeat(PASSWORD_MIN), '\u200b\u200c'.repeat(PASSWORD_MIN), '\u0000'.repeat(PASSWORD_MIN), '\u0001'.repeat(PASSWORD_MIN), '\ufeff\u00ad\u2060'.repeat(4)]) {
      expect(passwordProblem(p), JSON.stringify(p)).toBe(invisible);
    }
    const fewVisible = `a password needs at least ${PASSWORD_MIN} visible characters: spaces, control and invisible (zero-width, format) characters do not count`;
    expect(passwordProblem('abc\u200b\u200b\u200b\u200b\u200b\u200b\u200b')).toBe(fewVisible);
    expect(passwordProblem('Tr0ub4d\u0000\u0000\u0000')).toBe(fewVisible);
    expect(passwordProblem('a b c d e f')).toBe(fewVisible);
  });

  it('when a password is two or three characters repeated, then it is refused saying which rule', () => {
    const short = 'a password cannot be two or three characters repeated (like "abab…" or "abcabc…")';
    expect(passwordProblem('ab'.repeat(5))).toBe(short);
    expect(passwordProblem('abc'.repeat(4))).toBe(short);
    expect(passwordProblem('abcabcabcab')).toBe(short);
    expect(passwordProblem('ab ab ab ab ab')).toBe(short);
    expect(passwordProblem('a a a a a a a a a a')).toBe('a password cannot be one character repeated');
    expect(passwordProblem('🔑🚪'.repeat(5))).toBe(short);
    // a unit of four is a choice of four characters: taken
    expect(passwordProblem('abcd'.repeat(3))).toBeUndefined();
  });

  it('when a password is long, accented or a passphrase, then it is taken as before', () => {
    expect(passwordProblem('😀😁😂🤣😃😄😅😆😉😊'.repeat(1024 / 10).padEnd(1024, 'x'))).toBeUndefined();
    expect(passwordProblem([...'😀😁😂🤣😃😄😅😆😉😊'.repeat(103)].slice(0, 1024).join(''))).toBeUndefined();
    expect(passwordProblem('😀'.repeat(1025))).toBe('a password has at most 1024 characters');
    expect(passwordProblem('cafe\u0301 au lait noir')).toBeUndefined(); // decomposed é: NFC at hashing (password.ts)
    expect(passwordProblem('café au lait noir')).toBeUndefined();
    expect(passwordProblem('👨\u200d👩\u200d👧 family of three!')).toBeUndefined();
  });
});
