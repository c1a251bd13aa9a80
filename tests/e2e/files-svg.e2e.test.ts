import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { normaliseFileName } from '../../src/server/platform/files/file-names.js';
import type { FileView } from '../../src/shared/api/files.js';
import { ApiClient } from './support/api-client.js';
import {
  findInjectedMarkup,
  installXssTrap,
  newGuardedContext,
  openInApp,
  readTrap,
  screenshot,
} from './support/browser-guards.js';
import { uploadThroughApi } from './support/files.js';
import { browserAvailable, launchChromium, type RunningAtrium, startAtrium } from './support/harness.js';
import { translator } from './support/locales.js';

/**
 * RELIABILITY.md R23/R27 for documents (issue 4): every SVG of the XSS corpus
 * (`../shared/corpora/xss/svg/`, copied to `tests/e2e/fixtures/xss/svg/`) is uploaded through the API and opened in Chromium, through
 * its document page and through its `/content` address directly. Nothing may fire — no
 * `window.__xss`, no dialog, no page error, no request leaving the server, no injected markup —
 * and the bytes are never rendered as SVG or HTML from our origin: the page offers a download,
 * and the address answers as an attachment with `nosniff` and a sandboxing CSP. A file named
 * with bidi and control characters shows a name without them.
 */

const domain = 'corp.test';
const admin = { name: 'Grace Admin', email: `grace.admin@${domain}`, password: 'Quiet-Harbour-Lantern-2291' };
const t = translator('en-US');
const corpus = path.resolve(import.meta.dirname, 'fixtures/xss/svg');
const svgFiles = fs
  .readdirSync(corpus)
  .filter((name) => name.endsWith('.svg'))
  .sort();
/** A name that would read "report‮fdp.exe" reversed, with a bell, a NUL and zero-width characters. */
const hostileName = 'report\u202Efdp.exe\u0007\u0000\u200B\u2066.txt';
/** Controls (but the line breaks and tabs of a page's text), bidi and zero-width characters. */
const invisible =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;

describe.runIf(browserAvailable())('SVG uploads fire nothing in Chromium', () => {
  let atrium: RunningAtrium;
  let api: ApiClient;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const uploaded: { file: string; view: FileView }[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    expect(svgFiles.length).toBeGreaterThan(0);
    atrium = await startAtrium();
    api = new ApiClient(atrium.url);
    await api.setup({ companyName: 'Vector Ltd', allowedDomains: [domain], admin });
    for (const file of svgFiles) {
      const view = await uploadThroughApi(
        api,
        atrium.url,
        { space: { type: 'profile' } },
        { name: file, bytes: fs.readFileSync(path.join(corpus, file)), type: 'image/svg+xml' },
      );
      uploaded.push({ file, view });
    }
    browser = await launchChromium();
    context = await newGuardedContext(browser, { origin: atrium.url, locale: 'en-US' }, problems);
    await installXssTrap(context);
    await context.addCookies(api.cookiesFor(atrium.url));
    page = await context.newPage();
    await page.goto(`${atrium.url}/files`);
    await page.getByRole('heading', { name: t('files.sections.mine'), level: 1 }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await atrium?.close();
  });

  beforeEach((ctx) => {
    ctx.onTestFailed(async () => {
      await screenshot(page, 'files-svg-failed').catch(() => undefined);
    });
  });

  test('every SVG is stored as a file that is only ever downloaded', () => {
    expect(uploaded.map(({ file, view }) => ({ file, kind: view.kind }))).toEqual(
      svgFiles.map((file) => ({ file, kind: 'other' })),
    );
  });

  test.each(svgFiles)('%s: its document page offers a download and shows nothing of it', async (file) => {
    const { view } = uploaded.find((u) => u.file === file)!;
    await openInApp(page, `/files/${view.id}`);
    await page.getByRole('heading', { name: file, level: 1 }).waitFor();
    await page.getByTestId('no-preview').waitFor();
    await page.waitForLoadState('networkidle');
    // Nothing on the page points at the bytes except the download links.
    const embedded = await page.evaluate((content) => {
      const hits: string[] = [];
      for (const el of Array.from(
        document.querySelectorAll('img, image, use, object, embed, iframe, svg image'),
      )) {
        const src = el.getAttribute('src') ?? el.getAttribute('href') ?? el.getAttribute('xlink:href') ?? '';
        if (src.includes(content) || src.includes('/content')) hits.push(`<${el.localName} ${src}>`);
      }
      return hits;
    }, view.contentUrl);
    expect(embedded).toEqual([]);
    expect(await readTrap(page)).toEqual([]);
    expect(await findInjectedMarkup(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  test.each(svgFiles)('%s: its /content address is an attachment, never rendered', async (file) => {
    const { view } = uploaded.find((u) => u.file === file)!;
    const url = `${atrium.url}${view.contentUrl}`;

    const response = await context.request.get(url);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers['content-disposition']).toMatch(/^attachment/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-security-policy']).toMatch(/(^|;)\s*sandbox/);
    expect(headers['content-type']).not.toMatch(/text\/html|application\/xhtml/);

    // Opened directly, the browser downloads it: the document stays the app's page, untouched.
    const before = page.url();
    const download = page.waitForEvent('download', { timeout: 10_000 });
    await page.goto(url).catch((error: Error) => {
      if (!/Download is starting|net::ERR_ABORTED/.test(error.message)) throw error;
    });
    await (await download).cancel();
    expect(page.url()).toBe(before);
    expect(await readTrap(page)).toEqual([]);
    expect(await findInjectedMarkup(page)).toEqual([]);

    // Even in a fresh tab of its own, nothing of it runs or renders.
    const tab = await context.newPage();
    const downloaded = tab.waitForEvent('download', { timeout: 10_000 });
    await tab.goto(url).catch((error: Error) => {
      if (!/Download is starting|net::ERR_ABORTED/.test(error.message)) throw error;
    });
    await (await downloaded).cancel();
    expect(await tab.evaluate(() => document.querySelector('svg, script') === null)).toBe(true);
    expect(await readTrap(tab)).toEqual([]);
    await tab.close();
    expect(problems).toEqual([]);
  });

  test('a name with bidi and control characters is shown without them', async () => {
    const view = await uploadThroughApi(
      api,
      atrium.url,
      { space: { type: 'profile' } },
      { name: hostileName, bytes: new TextEncoder().encode('Just text.\n'), type: 'text/plain' },
    );
    const expected = normaliseFileName(hostileName);
    expect(expected).not.toMatch(invisible);
    expect(view.name).toBe(expected);

    await openInApp(page, `/files/${view.id}`);
    const heading = page.getByTestId('file-name');
    // The previous document's heading can still be on screen for a moment after the navigation.
    await expect.poll(() => heading.textContent(), { timeout: 10_000 }).toBe(expected);
    await page.getByTestId('text-preview').waitFor();

    await openInApp(page, '/files');
    const row = page.getByTestId('library-item').filter({ hasText: expected });
    await row.waitFor();
    expect(await row.getByRole('link').first().textContent()).toBe(expected);
    const shown = await page.evaluate(() => document.body.textContent ?? '');
    expect(shown).not.toMatch(invisible);
    expect(await readTrap(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
