import { Parser } from 'htmlparser2';
import MarkdownIt from 'markdown-it';
import { type SafeFetch, safeFetch } from './safe-fetch.js';

/**
 * What a post shows under a link. Plain text, to be rendered as text (never as HTML); the image
 * is an absolute http(s) URL still to be re-served through our image proxy (RELIABILITY.md R30).
 */
export interface LinkPreview {
  title?: string;
  description?: string;
  imageUrl?: string;
  siteName?: string;
}

const maxTitle = 300;
const maxDescription = 1000;
const maxSiteName = 200;
const maxUrl = 2048;
const previewMaxBytes = 1024 * 1024;
const previewTimeoutMs = 5_000;
const htmlTypes = new Set(['text/html', 'application/xhtml+xml']);

/** Meta keys in order of preference, per field. */
const titleKeys = ['og:title', 'twitter:title'];
const descriptionKeys = ['og:description', 'twitter:description', 'description'];
const imageKeys = ['og:image:secure_url', 'og:image:url', 'og:image', 'twitter:image', 'twitter:image:src'];
const siteNameKeys = ['og:site_name', 'application-name'];
const wantedKeys = new Set([...titleKeys, ...descriptionKeys, ...imageKeys, ...siteNameKeys]);

// Bidi controls would let a page flip how its title reads around our own text (R32).
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Collapses whitespace and control characters, drops bidi controls, cuts to `max` code points. */
function cleanText(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  const text = value
    .replace(bidiControls, '')
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim();
  if (text === '') return undefined;
  const codePoints = Array.from(text);
  if (codePoints.length <= max) return text;
  return `${codePoints
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/** `value` (resolved against `base`, if given) kept only when it is a plain http(s) URL of sane length. */
function httpUrl(value: string | undefined, base?: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.username !== '' || url.password !== '') return undefined;
    return url.href.length <= maxUrl ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function firstOf(meta: Map<string, string>, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = meta.get(key);
    if (value !== undefined && value.trim() !== '') return value;
  }
  return undefined;
}

/**
 * Reads a page's OpenGraph and Twitter card tags, falling back to `<title>` and the meta
 * description. Entities are decoded, text is trimmed to 300 (title) and 1000 (description)
 * characters, and the image kept only as an absolute http(s) URL. Undefined when the page has
 * neither a title nor a description.
 */
export function extractLinkPreview(html: string, baseUrl: string): LinkPreview | undefined {
  const meta = new Map<string, string>();
  let documentTitle: string | undefined;
  let inTitle = false;
  // <title> inside inline SVG or MathML names a drawing, not the page.
  let foreignDepth = 0;

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'svg' || name === 'math') foreignDepth++;
        else if (name === 'title' && foreignDepth === 0 && documentTitle === undefined) {
          inTitle = true;
          documentTitle = '';
        } else if (name === 'meta') {
          const key = (attribs.property ?? attribs.name ?? '').trim().toLowerCase();
          const content = attribs.content;
          if (content !== undefined && wantedKeys.has(key) && !meta.has(key)) meta.set(key, content);
        }
      },
      ontext(text) {
        if (inTitle) documentTitle += text;
      },
      onclosetag(name) {
        if (name === 'svg' || name === 'math') foreignDepth = Math.max(0, foreignDepth - 1);
        else if (name === 'title') inTitle = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();

  const title = cleanText(firstOf(meta, titleKeys) ?? documentTitle, maxTitle);
  const description = cleanText(firstOf(meta, descriptionKeys), maxDescription);
  if (title === undefined && description === undefined) return undefined;
  const preview: LinkPreview = {};
  if (title !== undefined) preview.title = title;
  if (description !== undefined) preview.description = description;
  const imageUrl = httpUrl(firstOf(meta, imageKeys), baseUrl);
  if (imageUrl !== undefined) preview.imageUrl = imageUrl;
  const siteName = cleanText(firstOf(meta, siteNameKeys), maxSiteName);
  if (siteName !== undefined) preview.siteName = siteName;
  return preview;
}

/** The charset label from a Content-Type header, a UTF-8 BOM, or an early `<meta charset>`. */
function charsetOf(body: Buffer, contentType: string): string {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  const fromHeader = /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(contentType)?.[1];
  if (fromHeader) return fromHeader;
  const head = body.subarray(0, 4096).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ?? 'utf-8';
}

function decodeHtml(body: Buffer, contentType: string): string {
  try {
    return new TextDecoder(charsetOf(body, contentType)).decode(body);
  } catch {
    // An unknown label: WHATWG's fallback for the web is UTF-8 with replacement characters.
    return new TextDecoder('utf-8').decode(body);
  }
}

/**
 * Fetches a page through the SSRF-guarded client (HTML only, first 1 MiB, 5 s) and extracts its
 * preview. Returns undefined on every failure: a preview is decoration, and a remote page that
 * refuses, stalls, redirects into our network or sends garbage must never fail the post.
 */
export async function fetchLinkPreview(
  url: string,
  fetcher: SafeFetch = safeFetch,
): Promise<LinkPreview | undefined> {
  try {
    const response = await fetcher(url, {
      maxBytes: previewMaxBytes,
      // Big pages still carry their tags in <head>: keep the first MiB rather than nothing.
      truncate: true,
      timeoutMs: previewTimeoutMs,
      accept: 'text/html,application/xhtml+xml;q=0.9',
    });
    const mime = response.contentType.split(';')[0]!.trim().toLowerCase();
    if (!htmlTypes.has(mime)) return undefined;
    return extractLinkPreview(decodeHtml(response.body, response.contentType), response.url);
  } catch {
    return undefined;
  }
}

// Only links written with their scheme: linkify's fuzzy mode would turn `readme.md` into a
// request to a Moldovan domain.
const markdown = new MarkdownIt({ html: false, linkify: true });
markdown.linkify.set({ fuzzyLink: false, fuzzyEmail: false });

/**
 * The first http(s) link in a post's Markdown, as the renderer sees it: inline links, autolinks
 * and bare URLs count; code spans, code blocks and images do not.
 */
export function firstLinkIn(source: string): string | undefined {
  for (const block of markdown.parse(source, {})) {
    for (const token of block.children ?? []) {
      if (token.type !== 'link_open') continue;
      // Relative links (`[x](/groups/1)`) have no base here and point at Atrium itself anyway.
      const href = httpUrl(token.attrGet('href') ?? undefined);
      if (href !== undefined) return href;
    }
  }
  return undefined;
}
