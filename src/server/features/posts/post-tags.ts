import { postLimits } from '../../../shared/api/posts.js';
import { extractHashtags } from '../../../shared/mentions.js';
import { searchKey } from '../../../shared/text.js';

const spelled = /#([\p{L}\p{N}_]+)/gu;

/**
 * The hashtags of a body as topics (P3): the normalised tag (`searchKey`: lower case, ё → е) and
 * the spelling it was first written with, distinct, at most `postLimits.tags`.
 */
export function topicsOf(body: string): { tag: string; name: string }[] {
  const spelling = new Map<string, string>();
  for (const match of body.matchAll(spelled)) {
    const token = match[1] ?? '';
    if (!spelling.has(token.toLowerCase())) spelling.set(token.toLowerCase(), token);
  }
  const topics = new Map<string, string>();
  for (const lower of extractHashtags(body)) {
    const tag = searchKey(lower);
    if (tag !== '' && !topics.has(tag)) topics.set(tag, spelling.get(lower) ?? lower);
    if (topics.size === postLimits.tags) break;
  }
  return [...topics].map(([tag, name]) => ({ tag, name }));
}
