import type { TFunction } from 'i18next';
import type { FileSpace } from '../../../shared/api/files.js';
import { cleanLine } from '../../../shared/text.js';

const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** "512 bytes", "1.4 MB", "3 GB" ("1,4 МБ" in Russian), with the browser's own unit names. */
export function formatBytes(bytes: number, language: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(language === 'ru' ? 'ru-RU' : 'en-GB', {
    style: 'unit',
    unit: units[unit],
    // "512 bytes" reads better than "512 byte"; larger units are abbreviated ("1.4 MB").
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 || value >= 10 ? 0 : 1,
  }).format(value);
}

/**
 * A file or folder name as the page shows it. The server already stores names normalised
 * (control and bidi characters stripped); this strips them again, so a name can never reorder
 * the text around it or hide an extension, whatever reaches the browser.
 */
export function displayName(name: string): string {
  return cleanLine(name) || '—';
}

/** The page of a library (and folder in it) that a space names, for the viewer `meId`. */
export function libraryHref(space: FileSpace, folderId: string | null, meId: string | undefined): string {
  const query = folderId ? `?${new URLSearchParams({ folder: folderId })}` : '';
  switch (space.type) {
    case 'company':
      return `/files/company${query}`;
    case 'group':
      return `/groups/${space.id}/files${query}`;
    case 'profile':
      return space.id === meId || !space.id ? `/files${query}` : `/people/${space.id}/files${query}`;
  }
}

function withParam(address: string, name: string, value: string): string {
  const url = new URL(address, 'http://placeholder');
  url.searchParams.set(name, value);
  return `${url.pathname}${url.search}`;
}

/** The address of one version's bytes (`?version=N` of `/files/{id}/content`). */
export function versionUrl(contentUrl: string, version: number): string {
  return withParam(contentUrl, 'version', String(version));
}

/** The address that downloads the bytes as an attachment, images too (`?download=true`). */
export function downloadUrl(contentUrl: string): string {
  return withParam(contentUrl, 'download', 'true');
}

/** What a library is called for the viewer: "My files", "Company documents", a group's or a person's name. */
export function libraryTitle(space: FileSpace, meId: string | undefined, t: TFunction): string {
  if (space.type === 'company') return t('files.sections.company');
  if (space.type === 'profile') {
    return !space.id || space.id === meId
      ? t('files.sections.mine')
      : t('files.personTitle', { name: space.name });
  }
  return space.name;
}
