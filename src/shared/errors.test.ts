import { describe, expect, it } from 'vitest';
import { authErrors } from './auth-errors.js';
import { chatErrors } from './chat-errors.js';
import { errorCatalogue, errorMessage } from './errors.js';
import { fileErrors } from './file-errors.js';
import { guestErrors } from './guest-errors.js';
import { peopleErrors } from './people-errors.js';
import { postErrors } from './post-errors.js';

const parts = { authErrors, peopleErrors, postErrors, guestErrors, fileErrors, chatErrors };

describe('the error catalogue', () => {
  // A code defined twice would silently lose one definition to the spread that comes later.
  it.each(Object.entries(parts))(
    'keeps every code of %s as it is defined there, and only there',
    (name, part) => {
      for (const [code, entry] of Object.entries(part)) {
        expect(errorCatalogue[code as keyof typeof errorCatalogue], code).toBe(entry);
        for (const [other, otherPart] of Object.entries(parts)) {
          if (other !== name) expect(Object.hasOwn(otherPart, code), `${code} in ${other}`).toBe(false);
        }
      }
    },
  );

  it('has a client or server error status and both languages for every code', () => {
    for (const [code, entry] of Object.entries(errorCatalogue)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.status, code).toBeLessThan(600);
      expect(entry.en.trim(), code).not.toBe('');
      expect(entry.ru.trim(), code).not.toBe('');
    }
  });

  it('fills placeholders from params and leaves unknown ones', () => {
    expect(errorMessage('RATE_LIMITED', 'en', { retryAfter: 7 })).toContain('7 seconds');
    expect(errorMessage('FILE_TOO_LARGE', 'ru')).toContain('{maxMb}');
  });
});
