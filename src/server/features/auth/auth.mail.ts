import type { FastifyBaseLogger } from 'fastify';
import type { Locale } from '../../../shared/errors.js';
import type { Config } from '../../platform/config.js';
import type { Mailer, MailMessage } from '../../platform/mail/mailer.js';

/**
 * The e-mails of sign-up and password reset, in the recipient's language. Services return them;
 * routes hand them to the mailer after the transaction commits, without waiting, so how long a
 * mail server takes tells nothing about whether an address exists.
 */

/** The address links in e-mails point to: PUBLIC_URL, or this machine for a local install. */
export function publicBaseUrl(config: Config): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

function link(config: Config, page: string, token: string): string {
  return `${publicBaseUrl(config)}/${page}?token=${encodeURIComponent(token)}`;
}

const texts = {
  en: {
    verifySubject: 'Confirm your e-mail address for Atrium',
    verify: (url: string) =>
      `Someone (hopefully you) signed up for Atrium with this address.\n\nOpen this link within 24 hours to confirm it and activate your account:\n${url}\n\nIf it was not you, ignore this message: nothing happens without the link.`,
    existingSubject: 'You already have an Atrium account',
    existing: (url: string) =>
      `Someone tried to sign up for Atrium with this address, but you already have an account.\n\nIf you forgot your password, set a new one here:\n${url}\n\nIf it was not you, ignore this message.`,
    resetSubject: 'Reset your Atrium password',
    reset: (url: string) =>
      `A password reset was requested for your Atrium account.\n\nOpen this link within one hour to choose a new password:\n${url}\n\nIf you did not ask for it, ignore this message: your password stays as it is.`,
    changedSubject: 'Your Atrium password was changed',
    changed: () =>
      'The password of your Atrium account was just changed.\n\nIf it was not you, reset your password at once with "Forgot password" and tell your administrator.',
  },
  ru: {
    verifySubject: 'Подтвердите адрес e-mail для Atrium',
    verify: (url: string) =>
      `Кто-то (надеемся, вы) зарегистрировался в Atrium с этим адресом.\n\nОткройте ссылку в течение 24 часов, чтобы подтвердить адрес и активировать учётную запись:\n${url}\n\nЕсли это были не вы, просто проигнорируйте письмо: без ссылки ничего не произойдёт.`,
    existingSubject: 'У вас уже есть учётная запись в Atrium',
    existing: (url: string) =>
      `Кто-то пытался зарегистрироваться в Atrium с этим адресом, но у вас уже есть учётная запись.\n\nЕсли вы забыли пароль, задайте новый здесь:\n${url}\n\nЕсли это были не вы, проигнорируйте письмо.`,
    resetSubject: 'Сброс пароля Atrium',
    reset: (url: string) =>
      `Для вашей учётной записи Atrium запрошен сброс пароля.\n\nОткройте ссылку в течение часа, чтобы выбрать новый пароль:\n${url}\n\nЕсли вы этого не запрашивали, проигнорируйте письмо: пароль останется прежним.`,
    changedSubject: 'Пароль Atrium изменён',
    changed: () =>
      'Пароль вашей учётной записи Atrium только что изменён.\n\nЕсли это были не вы, немедленно сбросьте пароль через «Забыли пароль» и сообщите администратору.',
  },
} satisfies Record<Locale, unknown>;

/** The sign-up confirmation link (24 hours). */
export function verifyEmailMail(config: Config, locale: Locale, to: string, token: string): MailMessage {
  const t = texts[locale];
  return { to, subject: t.verifySubject, text: t.verify(link(config, 'verify-email', token)) };
}

/** To an owner whose address someone tried to sign up again: points to the password reset. */
export function alreadyRegisteredMail(config: Config, locale: Locale, to: string): MailMessage {
  const t = texts[locale];
  return { to, subject: t.existingSubject, text: t.existing(`${publicBaseUrl(config)}/forgot-password`) };
}

/** The password reset link (one hour). */
export function resetPasswordMail(config: Config, locale: Locale, to: string, token: string): MailMessage {
  const t = texts[locale];
  return { to, subject: t.resetSubject, text: t.reset(link(config, 'reset-password', token)) };
}

/** The notice that the password was changed (R10). */
export function passwordChangedMail(locale: Locale, to: string): MailMessage {
  const t = texts[locale];
  return { to, subject: t.changedSubject, text: t.changed() };
}

/**
 * Sends after commit without making the caller wait; a failure is logged without the message,
 * which may carry a token.
 */
export function deliverMail(mailer: Mailer, log: FastifyBaseLogger, message: MailMessage | null): void {
  if (!message) return;
  mailer.send(message).catch((err: unknown) => {
    log.error({ err, subject: message.subject }, 'could not send e-mail');
  });
}

/** The language for mail to a person: their own choice, else the language of the request. */
export function mailLocale(userLocale: string | null | undefined, requestLocale: Locale): Locale {
  return userLocale === 'ru' || userLocale === 'en' ? userLocale : requestLocale;
}
