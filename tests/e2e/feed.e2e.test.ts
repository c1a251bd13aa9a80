import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ApiClient } from './support/api-client.js';
import { newGuardedContext, screenshot } from './support/browser-guards.js';
import { browserAvailable, launchChromium, type RunningAtrium, startAtrium } from './support/harness.js';
import { translator } from './support/locales.js';

/**
 * The golden path of the feed in Chromium: a person signs in and lands on the feed, writes a
 * post in Markdown (checking the server's preview first), sees it in the feed rendered by the
 * server, reacts to it, comments on it, and opens the post's own page, where the comment is.
 */

const domain = 'corp.test';
const admin = { name: 'Irene Adler', email: `irene.adler@${domain}`, password: 'Quiet-Harbour-Lantern-2291' };
const t = translator('en-US');

describe.runIf(browserAvailable())('the feed in Chromium', () => {
  let atrium: RunningAtrium;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  let postCard: Locator;

  beforeAll(async () => {
    atrium = await startAtrium();
    await new ApiClient(atrium.url).setup({
      companyName: 'Baker Street Ltd',
      allowedDomains: [domain],
      admin,
    });
    browser = await launchChromium();
    context = await newGuardedContext(browser, { origin: atrium.url, locale: 'en-US' }, problems);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await atrium?.close();
  });

  // The steps build on each other: after one fails, the rest would only time out.
  let broken = false;
  beforeEach((ctx) => {
    if (broken) ctx.skip();
    ctx.onTestFailed(async () => {
      broken = true;
      await screenshot(page, 'feed-failed').catch(() => undefined);
    });
  });

  test('signing in leads to the feed', async () => {
    await page.goto(`${atrium.url}/sign-in`);
    await page.getByRole('textbox', { name: t('fields.email'), exact: true }).fill(admin.email);
    await page.getByLabel(t('fields.password'), { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: t('signIn.submit'), exact: true }).click();
    await page.waitForURL(`${atrium.url}/`);
    await page.getByRole('heading', { name: t('feed.title'), level: 1 }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: t('feed.empty') })
      .waitFor();
  });

  test('a post written in Markdown is previewed by the server, published and shown in the feed', async () => {
    const composer = page.getByRole('region', { name: t('composer.label') });
    const body = composer.getByRole('textbox', { name: t('composer.bodyLabel') });
    await body.fill('Welcome to the **new office**!\n\n- coffee on the 2nd floor\n- see #onboarding');
    await composer.getByRole('tab', { name: t('composer.preview') }).click();
    await expect.poll(() => composer.locator('strong').first().textContent()).toBe('new office');
    await composer.getByRole('tab', { name: t('composer.write') }).click();
    await composer.getByRole('button', { name: t('composer.publish') }).click();

    const feed = page.getByRole('list', { name: t('feed.title') });
    postCard = feed.getByRole('article', { name: t('posts.cardLabel', { name: admin.name }) });
    await postCard.locator('strong', { hasText: 'new office' }).waitFor();
    expect(await postCard.getByRole('listitem').count()).toBe(2);
    // The composer is empty again, ready for the next post.
    await expect.poll(() => body.inputValue()).toBe('');
  });

  test('a reaction counts the viewer in', async () => {
    await postCard.getByRole('button', { name: t('posts.reactions.pick') }).click();
    await page.getByRole('button', { name: t('posts.reactions.with', { emoji: '👍' }) }).click();
    const mine = postCard.getByRole('button', {
      name: t('posts.reactions.remove', { emoji: '👍', count: 1 }),
    });
    await mine.waitFor();
    expect(await mine.getAttribute('aria-pressed')).toBe('true');
  });

  test('a comment appears under the post', async () => {
    await postCard.getByRole('button', { name: t('posts.comments', { count: 0 }) }).click();
    const box = postCard.getByRole('textbox', { name: t('comments.label') });
    await box.fill('Is there _oat milk_?');
    await postCard.getByRole('button', { name: t('comments.send'), exact: true }).click();
    await postCard.getByTestId('comment').locator('em', { hasText: 'oat milk' }).waitFor();
    await postCard.getByRole('button', { name: t('posts.comments', { count: 1 }) }).waitFor();
  });

  test("the post's own page shows the post with its comments", async () => {
    await postCard.locator('a[href^="/posts/"]').first().click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: t('posts.pageTitle', { name: admin.name }), level: 1 }).waitFor();
    const post = page.getByRole('article', { name: t('posts.cardLabel', { name: admin.name }) });
    await post.locator('strong', { hasText: 'new office' }).waitFor();
    await post.getByTestId('comment').locator('em', { hasText: 'oat milk' }).waitFor();
    await post
      .getByRole('button', { name: t('posts.reactions.remove', { emoji: '👍', count: 1 }) })
      .waitFor();
    expect(problems).toEqual([]);
  });
});
