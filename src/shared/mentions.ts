/**
 * Finding `@mentions` and `#hashtags` in what a person writes (P2, P3). Pure functions shared by
 * the server (to notify and to index) and the web app (to highlight and autocomplete).
 *
 * A mention is `@` followed by letters, digits, `.`, `_` or `-` (Cyrillic included), a hashtag is
 * `#` followed by letters, digits or `_`. Neither counts inside a word (`anna@corp.com`,
 * `C#`), after `/`, `:` or `&` (URLs, `&#39;`), or inside code spans and fenced code blocks.
 */

const MAX_TOKEN = 64;
const mentionPattern = /(?<![\p{L}\p{N}_@#/:&.-])@([\p{L}\p{N}][\p{L}\p{N}._-]*)/gu;
const hashtagPattern = /(?<![\p{L}\p{N}_@#/:&])#([\p{L}\p{N}_]+)/gu;

/** A fresh global matcher of hashtags (group 1 is the tag), for renderers that split text. */
export function hashtagMatcher(): RegExp {
  return new RegExp(hashtagPattern.source, hashtagPattern.flags);
}

/** The text with fenced code blocks and inline code spans blanked out (same length, no tokens). */
function withoutCode(text: string): string {
  return text
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?(^\1[^\n]*$|(?![\s\S]))/gm, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (span) => ' '.repeat(span.length));
}

function collect(text: string, pattern: RegExp, trim: (token: string) => string): string[] {
  const seen = new Set<string>();
  for (const match of withoutCode(text).matchAll(pattern)) {
    const token = trim(match[1] ?? '').toLowerCase();
    if (token.length > 0 && token.length <= MAX_TOKEN) seen.add(token);
  }
  return [...seen];
}

/** The distinct people, groups and departments mentioned, lower-cased, in order of appearance. */
export function extractMentions(text: string): string[] {
  // A sentence may end right after a mention: "ask @anna." — the final dot is not hers.
  return collect(text, mentionPattern, (token) => token.replace(/[._-]+$/, ''));
}

/** The distinct hashtags, lower-cased, in order of appearance. */
export function extractHashtags(text: string): string[] {
  return collect(text, hashtagPattern, (token) => token);
}

/**
 * The `@handle` a group or department is mentioned by: its name lower-cased, runs of anything
 * that cannot be in a mention turned into `-`, trimmed ("Sales & Marketing" → `sales-marketing`,
 * "Отдел продаж" → `отдел-продаж`). People are mentioned by the part of their e-mail before `@`.
 */
export function handleFromName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 60);
}
