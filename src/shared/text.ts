/**
 * The one normalisation of names and free text people type (RELIABILITY.md R32): Unicode NFC,
 * lone surrogates replaced by U+FFFD (no database stores them), and characters removed that
 * let a name look like another or hide text: bidi overrides and isolates, zero-width spaces,
 * word joiners, the BOM, soft hyphens, and C0/C1 control characters (NUL breaks PostgreSQL).
 * Zero-width joiners and non-joiners stay: emoji sequences and several scripts need them.
 * Everything else round-trips unchanged.
 */

// Bidi: ALM, LRM, RLM, LRE…RLO, LRI…PDI. Invisible: ZWSP, WJ and the invisible operators, BOM,
// soft hyphen, Mongolian vowel separator.
const invisible = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD\u180E]/g;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const controlsExceptLineBreaksAndTab = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const lineBreaksAndTabs = /[\t\n\r\u2028\u2029]+/g;

function strip(value: string): string {
  return value.replace(loneSurrogate, '\uFFFD').replace(invisible, '');
}

/** A single-line value (names, positions, cities): also no line breaks or tabs, trimmed. */
export function cleanLine(value: string): string {
  // NFC last: removing a character can bring a letter and its combining mark together.
  return strip(value)
    .replace(lineBreaksAndTabs, ' ')
    .replace(controlsExceptLineBreaksAndTab, '')
    .normalize('NFC')
    .trim();
}

/** Multi-line text (about): line breaks become `\n`, other controls go, tabs stay. */
export function cleanText(value: string): string {
  return strip(value)
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(controlsExceptLineBreaksAndTab, '')
    .normalize('NFC');
}

/**
 * The key that searches, sorting and uniqueness compare on: lower case (Cyrillic included),
 * and ё folded into е, since Russian text mostly writes «е» for «ё» and people search that way.
 */
export function searchKey(value: string): string {
  return cleanLine(value).toLowerCase().replaceAll('ё', 'е');
}
