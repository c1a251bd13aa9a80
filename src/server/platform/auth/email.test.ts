import { describe, expect, it } from 'vitest';
import { normalizeDomain, normalizeEmail } from './email.js';

describe('normalizeEmail', () => {
  it.each([
    ['a@corp.com', 'a@corp.com'],
    ['  Anna.Ivanova@CORP.COM  ', 'anna.ivanova@corp.com'],
    ['a+tag@corp.com', 'a+tag@corp.com'],
    ['иван@corp.com', 'иван@corp.com'],
    ['a@почта.рф', 'a@xn--80a1acny.xn--p1ai'],
    ['a@ｃｏｒｐ．ｃｏｍ', 'a@corp.com'],
    ['a@xn--80a1acny.xn--p1ai', 'a@xn--80a1acny.xn--p1ai'],
    ['a@corp.соm', 'a@corp.xn--m-0tbi'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeEmail(raw)).toBe(expected);
  });

  it.each([
    'a@evil.io@corp.com',
    '"a@b"@corp.com',
    '"a"@corp.com',
    'a@corp.com.',
    'a@corp.com。',
    'a@',
    '@corp.com',
    'a',
    'a@corp',
    'a..b@corp.com',
    '.a@corp.com',
    'a.@corp.com',
    'a b@corp.com',
    'a@corp .com',
    'a@[127.0.0.1]',
    'a@127.0.0.1',
    'a@-corp.com',
    'a@corp-.com',
    'a@corp..com',
    `${'x'.repeat(65)}@corp.com`,
    'a\u0000@corp.com',
    'a@corp.com\u0000',
    'a\n@corp.com',
    'a@corp.com/evil.io',
    'a@corp%2ecom',
    'a@corp.com:25',
    'a@corp.com．',
  ])('refuses %j', (raw) => {
    expect(normalizeEmail(raw)).toBeNull();
  });
});

describe('normalizeDomain', () => {
  it('lower-cases and converts to punycode', () => {
    expect(normalizeDomain(' Corp.COM ')).toBe('corp.com');
    expect(normalizeDomain('почта.рф')).toBe('xn--80a1acny.xn--p1ai');
  });

  it.each([
    '',
    'corp.com.',
    'localhost',
    '*.corp.com',
    'corp.com/x',
    'http://corp.com',
    '1.2.3.4',
    'a'.repeat(300),
  ])('refuses %j', (raw) => {
    expect(normalizeDomain(raw)).toBeNull();
  });
});
