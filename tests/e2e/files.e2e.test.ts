import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { hashPassword } from '../../src/server/platform/auth/passwords.js';
import { insertUser } from '../support/session.js';
import { ApiClient } from './support/api-client.js';
import {
  horizontalOverflow,
  installXssTrap,
  newGuardedContext,
  openInApp,
  readTrap,
  screenshot,
} from './support/browser-guards.js';
import { samplePdf } from './support/files.js';
import { browserAvailable, launchChromium, type RunningAtrium, startAtrium } from './support/harness.js';
import { type BrowserLocale, translator } from './support/locales.js';

/**
 * Documents in Chromium (G2–G3, issue 4), in each language: a person drops a PDF onto "My files"
 * and watches its progress bar fill; opens the document page, where pdf.js (loaded for this page
 * only, from our own assets, under the app's strict CSP) draws the page onto a canvas; uploads a
 * second version with the button and restores the first; shares the file with a colleague, who then finds it in "Shared
 * with me" and opens it. The pages fit a 375 px screen, and no CSP violation is reported.
 */

const domain = 'corp.test';
const password = 'Quiet-Harbour-Lantern-2291';
const admin = { name: 'Grace Admin', email: `grace.admin@${domain}`, password };
const people: Record<BrowserLocale, { name: string; email: string; file: string }> = {
  'en-US': { name: 'Olga Stone', email: `olga.stone@${domain}`, file: 'Quarterly report.pdf' },
  'ru-RU': { name: 'Ольга Каменева', email: `olga.kameneva@${domain}`, file: 'Отчёт за квартал.pdf' },
};

/** Dispatches a drag and a drop of one file onto `selector`, as a file dragged from the desktop would. */
async function dropFile(
  page: Page,
  selector: string,
  file: { name: string; type: string; bytes: Uint8Array },
) {
  const transfer = await page.evaluateHandle(
    ({ name, type, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type }));
      return data;
    },
    { name: file.name, type: file.type, base64: Buffer.from(file.bytes).toString('base64') },
  );
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent(selector, type, { dataTransfer: transfer });
  }
}

/** Whether any pixel of the page's first PDF canvas is not white (the page was drawn). */
function canvasDrawn(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="pdf-page"] canvas');
    if (!canvas || canvas.width === 0 || canvas.height === 0) return false;
    const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
    if (!pixels) return false;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i]! < 200 || pixels[i + 1]! < 200 || pixels[i + 2]! < 200) return true;
    }
    return false;
  });
}

describe.runIf(browserAvailable())('documents in Chromium', () => {
  let atrium: RunningAtrium;
  let browser: Browser;
  let api: ApiClient;

  beforeAll(async () => {
    atrium = await startAtrium();
    api = new ApiClient(atrium.url);
    await api.setup({ companyName: 'Paper Trail Ltd', allowedDomains: [domain], admin });
    for (const person of Object.values(people)) {
      await insertUser(atrium.database.handle.db, {
        name: person.name,
        email: person.email,
        passwordHash: await hashPassword(password),
      });
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await atrium?.close();
  });

  describe.each(['en-US', 'ru-RU'] as BrowserLocale[])('in %s', (locale) => {
    const t = translator(locale);
    const colleague = people[locale];
    const problems: string[] = [];
    let context: BrowserContext;
    let page: Page;
    let documentPath: string;

    beforeAll(async () => {
      context = await newGuardedContext(browser, { origin: atrium.url, locale }, problems);
      await installXssTrap(context);
      await context.addCookies(api.cookiesFor(atrium.url));
      // Chromium reports CSP refusals on the console too, the worker's included.
      context.on('page', (opened) =>
        opened.on('console', (message) => {
          if (/Content Security Policy|Refused to/i.test(message.text()))
            problems.push(`console: ${message.text()}`);
        }),
      );
      page = await context.newPage();
    });

    afterAll(async () => {
      await context?.close();
    });

    // The steps build on each other: after one fails, the rest would only time out.
    let broken = false;
    beforeEach((ctx) => {
      if (broken) ctx.skip();
      ctx.onTestFailed(async () => {
        broken = true;
        await screenshot(page, `files-${locale}-failed`).catch(() => undefined);
      });
    });
    afterEach(async () => {
      // The trap records CSP violations too: pdf.js and its worker must need nothing the CSP forbids.
      expect(await readTrap(page)).toEqual([]);
      expect(problems).toEqual([]);
    });

    test('a PDF dropped onto "My files" uploads with a progress bar', async () => {
      await page.goto(`${atrium.url}/files`);
      await page.getByRole('heading', { name: t('files.sections.mine'), level: 1 }).waitFor();
      await page.getByTestId('upload-drop-zone').waitFor();
      await dropFile(page, '[data-testid="upload-drop-zone"]', {
        name: colleague.file,
        type: 'application/pdf',
        bytes: samplePdf(),
      });
      const uploads = page.getByRole('region', { name: t('files.upload.listLabel') });
      const entry = uploads.getByTestId('upload-entry').filter({ hasText: colleague.file });
      await entry.waitFor();
      const bar = entry.getByRole('progressbar', {
        name: t('files.upload.progressOf', { name: colleague.file }),
      });
      await bar.waitFor();
      await expect.poll(() => entry.getAttribute('data-status')).toBe('done');
      expect(await bar.getAttribute('aria-valuenow')).toBe('100');
      const row = page.getByTestId('library-item').filter({ hasText: colleague.file });
      await row.waitFor();
    });

    test('the document page draws the PDF with pdf.js', async () => {
      await page
        .getByTestId('library-item')
        .filter({ hasText: colleague.file })
        .getByRole('link')
        .first()
        .click();
      await page.waitForURL(/\/files\/[0-9a-f-]{36}$/);
      documentPath = new URL(page.url()).pathname;
      await page.getByRole('heading', { name: colleague.file, level: 1 }).waitFor();
      await page.getByTestId('pdf-page').first().waitFor();
      await expect.poll(() => canvasDrawn(page), { timeout: 15_000 }).toBe(true);
    });

    test('a second version is uploaded with the button and listed', async () => {
      await page.getByLabel(t('files.versions.input')).setInputFiles({
        name: colleague.file,
        mimeType: 'application/pdf',
        buffer: Buffer.from(samplePdf('Second version')),
      });
      await page
        .getByText(t('files.versions.number', { version: 2 }), { exact: true })
        .first()
        .waitFor();
      await page.getByRole('tab', { name: t('files.versions.title') }).click();
      const versions = page.getByRole('list', { name: t('files.versions.title') });
      await expect.poll(() => versions.getByTestId('file-version').count()).toBe(2);
      await versions.getByTestId('file-version').first().getByText(t('files.versions.current')).waitFor();
      await expect.poll(() => canvasDrawn(page), { timeout: 15_000 }).toBe(true);
    });

    test('an old version is restored as the newest', async () => {
      const versions = page.getByRole('list', { name: t('files.versions.title') });
      const first = versions.getByTestId('file-version').filter({
        hasText: t('files.versions.number', { version: 1 }),
      });
      await first.getByRole('button', { name: t('files.versions.restore') }).click();
      await expect.poll(() => versions.getByTestId('file-version').count()).toBe(3);
      const newest = versions.getByTestId('file-version').first();
      await newest.getByText(t('files.versions.number', { version: 3 }), { exact: true }).waitFor();
      await newest.getByText(t('files.versions.current')).waitFor();
      await expect.poll(() => canvasDrawn(page), { timeout: 15_000 }).toBe(true);
    });

    test('shared with a colleague, it is in their "Shared with me"', async () => {
      await page.getByRole('button', { name: t('files.actions.share'), exact: true }).click();
      const dialog = page.getByRole('dialog');
      const picker = dialog.getByRole('combobox', { name: t('files.share.pick.user'), exact: true });
      await picker.fill(colleague.name.split(' ')[0]!);
      await page.getByRole('option', { name: colleague.name }).click();
      await dialog.getByRole('button', { name: t('files.share.submit'), exact: true }).click();
      await dialog.getByTestId('file-share').filter({ hasText: colleague.name }).waitFor();
      await page.keyboard.press('Escape');

      const colleagueApi = new ApiClient(atrium.url);
      await colleagueApi.call('POST', '/auth/login', { email: colleague.email, password });
      const theirs = await newGuardedContext(browser, { origin: atrium.url, locale }, problems);
      try {
        await theirs.addCookies(colleagueApi.cookiesFor(atrium.url));
        const theirPage = await theirs.newPage();
        await theirPage.goto(`${atrium.url}/files/shared`);
        await theirPage.getByRole('heading', { name: t('files.sections.shared'), level: 1 }).waitFor();
        const row = theirPage.getByTestId('library-item').filter({ hasText: colleague.file });
        await row.waitFor();
        await row.getByRole('link').first().click();
        await theirPage.waitForURL(`${atrium.url}${documentPath}`);
        await theirPage.getByRole('heading', { name: colleague.file, level: 1 }).waitFor();
        await expect.poll(() => canvasDrawn(theirPage), { timeout: 15_000 }).toBe(true);
        // They may read and comment, not share.
        expect(
          await theirPage.getByRole('button', { name: t('files.actions.share'), exact: true }).count(),
        ).toBe(0);
      } finally {
        await theirs.close();
      }
    });

    test('a document attached in the composer reaches a colleague through the feed', async () => {
      const name = locale === 'ru-RU' ? 'Повестка встречи.pdf' : 'Meeting agenda.pdf';
      await openInApp(page, '/');
      const composer = page.getByRole('region', { name: t('composer.label') });
      const chooser = page.waitForEvent('filechooser');
      await composer.getByRole('button', { name: t('composer.addDocuments') }).click();
      await (await chooser).setFiles({
        name,
        mimeType: 'application/pdf',
        buffer: Buffer.from(samplePdf('Agenda')),
      });
      const chip = composer.getByTestId('composer-document').filter({ hasText: name });
      await chip.waitFor();
      // Only a document, no text: that is a post too.
      await composer.getByRole('button', { name: t('composer.publish') }).click();
      await expect.poll(() => chip.count()).toBe(0);

      const colleagueApi = new ApiClient(atrium.url);
      await colleagueApi.call('POST', '/auth/login', { email: colleague.email, password });
      const theirs = await newGuardedContext(browser, { origin: atrium.url, locale }, problems);
      try {
        await theirs.addCookies(colleagueApi.cookiesFor(atrium.url));
        const theirPage = await theirs.newPage();
        await theirPage.goto(`${atrium.url}/`);
        const card = theirPage
          .getByTestId('post-card')
          .filter({ has: theirPage.getByTestId('post-file').filter({ hasText: name }) });
        const file = card.getByTestId('post-file').filter({ hasText: name });
        await file.waitFor();
        expect(await file.locator('bdi').textContent()).toBe(name);
        await file.click();
        await theirPage.waitForURL(/\/files\/[0-9a-f-]{36}$/);
        await theirPage.getByRole('heading', { name, level: 1 }).waitFor();
      } finally {
        await theirs.close();
      }
    });

    test('the pages fit a 375 px screen', async () => {
      // A toast opened on the wide screen would slide across the narrow one.
      await expect
        .poll(() => page.locator('.mantine-Notifications-notification').count(), { timeout: 10_000 })
        .toBe(0);
      await page.setViewportSize({ width: 375, height: 800 });
      for (const [path, heading] of [
        ['/files', t('files.sections.mine')],
        ['/files/company', t('files.sections.company')],
        ['/files/shared', t('files.sections.shared')],
        [documentPath, colleague.file],
      ] as const) {
        await openInApp(page, path);
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        // Measured until the layout has settled: on a loaded machine the first frame after a
        // navigation can still be laid out for the previous width.
        await expect
          .poll(async () => ({ path, ...(await horizontalOverflow(page)) }), { timeout: 10_000 })
          .toEqual({ path, scrollWidth: 375, culprits: [] });
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    });
  });
});
