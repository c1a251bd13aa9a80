import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

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
        rel: 'noopener noreferrer nofollow',
        target: '_blank',
      },
    }),
  },
};

/**
 * Renders a person's Markdown to the HTML every client may insert as is: CommonMark plus
 * auto-linked URLs and line breaks, no raw HTML, links limited to http, https, mailto and our own
 * paths, each opening in a new tab without a referrer.
 */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), sanitizeOptions);
}
