import { describe, expect, test } from 'vitest';
import { displayName, formatBytes, libraryHref, versionUrl } from './file-format.js';

describe('file formatting', () => {
  test('sizes are written with the language own units', () => {
    expect(formatBytes(512, 'en')).toBe('512 bytes');
    expect(formatBytes(512, 'ru')).toBe('512 байт');
    expect(formatBytes(1536, 'en')).toBe('1.5 kB');
    expect(formatBytes(25 * 1024 * 1024, 'en')).toBe('25 MB');
    expect(formatBytes(1536, 'ru')).toBe('1,5 кБ');
  });

  test('names lose control, bidi and zero-width characters whatever reaches the browser', () => {
    expect(displayName('report\u202Efdp.exe\u0007\u200B.txt')).toBe('reportfdp.exe.txt');
    expect(displayName('\u2066\u2069')).toBe('—');
    expect(displayName('Отчёт.pdf')).toBe('Отчёт.pdf');
  });

  test('a space leads to its library page, a folder in it to ?folder=', () => {
    const folder = '0190a000-0000-7000-8000-000000000001';
    expect(libraryHref({ type: 'company', id: null, name: 'Acme' }, null, 'me')).toBe('/files/company');
    expect(libraryHref({ type: 'group', id: 'g1', name: 'Guild' }, folder, 'me')).toBe(
      `/groups/g1/files?folder=${folder}`,
    );
    expect(libraryHref({ type: 'profile', id: 'me', name: 'Me' }, null, 'me')).toBe('/files');
    expect(libraryHref({ type: 'profile', id: 'p2', name: 'Olga' }, folder, 'me')).toBe(
      `/people/p2/files?folder=${folder}`,
    );
  });

  test('a version address keeps the path and sets ?version=', () => {
    expect(versionUrl('/api/v1/files/f1/content', 3)).toBe('/api/v1/files/f1/content?version=3');
    expect(versionUrl('/api/v1/files/f1/content?version=1', 2)).toBe('/api/v1/files/f1/content?version=2');
  });
});
