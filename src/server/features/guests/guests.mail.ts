import type { Locale } from '../../../shared/errors.js';
import type { Config } from '../../platform/config.js';
import type { MailMessage } from '../../platform/mail/mailer.js';
import { publicBaseUrl } from '../auth/auth.mail.js';

/**
 * The e-mails of guest invitations, in the recipient's language (for a new address: the
 * inviter's). Plain text; the names in them are single-line text as stored. Services return them
 * and routes send them after the transaction commits (auth.mail.ts `deliverMail`).
 */

/** When access ends, as people read it: `2026-03-01 14:30 UTC`. */
export function mailDate(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** Where the invitation page is: `${publicUrl}/guest/accept?token=…`. */
export function invitationLink(config: Config, token: string): string {
  return `${publicBaseUrl(config)}/guest/accept?token=${encodeURIComponent(token)}`;
}

export interface InvitationMailFacts {
  inviterName: string;
  companyName: string | null;
  groupName: string;
  accessExpiresAt: string;
}

/** A new invitation also says until when its link works. */
export type NewInvitationFacts = InvitationMailFacts & { linkExpiresAt: string };

const texts = {
  en: {
    company: (name: string | null) => name ?? 'your colleagues',
    inviteSubject: (f: InvitationMailFacts) => `${f.inviterName} invited you to "${f.groupName}" on Atrium`,
    invite: (f: NewInvitationFacts, url: string) =>
      `${f.inviterName} invited you as a guest to the group "${f.groupName}" of ${texts.en.company(f.companyName)} on Atrium, their corporate network.\n\nOpen this link before ${mailDate(f.linkExpiresAt)} to accept the invitation and choose your password:\n${url}\n\nAs a guest you see only the groups you are invited to. Your access lasts until ${mailDate(f.accessExpiresAt)}.\n\nIf you do not know ${f.inviterName}, ignore this message: nothing happens without the link.`,
    addedSubject: (f: InvitationMailFacts) => `You were added to "${f.groupName}" on Atrium`,
    added: (f: InvitationMailFacts, url: string) =>
      `${f.inviterName} added you as a guest to the group "${f.groupName}" of ${texts.en.company(f.companyName)}.\n\nYour guest access now lasts until ${mailDate(f.accessExpiresAt)}. Sign in as usual:\n${url}`,
    reactivatedSubject: (f: InvitationMailFacts) =>
      `Your guest access on Atrium is open again: "${f.groupName}"`,
    reactivated: (f: InvitationMailFacts, url: string, resetUrl: string) =>
      `${f.inviterName} invited you again, as a guest of ${texts.en.company(f.companyName)}, into the group "${f.groupName}".\n\nYour access is open again until ${mailDate(f.accessExpiresAt)}. Sign in with this e-mail address and your previous password:\n${url}\n\nIf you do not remember it, choose a new one here:\n${resetUrl}`,
  },
  ru: {
    company: (name: string | null) => name ?? 'ваших коллег',
    inviteSubject: (f: InvitationMailFacts) => `${f.inviterName} приглашает вас в «${f.groupName}» в Atrium`,
    invite: (f: NewInvitationFacts, url: string) =>
      `${f.inviterName} приглашает вас гостем в группу «${f.groupName}» корпоративной сети Atrium компании ${texts.ru.company(f.companyName)}.\n\nОткройте ссылку до ${mailDate(f.linkExpiresAt)}, чтобы принять приглашение и выбрать пароль:\n${url}\n\nГость видит только те группы, в которые его пригласили. Доступ действует до ${mailDate(f.accessExpiresAt)}.\n\nЕсли вы не знаете, кто такой ${f.inviterName}, проигнорируйте письмо: без ссылки ничего не произойдёт.`,
    addedSubject: (f: InvitationMailFacts) => `Вас добавили в «${f.groupName}» в Atrium`,
    added: (f: InvitationMailFacts, url: string) =>
      `${f.inviterName} добавил(а) вас гостем в группу «${f.groupName}» компании ${texts.ru.company(f.companyName)}.\n\nГостевой доступ теперь действует до ${mailDate(f.accessExpiresAt)}. Войдите как обычно:\n${url}`,
    reactivatedSubject: (f: InvitationMailFacts) => `Гостевой доступ в Atrium снова открыт: «${f.groupName}»`,
    reactivated: (f: InvitationMailFacts, url: string, resetUrl: string) =>
      `${f.inviterName} снова пригласил(а) вас гостем компании ${texts.ru.company(f.companyName)} в группу «${f.groupName}».\n\nДоступ снова открыт до ${mailDate(f.accessExpiresAt)}. Войдите с этим адресом e-mail и прежним паролем:\n${url}\n\nЕсли вы его не помните, задайте новый здесь:\n${resetUrl}`,
  },
} satisfies Record<Locale, unknown>;

/** A new invitation: the link to accept it. */
export function invitationMail(
  config: Config,
  locale: Locale,
  to: string,
  token: string,
  facts: NewInvitationFacts,
): MailMessage {
  const t = texts[locale];
  return { to, subject: t.inviteSubject(facts), text: t.invite(facts, invitationLink(config, token)) };
}

/** An active guest added to one more group. */
export function addedMail(
  config: Config,
  locale: Locale,
  to: string,
  facts: InvitationMailFacts,
): MailMessage {
  const t = texts[locale];
  return { to, subject: t.addedSubject(facts), text: t.added(facts, `${publicBaseUrl(config)}/sign-in`) };
}

/** An expired guest invited again: access is open again with the new date. */
export function reactivatedMail(
  config: Config,
  locale: Locale,
  to: string,
  facts: InvitationMailFacts,
): MailMessage {
  const t = texts[locale];
  const base = publicBaseUrl(config);
  return {
    to,
    subject: t.reactivatedSubject(facts),
    text: t.reactivated(facts, `${base}/sign-in`, `${base}/forgot-password`),
  };
}
