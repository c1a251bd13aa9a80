import { authErrors } from './auth-errors.js';
import { chatErrors } from './chat-errors.js';
import { fileErrors } from './file-errors.js';
import { guestErrors } from './guest-errors.js';
import { peopleErrors } from './people-errors.js';
import { postErrors } from './post-errors.js';

/**
 * The stable catalogue of error codes: each has an HTTP status and a message a person can read,
 * in English and Russian. `{name}` placeholders are filled from the error's params. Clients match
 * on `code`, never on the message. The large domains keep their codes in `<domain>-errors.ts`
 * beside this file, spread in here; code elsewhere imports only this catalogue.
 */
export const errorCatalogue = {
  ...authErrors,
  ...peopleErrors,
  ...postErrors,
  ...guestErrors,
  ...fileErrors,
  ...chatErrors,
  VALIDATION_FAILED: {
    status: 400,
    en: 'Some fields are not valid.',
    ru: 'Некоторые поля заполнены неверно.',
  },
  BAD_REQUEST: {
    status: 400,
    en: 'The request could not be understood.',
    ru: 'Запрос не удалось разобрать.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    en: 'This kind of request body is not accepted here.',
    ru: 'Такой формат тела запроса здесь не принимается.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, en: 'The request is too large.', ru: 'Запрос слишком большой.' },
  NOT_FOUND: { status: 404, en: 'Nothing was found at this address.', ru: 'По этому адресу ничего нет.' },
  METHOD_NOT_ALLOWED: {
    status: 405,
    en: 'This method is not allowed here.',
    ru: 'Этот метод здесь не разрешён.',
  },
  INTERNAL: {
    status: 500,
    en: 'Something went wrong on our side. Please try again; if it keeps happening, tell your administrator the request id.',
    ru: 'Что-то пошло не так на нашей стороне. Попробуйте ещё раз; если ошибка повторяется, сообщите администратору номер запроса.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    en: 'The service is temporarily unavailable. Please try again shortly.',
    ru: 'Сервис временно недоступен. Попробуйте чуть позже.',
  },
  CONFLICT: {
    status: 409,
    en: 'Someone changed the same thing at the same moment. Reload and try again.',
    ru: 'Кто-то изменил то же самое одновременно с вами. Обновите страницу и повторите.',
  },
  RATE_LIMITED: {
    status: 429,
    en: 'Too many attempts. Please wait {retryAfter} seconds and try again.',
    ru: 'Слишком много попыток. Подождите {retryAfter} с и попробуйте снова.',
  },

  UNAUTHENTICATED: { status: 401, en: 'Please sign in first.', ru: 'Сначала войдите в систему.' },
  FORBIDDEN: {
    status: 403,
    en: 'You do not have permission to do this.',
    ru: 'У вас нет прав на это действие.',
  },
  CSRF_TOKEN_INVALID: {
    status: 403,
    en: 'The security token of this page is missing or out of date. Reload the page and try again.',
    ru: 'Токен безопасности страницы отсутствует или устарел. Обновите страницу и повторите.',
  },
  ORIGIN_NOT_ALLOWED: {
    status: 403,
    en: 'Requests from another site are not accepted.',
    ru: 'Запросы с другого сайта не принимаются.',
  },

  EMAIL_INVALID: {
    status: 400,
    en: 'This is not a valid e-mail address.',
    ru: 'Это неправильный адрес e-mail.',
  },
  NAME_EMPTY: {
    status: 400,
    en: 'The name cannot be empty (invisible characters do not count).',
    ru: 'Имя не может быть пустым (невидимые символы не считаются).',
  },
  INVALID_CURSOR: {
    status: 400,
    en: 'The page cursor is not valid. Start again from the first page.',
    ru: 'Неверный курсор страницы. Начните с первой страницы.',
  },

  SETUP_ALREADY_DONE: {
    status: 409,
    en: 'Atrium is already set up for this company.',
    ru: 'Atrium для этой компании уже настроен.',
  },
  SETUP_REQUIRED: {
    status: 409,
    en: 'Atrium has not been set up yet. Open the setup page first.',
    ru: 'Atrium ещё не настроен. Сначала откройте страницу настройки.',
  },
  DEMO_ALREADY_SEEDED: {
    status: 409,
    en: 'The demo company has already been added.',
    ru: 'Демо-компания уже добавлена.',
  },

  GROUP_NOT_FOUND: { status: 404, en: 'This group was not found.', ru: 'Группа не найдена.' },
  ALREADY_MEMBER: {
    status: 409,
    en: 'This person is already a member of the group.',
    ru: 'Этот сотрудник уже состоит в группе.',
  },
  NOT_A_MEMBER: {
    status: 404,
    en: 'This person is not a member of the group.',
    ru: 'Этот сотрудник не состоит в группе.',
  },
  JOIN_REQUEST_NOT_FOUND: {
    status: 404,
    en: 'There is no request from this person to join the group.',
    ru: 'Заявки этого сотрудника на вступление в группу нет.',
  },
  GROUP_INVITE_NOT_FOUND: {
    status: 404,
    en: 'There is no invitation to this group for you.',
    ru: 'Приглашения в эту группу для вас нет.',
  },
  LAST_GROUP_ADMIN: {
    status: 409,
    en: 'A group needs at least one administrator. Make someone else an administrator first.',
    ru: 'В группе должен остаться хотя бы один администратор. Сначала назначьте администратором кого-то ещё.',
  },
  DEPARTMENT_MEMBERSHIP: {
    status: 409,
    en: 'This membership comes from the department linked to the group: it ends only when the person leaves the department or the link is removed.',
    ru: 'Членство определяется подразделением, привязанным к группе: оно заканчивается, только когда сотрудник уходит из подразделения или привязку снимают.',
  },
  GROUP_GUEST_NEEDS_ADMIN: {
    status: 403,
    en: 'Only the group’s administrators can add a guest.',
    ru: 'Добавить гостя могут только администраторы группы.',
  },
  GROUP_GUEST_ROLE: {
    status: 409,
    en: 'Guests can only be ordinary members of a group.',
    ru: 'Гости могут быть в группе только обычными участниками.',
  },

  NOTIFICATION_NOT_FOUND: {
    status: 404,
    en: 'This notification was not found.',
    ru: 'Уведомление не найдено.',
  },
} as const satisfies Record<string, { status: number; en: string; ru: string }>;

export type ErrorCode = keyof typeof errorCatalogue;
export type Locale = 'en' | 'ru';
export const locales: readonly Locale[] = ['en', 'ru'];

/** Fills `{name}` placeholders; unknown names stay as they are. */
export function formatMessage(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** The message of an error code in the given language. */
export function errorMessage(code: ErrorCode, locale: Locale, params?: Record<string, unknown>): string {
  return formatMessage(errorCatalogue[code][locale], params);
}
