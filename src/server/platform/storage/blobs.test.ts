import { describe, expect, it } from 'vitest';
import { blobKeysIn, isBlobKey } from './blobs.js';

const a = 'a'.repeat(64);
const b = '0123456789abcdef'.repeat(4);
const c = 'c'.repeat(64);

describe('blob keys named in a JSON value', () => {
  it('finds string values at any depth, in objects and arrays, each once', () => {
    const payload = {
      blobKey: a,
      changes: [{ field: 'photo', before: b, after: null }],
      nested: { deeper: { list: [[c], { again: a }] } },
    };
    expect(blobKeysIn(payload).sort()).toEqual([a, b, c].sort());
    expect(blobKeysIn(JSON.parse(JSON.stringify(payload))).sort()).toEqual([a, b, c].sort());
    expect(blobKeysIn(a)).toEqual([a]);
  });

  it('passes over what is not a whole lower-case SHA-256', () => {
    const payload = {
      upper: a.toUpperCase(),
      mixed: `${'A'.repeat(32)}${'a'.repeat(32)}`,
      short: 'a'.repeat(63),
      long: 'a'.repeat(65),
      notHex: 'g'.repeat(64),
      inText: `see ${a} attached`,
      padded: ` ${a}`,
      uuid: '0190b0c2-7c1e-7a3b-9e3f-5f6d7e8f9a0b',
      numbers: [1, 2.5, true, null],
      [a]: 'a property name is not a value',
    };
    expect(blobKeysIn(payload)).toEqual([]);
    expect(blobKeysIn(null)).toEqual([]);
    expect(blobKeysIn({})).toEqual([]);
    expect(isBlobKey(a.toUpperCase())).toBe(false);
  });

  it('walks nesting deeper than the call stack would allow, and long arrays', () => {
    let deep: unknown = { key: a };
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(blobKeysIn(deep)).toEqual([a]);
    expect(blobKeysIn({ many: [...Array.from({ length: 300_000 }, () => 'x'), b] })).toEqual([b]);
  });
});
