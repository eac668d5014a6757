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
    expect(passwordProblem('ab'.repeat(PASSWORD_MIN / 2))).toBeUndefined();
  });
});
