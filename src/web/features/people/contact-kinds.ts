import type { TFunction } from 'i18next';

/** The contact kinds the profile form offers; stored as these keys (`telegram`, …). */
export const contactKinds = [
  'telegram',
  'whatsapp',
  'mobile',
  'skype',
  'teams',
  'slack',
  'linkedin',
  'github',
  'website',
] as const;

export type ContactKind = (typeof contactKinds)[number];

function isKnownKind(kind: string): kind is ContactKind {
  return (contactKinds as readonly string[]).includes(kind);
}

/** A contact kind's name in the interface's language; unknown kinds (from imports) as stored. */
export function contactKindLabel(t: TFunction, kind: string): string {
  return isKnownKind(kind) ? t(`contacts.${kind}`) : kind;
}

/** A link for a contact when its value is one (a web address or a phone number), else null. */
export function contactHref(kind: string, value: string): string | null {
  if (/^https?:\/\//i.test(value)) return value;
  if ((kind === 'mobile' || kind === 'whatsapp') && /^\+?[\d\s()-]{5,}$/.test(value)) {
    return `tel:${value.replace(/[^\d+]/g, '')}`;
  }
  if (kind === 'telegram' && /^@?[A-Za-z0-9_]{5,32}$/.test(value))
    return `https://t.me/${value.replace(/^@/, '')}`;
  return null;
}
