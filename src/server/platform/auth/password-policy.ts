import { authLimits } from '../../../shared/api/auth.js';
import type { NistNote, PasswordPolicy } from '../../../shared/api/settings.js';
import { errorMessage, type Locale } from '../../../shared/errors.js';
import { AppError } from '../http/errors.js';
import { commonPasswords } from './common-passwords.js';
import { normalizePassword, passwordSizeProblem } from './passwords.js';

/**
 * The password rules of NIST SP 800-63B-4 as the administrator tunes them (R06): a minimum
 * length, no truncation, any Unicode, a blocklist of common passwords, the administrator's words
 * and the context (the person's e-mail and name, the company's name); composition rules only if
 * the administrator insists.
 */

/** The policy of a fresh installation: NIST's recommendation, nothing more. */
export const defaultPasswordPolicy: PasswordPolicy = {
  minLength: 15,
  lockoutThreshold: 10,
  blocklist: [],
  minLetters: 0,
  minDigits: 0,
  minSymbols: 0,
  expiryDays: 0,
  historyCount: 0,
};

/** Where a policy departs from NIST's advice, for the admin UI's warning. */
export function nistNotes(policy: PasswordPolicy): NistNote[] {
  const notes: NistNote[] = [];
  if (policy.minLetters > 0 || policy.minDigits > 0 || policy.minSymbols > 0) notes.push('composition');
  if (policy.expiryDays > 0) notes.push('expiry');
  if (policy.historyCount > 0) notes.push('history');
  if (policy.minLength < 15) notes.push('short-minimum');
  return notes;
}

/** What the password is checked against besides the lists: who it is for. */
export interface PasswordContext {
  email?: string | null;
  name?: string | null;
  companyName?: string | null;
}

/** Why a password is on the blocklist; each has a readable reason in both languages. */
export type BlockReason = 'common' | 'pattern' | 'company' | 'name' | 'email' | 'admin-word';
/** The character classes composition rules count. */
export type CompositionKind = 'letters' | 'digits' | 'symbols';

/** The first rule a password breaks. */
export type PasswordProblem =
  | { code: 'PASSWORD_TOO_SHORT'; min: number }
  | { code: 'PASSWORD_TOO_LONG'; max: number }
  | { code: 'PASSWORD_BLOCKLISTED'; reason: BlockReason }
  | { code: 'PASSWORD_COMPOSITION'; kind: CompositionKind; count: number };

const leet: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
  '!': 'i',
};

const lower = (s: string) => normalizePassword(s).toLowerCase();
/** Strips what people tack on around a weak word: `Password1!` → `password`. */
const trimEnds = (s: string) => s.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
const unLeet = (s: string) => [...s].map((c) => leet[c] ?? c).join('');
/** Letters and digits only, leet undone: the form context words are searched in. */
const compact = (s: string) => unLeet(lower(s)).replace(/[^\p{L}\p{N}]/gu, '');

function isCommon(password: string): boolean {
  const list = commonPasswords();
  const l = lower(password);
  const variants = [l, trimEnds(l), unLeet(l), trimEnds(unLeet(l)), unLeet(trimEnds(l))];
  return variants.some((v) => v.length > 0 && list.has(v));
}

/** One character repeated, a short unit repeated (`abcabcabc`), or a run like `123456789`. */
function isPattern(password: string): boolean {
  const chars = [...lower(password).replace(/\s+/g, '')];
  if (chars.length < 2) return false;
  for (let unit = 1; unit <= 4 && unit * 2 <= chars.length; unit += 1) {
    if (chars.every((c, i) => c === chars[i % unit])) return true;
  }
  // Runs up or down; digits wrap around (`…7890123…`), as on a keyboard's number row.
  const digits = chars.every((c) => c >= '0' && c <= '9');
  const codes = chars.map((c) => c.codePointAt(0) ?? 0);
  const stepOf = (a: number, b: number) => (digits ? (((b - a) % 10) + 10) % 10 : b - a);
  const step = stepOf(codes[0] ?? 0, codes[1] ?? 0);
  const unit = digits ? step === 1 || step === 9 : Math.abs(step) === 1;
  return unit && codes.every((c, i) => i === 0 || stepOf(codes[i - 1] ?? 0, c) === step);
}

/** Words of at least `min` letters or digits found in a piece of context. */
function words(text: string | null | undefined, min: number): string[] {
  if (!text) return [];
  return lower(text)
    .split(/[^\p{L}\p{N}]+/u)
    .map(compact)
    .filter((w) => [...w].length >= min);
}

/**
 * A password "contains" a context word when the word appears in its compact form; words of
 * fewer than four characters count only when they are the whole password, since they occur by
 * chance inside long passphrases.
 */
function contains(password: string, word: string): boolean {
  if (!word) return false;
  const c = compact(password);
  return [...word].length >= 4 ? c.includes(word) : c === word;
}

function blockReason(password: string, policy: PasswordPolicy, context: PasswordContext): BlockReason | null {
  if (isCommon(password)) return 'common';
  if (isPattern(password)) return 'pattern';
  const company = context.companyName ? [compact(context.companyName), ...words(context.companyName, 5)] : [];
  if (company.some((w) => contains(password, w))) return 'company';
  const name = context.name ?? '';
  if ([compact(name), ...words(name, 3)].some((w) => contains(password, w))) return 'name';
  const localPart = context.email?.split('@')[0] ?? '';
  if ([compact(localPart), ...words(localPart, 3)].some((w) => contains(password, w))) return 'email';
  if (policy.blocklist.some((w) => contains(password, compact(w)))) return 'admin-word';
  return null;
}

function countOf(password: string, kind: CompositionKind): number {
  const chars = [...normalizePassword(password)];
  if (kind === 'letters') return chars.filter((c) => /\p{L}/u.test(c)).length;
  if (kind === 'digits') return chars.filter((c) => /\p{Nd}/u.test(c)).length;
  return chars.filter((c) => !/[\p{L}\p{Nd}]/u.test(c)).length;
}

/** The first rule of `policy` that `password` breaks, or null when it may be used. */
export function checkPassword(
  password: string,
  policy: PasswordPolicy,
  context: PasswordContext = {},
): PasswordProblem | null {
  if (passwordSizeProblem(password)) return { code: 'PASSWORD_TOO_LONG', max: authLimits.passwordMaxChars };
  const length = [...normalizePassword(password)].length;
  if (length < policy.minLength) return { code: 'PASSWORD_TOO_SHORT', min: policy.minLength };
  const reason = blockReason(password, policy, context);
  if (reason) return { code: 'PASSWORD_BLOCKLISTED', reason };
  const required: [CompositionKind, number][] = [
    ['letters', policy.minLetters],
    ['digits', policy.minDigits],
    ['symbols', policy.minSymbols],
  ];
  for (const [kind, count] of required) {
    if (count > 0 && countOf(password, kind) < count) return { code: 'PASSWORD_COMPOSITION', kind, count };
  }
  return null;
}

const reasonText: Record<Locale, Record<BlockReason, string>> = {
  en: {
    common: 'it is on the list of commonly used passwords',
    pattern: 'it is a repetition or a simple sequence of characters',
    company: 'it contains the company name',
    name: 'it contains your name',
    email: 'it contains your e-mail address',
    'admin-word': 'it contains a word your administrator has forbidden',
  },
  ru: {
    common: 'он есть в списке распространённых паролей',
    pattern: 'он состоит из повторов или простой последовательности символов',
    company: 'он содержит название компании',
    name: 'он содержит ваше имя',
    email: 'он содержит ваш адрес e-mail',
    'admin-word': 'он содержит слово, запрещённое администратором',
  },
};

const kindText: Record<Locale, Record<CompositionKind, string>> = {
  en: { letters: 'letters', digits: 'digits', symbols: 'symbols (neither letters nor digits)' },
  ru: { letters: 'букв', digits: 'цифр', symbols: 'символов (не букв и не цифр)' },
};

/** The 400 for a broken rule: the rule's code, with a readable reason on `field`. */
export function passwordProblemError(problem: PasswordProblem, field: string, locale: Locale): AppError {
  const params: Record<string, unknown> =
    problem.code === 'PASSWORD_TOO_SHORT'
      ? { min: problem.min }
      : problem.code === 'PASSWORD_TOO_LONG'
        ? { max: problem.max }
        : problem.code === 'PASSWORD_BLOCKLISTED'
          ? { reason: reasonText[locale][problem.reason] }
          : { count: problem.count, kind: kindText[locale][problem.kind] };
  const message = errorMessage(problem.code, locale, params);
  return new AppError(problem.code, params, [{ field, code: problem.code, message }]);
}

/** Throws the policy's 400 if `password` breaks a rule. */
export function assertPasswordAllowed(
  password: string,
  policy: PasswordPolicy,
  context: PasswordContext,
  field: string,
  locale: Locale,
): void {
  const problem = checkPassword(password, policy, context);
  if (problem) throw passwordProblemError(problem, field, locale);
}

/** Whether a password set at `changedAt` has outlived the policy's expiry. */
export function isPasswordExpired(
  policy: PasswordPolicy,
  changedAt: string | null,
  now = Date.now(),
): boolean {
  if (policy.expiryDays <= 0 || !changedAt) return false;
  return Date.parse(changedAt) + policy.expiryDays * 86_400_000 <= now;
}
