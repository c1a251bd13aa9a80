import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractLinkPreview, fetchLinkPreview, firstLinkIn } from './link-preview.js';
import { createSafeFetch, isPublicAddress, type SafeFetch } from './safe-fetch.js';

const base = 'https://news.example/articles/42';
const page = (head: string, body = '') =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

describe('extracting a preview', () => {
  it('prefers OpenGraph, then Twitter cards, then <title> and the meta description', () => {
    expect(
      extractLinkPreview(
        page(`<title>Plain</title><meta name="description" content="Meta description">
          <meta name="twitter:title" content="Twitter title"><meta property="og:title" content="OG title">
          <meta property="og:description" content="OG description"><meta property="og:site_name" content="News">
          <meta property="og:image" content="/img/cover.jpg">`),
        base,
      ),
    ).toEqual({
      title: 'OG title',
      description: 'OG description',
      imageUrl: 'https://news.example/img/cover.jpg',
      siteName: 'News',
    });
    expect(
      extractLinkPreview(
        page(`<title>Plain</title><meta name="twitter:description" content="Card">
          <meta name="twitter:image" content="//cdn.example/a.png">`),
        base,
      ),
    ).toEqual({ title: 'Plain', description: 'Card', imageUrl: 'https://cdn.example/a.png' });
    expect(extractLinkPreview(page('<title> Just a title </title>'), base)).toEqual({
      title: 'Just a title',
    });
    expect(extractLinkPreview(page('<meta name="description" content="Only this">'), base)).toEqual({
      description: 'Only this',
    });
  });

  it('has nothing to say about a page without title or description', () => {
    expect(extractLinkPreview('', base)).toBeUndefined();
    expect(
      extractLinkPreview(page('<meta property="og:image" content="/a.png"><title>  </title>'), base),
    ).toBe(undefined);
    expect(extractLinkPreview('\u0000\u0001 not html at all <<<>>>', base)).toBeUndefined();
  });

  it('decodes entities and keeps markup in a title as text', () => {
    const preview = extractLinkPreview(
      page(`<title>Tom &amp; Jerry &#x41;&#66; caf&eacute;&nbsp;bar <b>bold</b> &lt;script&gt;</title>
        <meta property="og:description" content="Fish &amp; chips &quot;fresh&quot; &#8212; &lt;img src=x onerror=alert(1)&gt;">`),
      base,
    );
    expect(preview?.title).toBe('Tom & Jerry AB café bar <b>bold</b> <script>');
    expect(preview?.description).toBe('Fish & chips "fresh" — <img src=x onerror=alert(1)>');
  });

  it('is not fooled by scripts, comments and drawings', () => {
    const preview = extractLinkPreview(
      page(
        `<svg><title>Icon</title></svg><title>Real<script>alert(1)</script></title>
         <script>document.write('<meta property="og:title" content="From script">')</script>
         <!-- <meta property="og:description" content="From comment"> -->
         <style>/* <meta name="description" content="From style"> */</style>`,
        '<script>var x = "</title><title>Injected";</script>',
      ),
      base,
    );
    expect(preview).toEqual({ title: 'Real<script>alert(1)</script>' });
  });

  it('keeps only http(s) images, resolved against the page', () => {
    const image = (content: string) =>
      extractLinkPreview(page(`<title>t</title><meta property="og:image" content="${content}">`), base)
        ?.imageUrl;
    expect(image('javascript:alert(1)')).toBeUndefined();
    expect(image(' JaVaScRiPt:alert(1)')).toBeUndefined();
    expect(image('java&#x09;script:alert(1)')).toBeUndefined();
    expect(image('data:image/svg+xml,<svg onload=alert(1)>')).toBeUndefined();
    expect(image('file:///etc/passwd')).toBeUndefined();
    expect(image('https://user:pw@cdn.example/a.png')).toBeUndefined();
    expect(image(`https://cdn.example/${'a'.repeat(3000)}.png`)).toBeUndefined();
    expect(image('../b.png')).toBe('https://news.example/b.png');
    expect(image('http://cdn.example/a b.png')).toBe('http://cdn.example/a%20b.png');
  });

  it('trims enormous text on a character boundary', () => {
    const preview = extractLinkPreview(
      page(
        `<title>${'Заголовок '.repeat(20_000)}</title><meta name="description" content="${'😀'.repeat(5000)}">`,
      ),
      base,
    );
    expect(Array.from(preview!.title!)).toHaveLength(300);
    expect(preview!.title!.endsWith('…')).toBe(true);
    expect(preview!.title!.startsWith('Заголовок Заголовок')).toBe(true);
    expect(Array.from(preview!.description!)).toHaveLength(1000);
    expect(preview!.description!).not.toMatch(/[\ud800-\udfff](?![\udc00-\udfff])/u);
  });

  it('reads Cyrillic and upper-case markup, flattens whitespace and drops bidi controls', () => {
    expect(
      extractLinkPreview(
        page(
          `<META PROPERTY="OG:TITLE" CONTENT="Привет,\n\t мир"><META NAME="Description" CONTENT="a\u202eb\u0007c">`,
        ),
        base,
      ),
    ).toEqual({ title: 'Привет, мир', description: 'ab c' });
  });

  it('never throws and always keeps its limits, whatever the page', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 500 }),
          fc
            .array(
              fc.oneof(
                fc.constantFrom(
                  '<title>',
                  '</title>',
                  '<meta property="og:image" content="',
                  '">',
                  '<svg>',
                  '&',
                ),
                fc.string({ unit: 'grapheme', maxLength: 40 }),
              ),
              { maxLength: 40 },
            )
            .map((parts) => parts.join('')),
        ),
        (html) => {
          const preview = extractLinkPreview(html, base);
          if (!preview) return;
          expect(Array.from(preview.title ?? '').length).toBeLessThanOrEqual(300);
          expect(Array.from(preview.description ?? '').length).toBeLessThanOrEqual(1000);
          if (preview.imageUrl) expect(preview.imageUrl).toMatch(/^https?:\/\//);
        },
      ),
    );
  });
});

describe('finding the link to preview', () => {
  it.each([
    ['Look: https://a.example/x, then https://b.example', 'https://a.example/x'],
    ['[the report](https://a.example/report) and https://b.example', 'https://a.example/report'],
    ['<https://a.example/auto>', 'https://a.example/auto'],
    ['(see https://a.example/wiki/Foo_(bar))', 'https://a.example/wiki/Foo_(bar)'],
    ['`https://code.example` then http://b.example/', 'http://b.example/'],
    ['```\nhttps://code.example\n```\n\nhttps://b.example', 'https://b.example/'],
    ['[x](javascript:alert(1)) [y](/groups/1) https://b.example', 'https://b.example/'],
    ['HTTPS://UPPER.EXAMPLE/Path', 'https://upper.example/Path'],
    ['https://exämple.example/ü', 'https://xn--exmple-cua.example/%C3%BC'],
  ])('in %j finds %s', (source, expected) => {
    expect(firstLinkIn(source)).toBe(expected);
  });

  it.each([
    '',
    'no links here',
    'read readme.md and notes.txt',
    'mail me at someone@example.com or mailto:someone@example.com',
    '![chart](https://img.example/a.png)',
    'ftp://files.example/a',
    '//protocol-relative.example/x',
    '`https://only-code.example`',
  ])('in %j finds nothing', (source) => {
    expect(firstLinkIn(source)).toBeUndefined();
  });

  it('returns an http(s) URL or nothing for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (source) => {
        const link = firstLinkIn(source);
        if (link !== undefined) expect(new URL(link).protocol).toMatch(/^https?:$/);
      }),
    );
  });
});

let server: Server;
let port = 0;

function route(request: IncomingMessage, response: ServerResponse) {
  const path = request.url ?? '/';
  const html = { 'content-type': 'text/html; charset=utf-8' };
  if (path === '/article') {
    response
      .writeHead(200, html)
      .end(
        page(
          '<meta property="og:title" content="Quarterly report"><meta property="og:image" content="cover.png">',
        ),
      );
  } else if (path === '/moved') {
    response.writeHead(301, { location: '/docs/article' }).end();
  } else if (path === '/docs/article') {
    response
      .writeHead(200, html)
      .end(page('<title>Moved</title><meta property="og:image" content="cover.png">'));
  } else if (path === '/cp1251') {
    response
      .writeHead(200, { 'content-type': 'text/html; charset=windows-1251' })
      .end(iconv.encode(page('<title>Новости компании</title>'), 'win1251'));
  } else if (path === '/meta-charset') {
    response
      .writeHead(200, { 'content-type': 'text/html' })
      .end(iconv.encode(page('<meta charset="koi8-r"><title>Отчёт</title>'), 'koi8-r'));
  } else if (path === '/huge') {
    response.writeHead(200, html);
    response.write(page('<title>Huge</title>', ''));
    for (let i = 0; i < 40; i++) response.write(`<p>${'x'.repeat(64 * 1024)}</p>`);
    response.end();
  } else if (path === '/image') {
    response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(100));
  } else if (path === '/to-metadata') {
    response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
  } else if (path === '/hang') {
    // Never answers.
  } else {
    response.writeHead(404, html).end(page('<title>Not found</title>'));
  }
}

let localFetch: SafeFetch;
const local = (path: string) => `http://127.0.0.1:${port}${path}`;

beforeAll(async () => {
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  // The production rules, plus this server on 127.0.0.1; a short deadline keeps the hang test quick.
  const guarded = createSafeFetch({
    isAllowedPort: (p) => p === 80 || p === 443 || p === port,
    isAllowedAddress: (address, p) => isPublicAddress(address) || (address === '127.0.0.1' && p === port),
  });
  localFetch = (url, options) => guarded(url, { ...options, timeoutMs: 500 });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('fetching a preview', () => {
  it('fetches and extracts, resolving the image against the final URL', async () => {
    expect(await fetchLinkPreview(local('/article'), localFetch)).toEqual({
      title: 'Quarterly report',
      imageUrl: local('/cover.png'),
    });
    expect(await fetchLinkPreview(local('/moved'), localFetch)).toEqual({
      title: 'Moved',
      imageUrl: local('/docs/cover.png'),
    });
  });

  it('decodes the charset named by the header or the page', async () => {
    expect((await fetchLinkPreview(local('/cp1251'), localFetch))?.title).toBe('Новости компании');
    expect((await fetchLinkPreview(local('/meta-charset'), localFetch))?.title).toBe('Отчёт');
  });

  it('reads the head of a page larger than the cap', async () => {
    expect((await fetchLinkPreview(local('/huge'), localFetch))?.title).toBe('Huge');
  });

  it.each([
    ['/image', 'not HTML'],
    ['/missing', 'an error status'],
    ['/to-metadata', 'a redirect to the metadata address'],
    ['/hang', 'no answer'],
  ])('gives nothing for %s (%s)', async (path) => {
    expect(await fetchLinkPreview(local(path), localFetch)).toBeUndefined();
  });

  it('gives nothing, without connecting, for addresses the production guard refuses', async () => {
    for (const url of ['http://169.254.169.254/', local('/article'), 'file:///etc/passwd', 'nonsense']) {
      expect(await fetchLinkPreview(url)).toBeUndefined();
    }
  });
});
