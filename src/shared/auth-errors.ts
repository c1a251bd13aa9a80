/**
 * Error codes of signing up and signing in: credentials, the password policy, e-mailed links,
 * allowed domains and sessions, part of the one catalogue in errors.ts (kept apart so that file stays readable).
 */
export const authErrors = {
  INVALID_CREDENTIALS: {
    status: 401,
    en: 'The e-mail or password is not correct.',
    ru: 'Неверный e-mail или пароль.',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    en: 'Too many failed sign-in attempts. Reset your password by e-mail to sign in again.',
    ru: 'Слишком много неудачных попыток входа. Сбросьте пароль через e-mail, чтобы войти снова.',
  },
  PASSWORD_EXPIRED: {
    status: 403,
    en: 'Your password has expired. Set a new one through "Forgot password".',
    ru: 'Срок действия пароля истёк. Задайте новый через «Забыли пароль».',
  },
  REGISTRATION_NOT_ALLOWED: {
    status: 403,
    en: 'This e-mail address cannot be used to register. Use your work e-mail, or ask your administrator for access.',
    ru: 'С этим адресом зарегистрироваться нельзя. Используйте рабочий e-mail или попросите доступ у администратора.',
  },
  TOKEN_INVALID: {
    status: 400,
    en: 'This link is invalid or has expired. Request a new one.',
    ru: 'Ссылка недействительна или устарела. Запросите новую.',
  },
  VERIFY_PASSWORD_MISMATCH: {
    status: 400,
    en: 'This is not the password chosen at sign-up. If you did not sign up yourself, ignore the e-mail; otherwise sign up again to choose a new password.',
    ru: 'Это не тот пароль, что был указан при регистрации. Если вы не регистрировались, просто проигнорируйте письмо; иначе зарегистрируйтесь заново и задайте новый пароль.',
  },
  PASSWORD_TOO_SHORT: {
    status: 400,
    en: 'The password must be at least {min} characters long.',
    ru: 'Пароль должен быть не короче {min} символов.',
  },
  PASSWORD_TOO_LONG: {
    status: 400,
    en: 'The password must be at most {max} characters long.',
    ru: 'Пароль должен быть не длиннее {max} символов.',
  },
  PASSWORD_BLOCKLISTED: {
    status: 400,
    en: 'This password is too common or too easy to guess ({reason}). Choose another one.',
    ru: 'Этот пароль слишком распространён или легко угадывается ({reason}). Выберите другой.',
  },
  PASSWORD_COMPOSITION: {
    status: 400,
    en: 'The password needs at least {count} {kind}.',
    ru: 'В пароле нужно не меньше {count}: {kind}.',
  },
  PASSWORD_REUSED: {
    status: 400,
    en: 'This password was used recently. Choose one you have not used before.',
    ru: 'Этот пароль недавно использовался. Выберите новый.',
  },
  CURRENT_PASSWORD_INCORRECT: {
    status: 400,
    en: 'The current password is not correct.',
    ru: 'Текущий пароль указан неверно.',
  },
  DOMAIN_INVALID: {
    status: 400,
    en: '"{domain}" is not a valid domain name.',
    ru: '«{domain}» — неправильное доменное имя.',
  },
  SESSION_NOT_FOUND: { status: 404, en: 'This session does not exist.', ru: 'Такого сеанса нет.' },
} as const satisfies Record<string, { status: number; en: string; ru: string }>;
