import { CsvError, parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { Locale } from '../../../shared/errors.js';
import { AppError } from '../../platform/http/errors.js';

/** The columns the import understands, by canonical name. */
export const importColumns = [
  'email',
  'name',
  'position',
  'department',
  'manager_email',
  'employee_id',
  'phone',
  'office',
  'city',
  'birthday',
  'start_date',
  'skills',
  'role',
  'access_expires_at',
] as const;
export type ImportColumn = (typeof importColumns)[number];

/**
 * Header spellings, compared after `headerKey` (lower case, ё → е, spaces and underscores
 * folded): HR exports from Russian systems name columns in Russian.
 */
const aliases: Record<ImportColumn, string[]> = {
  email: ['email', 'e-mail', 'e mail', 'mail', 'почта', 'электронная почта', 'эл. почта', 'эл.почта'],
  name: ['name', 'full name', 'фио', 'имя', 'ф.и.о.'],
  position: ['position', 'title', 'job title', 'должность'],
  department: ['department', 'отдел', 'подразделение'],
  manager_email: ['manager email', 'manager', 'руководитель', 'email руководителя', 'почта руководителя'],
  employee_id: ['employee id', 'табельный номер', 'таб. номер', 'табельный №', 'табельный'],
  phone: ['phone', 'телефон'],
  office: ['office', 'офис'],
  city: ['city', 'город'],
  birthday: ['birthday', 'birth date', 'date of birth', 'дата рождения', 'день рождения'],
  start_date: ['start date', 'hire date', 'дата приема', 'дата найма', 'дата выхода'],
  skills: ['skills', 'навыки', 'компетенции'],
  role: ['role', 'роль'],
  access_expires_at: [
    'access expires at',
    'access until',
    'access end',
    'access end date',
    'доступ до',
    'окончание доступа',
    'дата окончания доступа',
  ],
};

function headerKey(header: string): string {
  return header
    .normalize('NFC')
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[\s_]+/g, ' ')
    .trim();
}

const columnByHeader = new Map<string, ImportColumn>(
  importColumns.flatMap((column) => aliases[column].map((alias) => [headerKey(alias), column] as const)),
);

/** One data row: its line in the file and its cells by canonical column. */
export interface CsvRow {
  line: number;
  cells: Partial<Record<ImportColumn, string>>;
}

/** A file read and decoded, before any comparison with the directory. */
export interface ParsedCsv {
  encoding: 'utf-8' | 'windows-1251';
  delimiter: string;
  columns: ImportColumn[];
  /** Header cells that match no known column (reported, otherwise ignored). */
  unknownColumns: string[];
  rows: CsvRow[];
}

const reasons: Record<string, Record<Locale, string>> = {
  empty: { en: 'the file is empty.', ru: 'файл пустой.' },
  missing: {
    en: 'send the file as multipart/form-data in the field "file".',
    ru: 'отправьте файл как multipart/form-data в поле «file».',
  },
  header: {
    en: 'the header must have the columns "email" and "name" (or "почта" and "фио").',
    ru: 'в заголовке должны быть столбцы «email» и «name» (или «почта» и «фио»).',
  },
  duplicate: { en: 'the column "{column}" appears twice.', ru: 'столбец «{column}» встречается дважды.' },
  CSV_QUOTE_NOT_CLOSED: {
    en: 'a quote opened on line {line} is never closed.',
    ru: 'кавычка в строке {line} не закрыта.',
  },
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: {
    en: 'line {line} has a different number of cells than the header.',
    ru: 'в строке {line} другое число ячеек, чем в заголовке.',
  },
  CSV_INVALID_CLOSING_QUOTE: {
    en: 'line {line} has a quote in the middle of a cell; put quotes around the whole cell and double the inner ones.',
    ru: 'в строке {line} кавычка посреди ячейки; заключите ячейку в кавычки, а внутренние кавычки удвойте.',
  },
  other: { en: 'line {line} cannot be read as CSV.', ru: 'строку {line} не удалось разобрать как CSV.' },
};

/** Builds the 400 IMPORT_INVALID_FILE with a reason in the viewer's language. */
export function invalid(
  locale: Locale,
  reason: string,
  params: Record<string, string | number> = {},
): AppError {
  const template = (reasons[reason] ?? reasons.other!)[locale];
  const text = template.replace(/\{(\w+)\}/g, (whole, key: string) => String(params[key] ?? whole));
  return new AppError('IMPORT_INVALID_FILE', { reason: text });
}

/**
 * Decodes the file: UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, otherwise
 * Windows-1251, which is what Excel and 1C write on Russian Windows. `forced` skips detection.
 */
export function decodeCsv(
  bytes: Uint8Array,
  forced: 'auto' | 'utf-8' | 'windows-1251',
): { text: string; encoding: 'utf-8' | 'windows-1251' } {
  if (forced === 'windows-1251')
    return { text: iconv.decode(Buffer.from(bytes), 'win1251'), encoding: forced };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    if (forced === 'utf-8') return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
    return { text: iconv.decode(Buffer.from(bytes), 'win1251'), encoding: 'windows-1251' };
  }
}

/** `;` (Excel in Russian locales) or `,`, whichever the header line uses more; tab for TSV. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (d: string) => firstLine.split(d).length - 1;
  const candidates = [',', ';', '\t'].map((d) => ({ d, n: count(d) })).sort((a, b) => b.n - a.n);
  return candidates[0]!.n > 0 ? candidates[0]!.d : ',';
}

/**
 * Reads a CSV file of employees into rows keyed by canonical column. Cells are kept exactly
 * as written — including ones starting with `=`, `+`, `-` or `@`, which are data here, never
 * formulas. Malformed files are refused with a reason that names the line.
 */
export function readEmployeesCsv(
  bytes: Uint8Array,
  options: { encoding: 'auto' | 'utf-8' | 'windows-1251'; locale: Locale },
): ParsedCsv {
  const { text, encoding } = decodeCsv(bytes, options.encoding);
  if (text.trim().length === 0) throw invalid(options.locale, 'empty');
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, csv-parse returns each record with its position; its types do not say so.
    records = parse(text, {
      delimiter,
      bom: true,
      skip_empty_lines: true,
      info: true,
      max_record_size: 1_000_000,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0;
      throw invalid(options.locale, error.code in reasons ? error.code : 'other', { line });
    }
    throw error;
  }
  const [header, ...data] = records;
  if (!header) throw invalid(options.locale, 'empty');
  const columns: (ImportColumn | null)[] = [];
  const unknownColumns: string[] = [];
  for (const cell of header.record) {
    const column = columnByHeader.get(headerKey(cell)) ?? null;
    if (column && columns.includes(column)) throw invalid(options.locale, 'duplicate', { column: cell });
    if (!column && cell.trim()) unknownColumns.push(cell);
    columns.push(column);
  }
  if (!columns.includes('email') || !columns.includes('name')) throw invalid(options.locale, 'header');
  const rows = data.map(({ record, info }) => {
    const cells: CsvRow['cells'] = {};
    record.forEach((value, index) => {
      const column = columns[index];
      if (column) cells[column] = value;
    });
    return { line: info.lines, cells };
  });
  return {
    encoding,
    delimiter,
    columns: columns.filter((c): c is ImportColumn => c !== null),
    unknownColumns,
    rows,
  };
}
