import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { hashPassword } from '../../src/server/platform/auth/passwords.js';
import type { StickerPack } from '../../src/shared/api/chats.js';
import { insertUser } from '../support/session.js';
import { ApiClient } from './support/api-client.js';
import { horizontalOverflow, newGuardedContext, screenshot } from './support/browser-guards.js';
import { createStickerPack, solidPng } from './support/chats.js';
import { browserAvailable, launchChromium, type RunningAtrium, startAtrium } from './support/harness.js';
import { translator } from './support/locales.js';

/**
 * Issue 5 acceptance in Chromium: two people, each in their own browser context, chat directly.
 * Anna opens the chat from Boris's profile; Boris sees her typing, then her message; his reading
 * it turns her receipt to "read"; a sticker (from a pack the admin API made) and an image
 * attachment reach him and render; her edit shows "edited" on both sides.
 */

const domain = 'corp.test';
const password = 'Quiet-Harbour-Lantern-2291';
const anna = { name: 'Anna Admin', email: `anna@${domain}`, password };
const boris = { name: 'Boris Builder', email: `boris@${domain}`, password };
const t = translator('en-US');

/** Whether an image element has loaded real pixels (not a broken image). */
const loaded = (image: Locator) =>
  image.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0);

describe.runIf(browserAvailable())('two people chat in Chromium', () => {
  let atrium: RunningAtrium;
  let browser: Browser;
  let annaContext: BrowserContext;
  let borisContext: BrowserContext;
  let annaPage: Page;
  let borisPage: Page;
  let borisId: string;
  let pack: StickerPack;
  let chatPath: string;
  const problems: string[] = [];

  beforeAll(async () => {
    atrium = await startAtrium();
    const annaApi = new ApiClient(atrium.url);
    await annaApi.setup({ companyName: 'Chatty Ltd', allowedDomains: [domain], admin: anna });
    borisId = (
      await insertUser(atrium.database.handle.db, {
        name: boris.name,
        email: boris.email,
        passwordHash: await hashPassword(password),
      })
    ).id;
    const borisApi = new ApiClient(atrium.url);
    await borisApi.call('POST', '/auth/login', { email: boris.email, password });
    pack = await createStickerPack(annaApi, atrium.url, 'Office party');

    browser = await launchChromium();
    annaContext = await newGuardedContext(browser, { origin: atrium.url, locale: 'en-US' }, problems);
    await annaContext.addCookies(annaApi.cookiesFor(atrium.url));
    borisContext = await newGuardedContext(browser, { origin: atrium.url, locale: 'en-US' }, problems);
    await borisContext.addCookies(borisApi.cookiesFor(atrium.url));
    annaPage = await annaContext.newPage();
    borisPage = await borisContext.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await atrium?.close();
  });

  // The steps build on each other: after one fails, the rest would only time out.
  let broken = false;
  beforeEach((ctx) => {
    if (broken) ctx.skip();
    ctx.onTestFailed(async () => {
      broken = true;
      await screenshot(annaPage, 'chat-anna-failed').catch(() => undefined);
      await screenshot(borisPage, 'chat-boris-failed').catch(() => undefined);
    });
  });
  afterEach(() => {
    expect(problems).toEqual([]);
  });

  const composer = (page: Page) => page.getByRole('textbox', { name: t('chats.composer.label') });
  const messages = (page: Page) => page.getByTestId('messages').getByTestId('message');

  test("Anna opens a direct chat from Boris's profile; Boris opens it too", async () => {
    await annaPage.goto(`${atrium.url}/people/${borisId}`);
    await annaPage.getByRole('heading', { name: boris.name, level: 1 }).waitFor();
    await annaPage.getByRole('button', { name: t('chats.start.message') }).click();
    await annaPage.waitForURL(/\/chats\/[0-9a-f-]{36}$/);
    chatPath = new URL(annaPage.url()).pathname;
    await annaPage.getByTestId('conversation-title').getByText(boris.name).waitFor();

    await borisPage.goto(`${atrium.url}/chats`);
    const item = borisPage.getByTestId('chat-list-item').filter({ hasText: anna.name });
    await item.getByRole('link').click();
    await borisPage.waitForURL((url) => url.pathname === chatPath);
    await borisPage.getByTestId('conversation-title').getByText(anna.name).waitFor();
    await composer(borisPage).waitFor();
  });

  test('Boris sees Anna typing, then her message', async () => {
    await composer(annaPage).fill('Hello Boris');
    await borisPage
      .getByTestId('typing-indicator')
      .getByText(t('chats.typing.one', { name: anna.name }))
      .waitFor();
    await composer(annaPage).press('Enter');
    await messages(borisPage).filter({ hasText: 'Hello Boris' }).waitFor();
    // The typing line clears once her message is in.
    await expect.poll(() => borisPage.getByTestId('typing-indicator').textContent()).toBe('');
    // Anna's pending copy became the server's message.
    const mine = messages(annaPage).filter({ hasText: 'Hello Boris' });
    await mine.waitFor();
    expect(await annaPage.getByTestId('message-pending').count()).toBe(0);
  });

  test("Boris has read it: Anna's receipt turns to read", async () => {
    const receipt = messages(annaPage).filter({ hasText: 'Hello Boris' }).getByTestId('message-receipt');
    await expect.poll(() => receipt.getAttribute('data-read'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => receipt.getAttribute('aria-label')).toBe(t('chats.receipts.read'));
  });

  test('a sticker arrives and renders on both sides', async () => {
    await annaPage.getByRole('button', { name: t('chats.composer.stickers') }).click();
    await annaPage.getByTestId('sticker-option').first().click();
    const sticker = messages(borisPage).locator('img[data-testid="message-sticker"]');
    await sticker.first().waitFor();
    await expect.poll(() => loaded(sticker.first())).toBe(true);
    expect(await sticker.first().getAttribute('src')).toBe(pack.stickers[0]!.url);
    await messages(annaPage).locator('img[data-testid="message-sticker"]').first().waitFor();
  });

  test('an image attachment arrives and renders', async () => {
    const bytes = await solidPng(320, 200, [30, 120, 220]);
    await annaPage
      .locator('input[type="file"]')
      .setInputFiles({ name: 'whiteboard.png', mimeType: 'image/png', buffer: bytes });
    // Sent when the upload is done (the send button waits for it).
    await expect.poll(() => annaPage.getByTestId('composer-send').isEnabled()).toBe(true);
    await expect.poll(() => annaPage.getByTestId('upload').getByRole('progressbar').count()).toBe(0);
    await composer(annaPage).fill('The whiteboard');
    await composer(annaPage).press('Enter');
    const image = messages(borisPage)
      .filter({ hasText: 'The whiteboard' })
      .locator('img[data-testid="message-image"]');
    await image.waitFor();
    await expect.poll(() => loaded(image)).toBe(true);
  });

  test('Anna edits her first message: "edited" shows on both sides', async () => {
    const first = messages(annaPage).filter({ hasText: 'Hello Boris' });
    await first.getByRole('button', { name: t('chats.message.actions') }).click();
    await annaPage.getByRole('menuitem', { name: t('common.edit') }).click();
    await expect.poll(() => composer(annaPage).inputValue()).toBe('Hello Boris');
    await composer(annaPage).fill('Hello Boris, how are you?');
    await composer(annaPage).press('Enter');
    for (const page of [annaPage, borisPage]) {
      const edited = messages(page).filter({ hasText: 'Hello Boris, how are you?' });
      await edited.getByTestId('message-edited').getByText(t('chats.message.edited')).waitFor();
    }
  });

  test('at 375 px the list and the conversation are separate screens that fit', async () => {
    await borisPage.setViewportSize({ width: 375, height: 740 });
    await borisPage.goto(`${atrium.url}/chats`);
    await borisPage.getByTestId('chat-list-item').first().waitFor();
    expect((await horizontalOverflow(borisPage)).culprits).toEqual([]);
    await borisPage.getByTestId('chat-list-item').first().getByRole('link').click();
    await borisPage.getByRole('link', { name: t('chats.conversation.back') }).waitFor();
    await messages(borisPage).first().waitFor();
    // The list is its own screen on a phone.
    expect(await borisPage.getByTestId('chat-list').count()).toBe(0);
    expect((await horizontalOverflow(borisPage)).culprits).toEqual([]);
  });
});
