import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payloadsOf, xssFiles } from '../../../../tests/e2e/support/xss-corpus.js';
import { renderMarkdown } from './render.js';

/** What must never appear in rendered output (RELIABILITY.md R25). */
const forbidden = [
  /<script/i,
  /<iframe/i,
  /<object/i,
  /<embed/i,
  /<form/i,
  /<base/i,
  /<svg/i,
  /<style/i,
  /<img/i,
  /foreignObject/i,
  /<[^>]+\son[a-z]+\s*=/i,
  // Inside a real tag only: escaped text such as `&lt;a href=javascript:…` is harmless.
  /<[a-z][^>]*\shref\s*=\s*["']?\s*(javascript|data|vbscript):/i,
];

function assertSafe(html: string, source: string) {
  for (const pattern of forbidden)
    expect(html, `${pattern} from ${JSON.stringify(source)}`).not.toMatch(pattern);
}

describe('rendering Markdown', () => {
  it('the safety check itself catches real dangerous markup', () => {
    for (const bad of [
      '<a href="javascript:x">y</a>',
      '<img src=x onerror=alert(1)>',
      '<script>x</script>',
    ]) {
      expect(() => assertSafe(bad, bad)).toThrow();
    }
    expect(() => assertSafe('<p>&lt;a href=javascript:x&gt;</p>', 'escaped')).not.toThrow();
  });

  it('renders the usual formatting', () => {
    expect(renderMarkdown('**bold** and _em_ and `code`')).toBe(
      '<p><strong>bold</strong> and <em>em</em> and <code>code</code></p>\n',
    );
    expect(renderMarkdown('- one\n- two')).toContain('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
    expect(renderMarkdown('line one\nline two')).toBe('<p>line one<br />\nline two</p>\n');
    expect(renderMarkdown('> цитата')).toContain('<blockquote>');
  });

  it('links open safely in a new tab, and bare URLs become links', () => {
    expect(renderMarkdown('[site](https://example.com/a?b=1)')).toBe(
      '<p><a href="https://example.com/a?b=1" rel="noopener noreferrer nofollow" target="_blank">site</a></p>\n',
    );
    expect(renderMarkdown('see https://example.com')).toContain(
      '<a href="https://example.com" rel="noopener noreferrer nofollow"',
    );
    expect(renderMarkdown('[me](mailto:a@corp.test)')).toContain('href="mailto:a@corp.test"');
    expect(renderMarkdown('[page](/people/1)')).toBe('<p><a href="/people/1">page</a></p>\n');
  });

  it('drops dangerous links but keeps their text', () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>x</script>',
      'vbscript:x',
      '//evil.example/x',
    ]) {
      const html = renderMarkdown(`[click](${url})`);
      expect(html).not.toMatch(/href/);
      expect(html).toContain('click');
    }
  });

  it('links hashtags to their topic page, but not inside code or links', () => {
    expect(renderMarkdown('Welcome #Onboarding and #новички!')).toBe(
      '<p>Welcome <a href="/topics/onboarding">#Onboarding</a> and <a href="/topics/%D0%BD%D0%BE%D0%B2%D0%B8%D1%87%D0%BA%D0%B8">#новички</a>!</p>\n',
    );
    expect(renderMarkdown('`#code` and [#label](https://example.com) and C#')).not.toContain('/topics/');
  });

  it('shows raw HTML as text instead of running it', () => {
    expect(renderMarkdown('<b onclick="x()">hi</b>')).toBe('<p>&lt;b onclick="x()"&gt;hi&lt;/b&gt;</p>\n');
  });

  it('does not render remote images', () => {
    expect(renderMarkdown('![tracker](https://evil.example/pixel.gif)')).not.toMatch(/<img/);
  });

  it.each(xssFiles)('renders every payload of %s harmlessly', (file) => {
    for (const { text } of payloadsOf(file)) {
      assertSafe(renderMarkdown(text), text);
      assertSafe(renderMarkdown(`[x](${text})`), text);
    }
  });

  it('never emits script, handlers or dangerous URLs for arbitrary input', () => {
    const pieces = fc.constantFrom(
      '<',
      '>',
      '"',
      "'",
      '=',
      'on',
      'error',
      'script',
      'javascript:',
      '[',
      ']',
      '(',
      ')',
      '`',
      '*',
      '&#',
      'x',
      ' ',
      '\n',
      'svg',
      'img src',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const source = parts.join('');
        assertSafe(renderMarkdown(source), source);
      }),
      { numRuns: 500 },
    );
  });
});
