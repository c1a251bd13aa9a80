import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { hashtagMatcher } from '../../../shared/mentions.js';

/** Schemes a link may use; everything else (javascript:, data:, vbscript:, file:) is dropped. */
const allowedSchemes = ['http', 'https', 'mailto'];

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
// markdown-it's own check allows some data: images; ours is stricter and shared with the sanitiser.
markdown.validateLink = (url) => {
  const trimmed = url.trim().toLowerCase();
  if (trimmed.startsWith('/') && !trimmed.startsWith('//')) return true;
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(trimmed)?.[1];
  return scheme !== undefined && allowedSchemes.includes(scheme);
};

type Token = ReturnType<MarkdownIt['parseInline']>[number];

/**
 * Hashtags become links to their topic page. Done on the token stream, not on the HTML, so a
 * `#tag` inside code, or inside the text of a link, stays as written.
 */
markdown.core.ruler.push('hashtags', (state) => {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    let insideLink = 0;
    const out: Token[] = [];
    for (const token of block.children) {
      if (token.type === 'link_open') insideLink += 1;
      if (token.type === 'link_close') insideLink -= 1;
      if (token.type !== 'text' || insideLink > 0) {
        out.push(token);
        continue;
      }
      let last = 0;
      for (const match of token.content.matchAll(hashtagMatcher())) {
        const start = match.index;
        if (start > last) out.push(textToken(state, token.content.slice(last, start)));
        const open = new state.Token('link_open', 'a', 1);
        open.attrSet('href', `/topics/${encodeURIComponent((match[1] ?? '').toLowerCase())}`);
        out.push(open, textToken(state, match[0]), new state.Token('link_close', 'a', -1));
        last = start + match[0].length;
      }
      if (last === 0) out.push(token);
      else if (last < token.content.length) out.push(textToken(state, token.content.slice(last)));
    }
    block.children = out;
  }
});

function textToken(
  state: { Token: new (type: string, tag: string, nesting: -1 | 0 | 1) => Token },
  content: string,
) {
  const token = new state.Token('text', '', 0);
  token.content = content;
  return token;
}

/**
 * The allow-list applied to markdown-it's output (RELIABILITY.md R23, R25). Raw HTML is already
 * disabled in the parser; this is the second wall, so a parser bug cannot become script. Images
 * are not rendered inline: pictures come as attachments served by us, and remote images would
 * track readers.
 */
const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    's',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'hr',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'rel', 'target'], ol: ['start'], th: ['style'], td: ['style'] },
  allowedStyles: {
    th: { 'text-align': [/^(left|right|center)$/] },
    td: { 'text-align': [/^(left|right|center)$/] },
  },
  allowedSchemes,
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: {
        ...(attribs.href ? { href: attribs.href } : {}),
        // Our own pages (topics) open in place; everything else in a new tab, without a referrer.
        ...(isOwnPath(attribs.href) ? {} : { rel: 'noopener noreferrer nofollow', target: '_blank' }),
      },
    }),
  },
};

function isOwnPath(href: string | undefined): boolean {
  return href?.startsWith('/') === true && !href.startsWith('//') && !href.startsWith('/\\');
}

/**
 * Renders a person's Markdown to the HTML every client may insert as is: CommonMark plus
 * auto-linked URLs and line breaks, no raw HTML, links limited to http, https, mailto and our own
 * paths, each opening in a new tab without a referrer.
 */
export function renderMarkdown(source: string): string {
  return renderPlainText(source) ?? renderParsed(source);
}

/** markdown-it, then the sanitiser: what every body that is not plain text goes through. */
export function renderParsed(source: string): string {
  return sanitizeHtml(markdown.render(source), sanitizeOptions);
}

/**
 * A line markdown-it leaves as it is: it starts with a letter (no block marker such as `#`, `>`,
 * `-`, `1.` or an indent), ends with no space (no hard break), and holds only letters, digits,
 * emoji and punctuation that has no meaning in Markdown here. No `@`, `/` or `#` (links, e-mail
 * addresses, hashtags), no `&`, `<`, `>` (entities and HTML), and a dot only before a space,
 * punctuation or the end, so that nothing reads as a domain name (`example.com`).
 */
const plainLine =
  /^\p{L}(?:[\p{L}\p{M}\p{N}\p{Extended_Pictographic} ,!?;:'"()%$+=-]|\u200D|\.(?=[ .,!?;:'"()]|$))*(?<! )$/u;

/**
 * Most chat messages are a line or a few of plain words, and parsing and sanitising them cost a
 * send more CPU than any of its statements. For those, the HTML markdown-it and the sanitiser
 * would produce — one paragraph, lines joined by `<br />`, `"` left as is by the sanitiser —
 * byte for byte (render-plain.test.ts compares the two over corpora and generated text);
 * undefined for anything else.
 */
export function renderPlainText(source: string): string | undefined {
  const lines = source.split('\n');
  for (const line of lines) if (!plainLine.test(line)) return undefined;
  return `<p>${lines.join('<br />\n')}</p>\n`;
}
