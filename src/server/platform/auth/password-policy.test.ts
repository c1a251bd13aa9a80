import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naughtyStrings } from '../../../../tests/support/naughty-strings.js';
import type { PasswordPolicy } from '../../../shared/api/settings.js';
import { commonPasswords } from './common-passwords.js';
import {
  checkPassword,
  defaultPasswordPolicy,
  isPasswordExpired,
  nistNotes,
  passwordProblemError,
} from './password-policy.js';

const policy = (overrides: Partial<PasswordPolicy> = {}): PasswordPolicy => ({
  ...defaultPasswordPolicy,
  ...overrides,
});
const context = { email: 'anna.ivanova@corp.test', name: 'Anna Ivanova', companyName: 'Northwind Trading' };

describe('password policy (R06)', () => {
  it('ships a bundled list of thousands of common passwords', () => {
    expect(commonPasswords().size).toBeGreaterThan(10_000);
    expect(commonPasswords().has('password1')).toBe(true);
  });

  it('accepts a 64-character emoji passphrase', () => {
    const emoji = [...'🦊🐢🌵🚲🎻🍋🧭🪁'];
    const passphrase = Array.from({ length: 64 }, (_, i) => emoji[(i * 5 + Math.floor(i / 8)) % 8]).join('');
    expect([...passphrase]).toHaveLength(64);
    expect(checkPassword(passphrase, policy(), context)).toBeNull();
  });

  it('refuses Password1! as a common password, with a reason', () => {
    const problem = checkPassword('Password1!', policy({ minLength: 8 }), context);
    expect(problem).toEqual({ code: 'PASSWORD_BLOCKLISTED', reason: 'common' });
    const error = passwordProblemError(problem!, 'password', 'en');
    expect(error.code).toBe('PASSWORD_BLOCKLISTED');
    expect(error.fieldErrors[0]).toMatchObject({ field: 'password', code: 'PASSWORD_BLOCKLISTED' });
    expect(error.fieldErrors[0]?.message).toContain('commonly used passwords');
    expect(passwordProblemError(problem!, 'password', 'ru').fieldErrors[0]?.message).toContain(
      'распространённых паролей',
    );
  });

  it.each([
    ['P@ssw0rd123456789', 'common'],
    ['qwertyuiop1234567', 'common'],
    ['aaaaaaaaaaaaaaaaaaa', 'pattern'],
    ['abcabcabcabcabcabc', 'pattern'],
    ['123456789012345', 'pattern'],
    ['987654321098765', 'pattern'],
    ['abcdefghijklmnopq', 'pattern'],
    ['Northwind Trading 2024!', 'company'],
    ['northwind-is-the-best-place', 'company'],
    ['I am anna ivanova for real', 'name'],
    ['ivanova forever and ever', 'name'],
  ])('refuses %j (%s)', (password, reason) => {
    expect(checkPassword(password, policy(), context)).toEqual({ code: 'PASSWORD_BLOCKLISTED', reason });
  });

  it('refuses the e-mail address or its local part', () => {
    const other = { ...context, email: 'k.smirnoff@corp.test' };
    expect(checkPassword('k.smirnoff@corp.test!!', policy(), other)).toEqual({
      code: 'PASSWORD_BLOCKLISTED',
      reason: 'email',
    });
    expect(checkPassword('smirnoff on the rocks please', policy(), other)?.code).toBe('PASSWORD_BLOCKLISTED');
  });

  it('refuses words the administrator added', () => {
    const p = policy({ blocklist: ['Aurora'] });
    expect(checkPassword('my aurora borealis trip', p, context)).toEqual({
      code: 'PASSWORD_BLOCKLISTED',
      reason: 'admin-word',
    });
    expect(checkPassword('my borealis trip to the north', p, context)).toBeNull();
  });

  it('counts characters after NFKC and enforces the minimum length', () => {
    expect(checkPassword('short but fine', policy(), context)).toEqual({
      code: 'PASSWORD_TOO_SHORT',
      min: 15,
    });
    expect(checkPassword('short but fine', policy({ minLength: 8 }), context)).toBeNull();
    // Fifteen full-width letters are fifteen characters after NFKC.
    expect(checkPassword('ｚｅｂｒａｃｏｍｐａｓｓｈｉｋｅｓ', policy(), context)).toBeNull();
  });

  it('refuses more than 128 characters or 1 KiB, never truncating', () => {
    const ok = `plum lantern ${'x'.repeat(115)}`;
    expect([...ok]).toHaveLength(128);
    expect(checkPassword(ok, policy(), context)).toBeNull();
    expect(checkPassword(`${ok}y`, policy(), context)).toEqual({ code: 'PASSWORD_TOO_LONG', max: 128 });
    // 100 four-byte characters: 100 characters but 400 bytes — fine; 300 of them is too many bytes.
    expect(checkPassword('𝄞'.repeat(300), policy(), context)?.code).toBe('PASSWORD_TOO_LONG');
  });

  it('applies optional composition rules only when set', () => {
    const p = policy({ minDigits: 2, minSymbols: 1, minLetters: 3 });
    expect(checkPassword('violet otter canoe harbour', p, context)).toEqual({
      code: 'PASSWORD_COMPOSITION',
      kind: 'digits',
      count: 2,
    });
    expect(checkPassword('violet otter canoe harbour 71', p, context)).toBeNull();
    expect(checkPassword('violet-otter-canoe-harbour-71', policy(), context)).toBeNull();
  });

  it('flags composition, expiry, history and short minimums as departing from NIST', () => {
    expect(nistNotes(defaultPasswordPolicy)).toEqual([]);
    expect(nistNotes(policy({ minDigits: 1, expiryDays: 90, historyCount: 5, minLength: 8 }))).toEqual([
      'composition',
      'expiry',
      'history',
      'short-minimum',
    ]);
  });

  it('expires passwords only when expiry is on', () => {
    const old = new Date(Date.now() - 91 * 86_400_000).toISOString();
    expect(isPasswordExpired(policy(), old)).toBe(false);
    expect(isPasswordExpired(policy({ expiryDays: 90 }), old)).toBe(true);
    expect(isPasswordExpired(policy({ expiryDays: 90 }), new Date().toISOString())).toBe(false);
  });

  it('never throws, whatever the input (BLNS and arbitrary strings)', () => {
    for (const line of naughtyStrings) {
      expect(() =>
        checkPassword(line, policy(), { ...context, name: line, companyName: line }),
      ).not.toThrow();
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 40 }), (pw, name) => {
        const problem = checkPassword(pw, policy(), { name, companyName: name, email: `${name}@x.io` });
        return problem === null || typeof problem.code === 'string';
      }),
    );
  });
});
