import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractHashtags, extractMentions, handleFromName } from './mentions.js';

describe('mentions', () => {
  it.each([
    ['hello @anna', ['anna']],
    ['@Anna and @anna again', ['anna']],
    ['спросите @иван.петров.', ['иван.петров']],
    ['@sales, @dev-team: please', ['sales', 'dev-team']],
    ['mail anna@corp.com or a@b', []],
    ['(@boss)', ['boss']],
    ['`@not_in_code` but @yes', ['yes']],
    ['```\n@inside fence\n```\n@after', ['after']],
    ['https://example.com/@user/page', []],
    ['@', []],
    ['@@double', []],
  ])('%j → %j', (text, expected) => {
    expect(extractMentions(text)).toEqual(expected);
  });
});

describe('hashtags', () => {
  it.each([
    ['#onboarding and #night_stories', ['onboarding', 'night_stories']],
    ['#Онбординг #онбординг', ['онбординг']],
    ['C# and F# are languages', []],
    ['see https://example.com/page#section', []],
    ['it&#39;s fine', []],
    ['`#code` #real', ['real']],
    ['#2026 #', ['2026']],
  ])('%j → %j', (text, expected) => {
    expect(extractHashtags(text)).toEqual(expected);
  });
});

describe('on any input', () => {
  it('returns distinct, lower-cased, bounded tokens that really occur in the text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.array(fc.constantFrom('@', '#', '`', ' ', '\n', 'a', 'я', '.', '_', '/'), { maxLength: 60 }),
        (free, parts) => {
          const text = free + parts.join('');
          for (const [prefix, tokens] of [
            ['@', extractMentions(text)],
            ['#', extractHashtags(text)],
          ] as const) {
            expect(new Set(tokens).size).toBe(tokens.length);
            for (const token of tokens) {
              expect(token).toBe(token.toLowerCase());
              expect(token.length).toBeGreaterThan(0);
              expect(token.length).toBeLessThanOrEqual(64);
              // Case-insensitive search, not toLowerCase(): lower-casing depends on context (Greek Σ).
              const escaped = (prefix + token).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
              expect(
                new RegExp(escaped, 'iu').test(text),
                `${prefix}${token} in ${JSON.stringify(text)}`,
              ).toBe(true);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('handles of groups and departments', () => {
  it.each([
    ['Sales & Marketing', 'sales-marketing'],
    ['Отдел продаж', 'отдел-продаж'],
    ['  R&D / Labs!  ', 'r-d-labs'],
    ['...', ''],
  ])('%s → %s', (name, handle) => {
    expect(handleFromName(name)).toBe(handle);
  });

  it('is always something the mention parser reads back whole', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), (name) => {
        const handle = handleFromName(name);
        if (handle === '' || !/^[\p{L}\p{N}]/u.test(handle)) return;
        expect(extractMentions(`hi @${handle} `)).toEqual([handle.replace(/[._-]+$/, '')]);
      }),
    );
  });
});
