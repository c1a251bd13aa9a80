import type { ImportIssue } from '../../../shared/api/imports.js';
import type { Locale } from '../../../shared/errors.js';
import type { ImportColumn } from './imports.csv.js';

/**
 * What can be wrong with a row. Errors block the apply (the file must be fixed); warnings
 * only drop the one value they are about, or explain what the import will not do.
 */
const messages = {
  EMAIL_INVALID: { en: 'The e-mail is missing or not valid.', ru: 'E-mail не указан или неверный.' },
  NAME_MISSING: { en: 'The name is missing.', ru: 'Не указано имя.' },
  VALUE_TOO_LONG: {
    en: 'The value is too long (at most {max} characters).',
    ru: 'Слишком длинное значение (не больше {max} символов).',
  },
  DUPLICATE_EMAIL: {
    en: 'The same e-mail is already on line {other}.',
    ru: 'Такой же e-mail уже есть в строке {other}.',
  },
  DUPLICATE_EMPLOYEE_ID: {
    en: 'The same employee number is already on line {other}.',
    ru: 'Такой же табельный номер уже есть в строке {other}.',
  },
  EMAIL_BELONGS_TO_OTHER: {
    en: 'This e-mail belongs to another person than the employee number.',
    ru: 'Этот e-mail принадлежит другому сотруднику, не тому, чей табельный номер указан.',
  },
  DATE_INVALID: {
    en: 'Not a date (use YYYY-MM-DD or DD.MM.YYYY); the value is ignored.',
    ru: 'Это не дата (используйте ГГГГ-ММ-ДД или ДД.ММ.ГГГГ); значение пропущено.',
  },
  ROLE_INVALID: {
    en: 'Unknown role (admin, moderator, employee or guest); the role is not changed.',
    ru: 'Неизвестная роль (admin, moderator, employee или guest); роль не меняется.',
  },
  ACCESS_END_INVALID: {
    en: 'The access end is not a date (use YYYY-MM-DD or DD.MM.YYYY).',
    ru: 'Дата окончания доступа указана неверно (используйте ГГГГ-ММ-ДД или ДД.ММ.ГГГГ).',
  },
  ACCESS_END_NOT_GUEST: {
    en: 'Only a guest’s access has an end date: leave the cell empty or give the role guest.',
    ru: 'Дата окончания доступа бывает только у гостей: оставьте ячейку пустой или укажите роль guest.',
  },
  ACCESS_END_PAST: {
    en: 'The access end date has passed; a guest’s access must end in the future.',
    ru: 'Дата окончания доступа уже прошла; гостевой доступ должен заканчиваться в будущем.',
  },
  ACCESS_END_TOO_FAR: {
    en: 'Guest access can be given for at most {days} days.',
    ru: 'Гостевой доступ можно дать не больше чем на {days} дней.',
  },
  SKILLS_TRUNCATED: {
    en: 'Only the first {max} skills are kept.',
    ru: 'Сохранены только первые {max} навыков.',
  },
  MANAGER_INVALID: {
    en: 'The manager must be given by e-mail; the manager is not changed.',
    ru: 'Руководителя нужно указать по e-mail; руководитель не меняется.',
  },
  MANAGER_UNKNOWN: {
    en: 'No active person with the manager’s e-mail; the manager is not changed.',
    ru: 'Нет активного сотрудника с e-mail руководителя; руководитель не меняется.',
  },
  MANAGER_SELF: {
    en: 'A person cannot be their own manager.',
    ru: 'Сотрудник не может быть своим руководителем.',
  },
  MANAGER_CYCLE: {
    en: 'The managers form a loop through this person.',
    ru: 'Руководители образуют замкнутый круг через этого сотрудника.',
  },
  DEACTIVATED_BY_ADMIN: {
    en: 'An administrator deactivated this person; the import does not reactivate them.',
    ru: 'Этого сотрудника отключил администратор; импорт его не включает.',
  },
  SELF_KEPT: {
    en: 'Your own account is neither deactivated nor given another role by an import.',
    ru: 'Импорт не отключает вашу учётную запись и не меняет вашу роль.',
  },
  UNKNOWN_COLUMN: {
    en: 'The column "{column}" is not known and is ignored.',
    ru: 'Столбец «{column}» неизвестен и пропущен.',
  },
  LAST_ADMIN: {
    en: 'After this import no active administrator would remain.',
    ru: 'После импорта не осталось бы ни одного активного администратора.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type IssueCode = keyof typeof messages;

/** Collects a plan's errors and warnings, worded in the viewer's language. */
export class IssueList {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  readonly linesWithErrors = new Set<number>();

  constructor(private readonly locale: Locale) {}

  private issue(
    line: number,
    field: ImportColumn | null,
    code: IssueCode,
    params: Record<string, unknown>,
  ): ImportIssue {
    const message = messages[code][this.locale].replace(/\{(\w+)\}/g, (whole, key: string) =>
      key in params ? String(params[key]) : whole,
    );
    return { line, field, code, message };
  }

  error(
    line: number,
    field: ImportColumn | null,
    code: IssueCode,
    params: Record<string, unknown> = {},
  ): void {
    this.errors.push(this.issue(line, field, code, params));
    this.linesWithErrors.add(line);
  }

  warn(
    line: number,
    field: ImportColumn | null,
    code: IssueCode,
    params: Record<string, unknown> = {},
  ): void {
    this.warnings.push(this.issue(line, field, code, params));
  }
}

/** `YYYY-MM-DD` or `DD.MM.YYYY` (also `D.M.YYYY`) as `YYYY-MM-DD`, only if the day exists. */
export function parseDate(value: string): string | undefined {
  const trimmed = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(trimmed);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : ru
      ? [Number(ru[3]), Number(ru[2]), Number(ru[1])]
      : [0, 0, 0];
  if (!year) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const roleNames: Record<string, 'admin' | 'moderator' | 'employee' | 'guest'> = {
  admin: 'admin',
  administrator: 'admin',
  администратор: 'admin',
  moderator: 'moderator',
  модератор: 'moderator',
  employee: 'employee',
  сотрудник: 'employee',
  guest: 'guest',
  гость: 'guest',
};

/** A role cell in English or Russian, or undefined if unknown. */
export function parseRole(value: string): 'admin' | 'moderator' | 'employee' | 'guest' | undefined {
  return roleNames[value.trim().toLowerCase()];
}
