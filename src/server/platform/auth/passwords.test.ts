import { describe, expect, it } from 'vitest';
import { naughtyStrings } from '../../../../tests/support/naughty-strings.js';
import {
  argon2Counters,
  hashPassword,
  needsRehash,
  passwordSizeProblem,
  verifyAgainstDummy,
  verifyPassword,
} from './passwords.js';

describe('password storage (R07)', () => {
  it('stores argon2id with m=19456 KiB, t=2, p=1 and a 16-byte salt in a PHC string', async () => {
    const stored = await hashPassword('violet otter canoe harbour 71');
    const match = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$([A-Za-z0-9+/]+)\$[A-Za-z0-9+/]+$/.exec(stored);
    expect(match).not.toBeNull();
    expect(Buffer.from(match![1]!, 'base64').length).toBeGreaterThanOrEqual(16);
    expect(await hashPassword('violet otter canoe harbour 71')).not.toBe(stored);
    expect(needsRehash(stored)).toBe(false);
  });

  it('verifies after NFKC, so equivalent encodings of one password match', async () => {
    const stored = await hashPassword('ｃａｆé au lait for two please');
    expect(await verifyPassword(stored, 'cafe\u0301 au lait for two please')).toBe(true);
    expect(await verifyPassword(stored, 'cafe au lait for two please')).toBe(false);
  });

  it('uses the pepper as a secret: a hash made with it does not verify without it', async () => {
    const pepper = 'pepper-from-outside-the-database';
    const stored = await hashPassword('violet otter canoe harbour 71', pepper);
    expect(await verifyPassword(stored, 'violet otter canoe harbour 71', pepper)).toBe(true);
    expect(await verifyPassword(stored, 'violet otter canoe harbour 71')).toBe(false);
  });

  it('asks for a rehash when parameters or algorithm differ', () => {
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHRzYWx0$aGFzaA')).toBe(true);
    expect(needsRehash('$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA')).toBe(true);
    expect(needsRehash('$2b$10$abcdefghijklmnopqrstuv')).toBe(true);
  });

  it('refuses oversized input before hashing and never matches it', async () => {
    expect(passwordSizeProblem('x'.repeat(128))).toBeNull();
    expect(passwordSizeProblem('x'.repeat(129))).toBe('too-long');
    expect(passwordSizeProblem('я'.repeat(513))).toBe('too-long');
    const before = argon2Counters.verifications;
    expect(await verifyPassword('$argon2id$whatever', 'x'.repeat(5000))).toBe(false);
    expect(argon2Counters.verifications).toBe(before);
    await expect(hashPassword('x'.repeat(129))).rejects.toThrow();
  });

  it('counts every verification, including the dummy one for unknown accounts', async () => {
    const before = argon2Counters.verifications;
    expect(await verifyAgainstDummy('anything at all')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
    expect(argon2Counters.verifications).toBe(before + 2);
  });
});

describe('password storage with naughty strings (C1)', () => {
  it('verifies every non-ASCII BLNS line against a stored hash without throwing', async () => {
    // ASCII lines are plain bytes to argon2; the ones worth the hashing time are those NFKC and
    // UTF-8 encoding act on. Every line goes through the size and policy checks elsewhere.
    const stored = await hashPassword('violet otter canoe harbour 71');
    const lines = naughtyStrings.filter(
      (line) => [...line].some((c) => c.charCodeAt(0) > 0x7f) && passwordSizeProblem(line) === null,
    );
    expect(lines.length).toBeGreaterThan(50);
    for (let i = 0; i < lines.length; i += 4) {
      const results = await Promise.all(lines.slice(i, i + 4).map((line) => verifyPassword(stored, line)));
      expect(results.every((r) => r === false)).toBe(true);
    }
  });
});
