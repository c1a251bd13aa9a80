/**
 * The words of a message for the simple chat search (issue 5 §7): Unicode NFKC (so ﬁ, full-width
 * and other compatibility forms match their plain letters), lower case, ё folded into е as
 * `searchKey` does, then runs of letters and digits (any script; Russian and English are what
 * people type). The unified search issue replaces this index; until then it is enough.
 */

/** Longer runs are cut: nobody searches a 200-letter "word", and the index key stays small. */
export const maxTermLength = 40;
/** A long message indexes its first distinct words only, so one send stays a few statements. */
export const maxTermsPerMessage = 400;
/** Words of a query beyond this are ignored. */
export const maxQueryWords = 8;

const wordPattern = /[\p{L}\p{N}]+/gu;

function words(text: string): string[] {
  const out: string[] = [];
  const normal = text.normalize('NFKC').toLowerCase().replaceAll('ё', 'е');
  for (const [word] of normal.matchAll(wordPattern)) {
    // No more UTF-16 units than the limit: no more characters either, nothing to cut.
    out.push(word.length <= maxTermLength ? word : Array.from(word).slice(0, maxTermLength).join(''));
  }
  return out;
}

/** The distinct terms of a message's text, in order of appearance. */
export function messageTerms(text: string): string[] {
  const seen = new Set<string>();
  for (const word of words(text)) {
    seen.add(word);
    if (seen.size >= maxTermsPerMessage) break;
  }
  return [...seen];
}

/**
 * A query as terms: every word must match exactly, except the last, which may be the start of a
 * word (the person is still typing it). Empty when the query has no letters or digits.
 */
export function queryTerms(q: string): { exact: string[]; prefix: string | null } {
  const all = [...new Set(words(q))].slice(0, maxQueryWords);
  const prefix = all.pop() ?? null;
  return { exact: all.filter((w) => w !== prefix), prefix };
}
