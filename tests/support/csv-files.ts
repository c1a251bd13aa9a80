import type { LightMyRequestResponse } from 'fastify';
import iconv from 'iconv-lite';
import { call, type Person } from './people.js';
import type { TestApp } from './test-app.js';

/** Builds CSV text: cells with the delimiter, quotes or line breaks are quoted. */
export function csv(rows: string[][], delimiter = ','): string {
  const cell = (value: string) =>
    /[",;\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replaceAll('"', '""')}"` : value;
  return `${rows.map((r) => r.map(cell).join(delimiter)).join('\r\n')}\r\n`;
}

/** The file in one of the encodings HR systems write. */
export function encode(text: string, encoding: 'utf-8' | 'utf-8-bom' | 'windows-1251'): Buffer {
  if (encoding === 'windows-1251') return iconv.encode(text, 'win1251');
  const bytes = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes;
}

/** A multipart/form-data body with one file field. */
export function multipart(
  file: Buffer,
  field = 'file',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----atrium-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="people.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** POSTs a file to the import route. */
export function importFile(
  t: TestApp,
  who: Person | null,
  file: Buffer,
  query: string,
): Promise<LightMyRequestResponse> {
  const body = multipart(file);
  return call(t, who, { method: 'POST', url: `/api/v1/admin/imports/users?${query}`, ...body });
}

export const header = [
  'email',
  'name',
  'position',
  'department',
  'manager_email',
  'employee_id',
  'skills',
  'birthday',
];

/**
 * `count` employees: p0 leads, p1–p3 report to p0, the rest to p1–p3; departments are paths
 * that the import must create.
 */
export function staff(count: number): string[][] {
  return Array.from({ length: count }, (_, i) => [
    `p${i}@corp.test`,
    `Сотрудник ${String(i).padStart(3, '0')}`,
    i === 0 ? 'Директор' : 'Специалист',
    i % 2 === 0 ? 'Продажи/Москва' : 'Engineering/Backend',
    i === 0 ? '' : i <= 3 ? 'p0@corp.test' : `p${1 + (i % 3)}@corp.test`,
    `E${1000 + i}`,
    i % 2 === 0 ? 'Переговоры;CRM' : 'TypeScript;PostgreSQL',
    `${String(1 + (i % 28)).padStart(2, '0')}.0${1 + (i % 9)}.1990`,
  ]);
}
