import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashPassword } from '../../src/server/platform/auth/passwords.js';
import { type ChatView, chatLimits, type Message } from '../../src/shared/api/chats.js';
import { insertUser } from '../support/session.js';
import { ApiCallError, ApiClient } from './support/api-client.js';
import {
  findInjectedMarkup,
  installXssTrap,
  newGuardedContext,
  openInApp,
  readTrap,
  screenshot,
} from './support/browser-guards.js';
import { browserAvailable, launchChromium, type RunningAtrium, startAtrium } from './support/harness.js';
import { translator } from './support/locales.js';
import { payloadsOf, type XssPayload, xssFiles } from './support/xss-corpus.js';

/**
 * Issue 5 acceptance, RELIABILITY.md R23 for chats: EVERY line of the XSS corpus
 * (tests/e2e/fixtures/xss) is sent as a chat message (a few payloads a message, each message a
 * reply quoting the one before) and used as a chat's name (with the same text as its only
 * message, so the list's excerpt shows it too), then shown in Chromium: the chat list, the
 * payload conversation scrolled back to its first message, and every payload-named chat. Nothing
 * may run — no dialog, no `window.__xss` or alert(), no page error, no request leaving the
 * server, no injected markup. The browser ignores the app's CSP, so the rendering itself is what
 * is tested. Each payload stands alone in the server-side tests (messages.xss.test.ts).
 */

const domain = 'corp.test';
const password = 'Quiet-Harbour-Lantern-2291';
const admin = { name: 'Grace Admin', email: `grace.admin@${domain}`, password };
const t = translator('en-US');
/** Payloads sharing one message. */
const perMessage = 8;

const clip = (text: string, max: number) => [...text].slice(0, max).join('');
const where = (batch: XssPayload[]) =>
  `${batch[0]!.file}:${batch.map((p) => p.line).join(',')}`.slice(0, 120);

/** The payloads of each file in batches that fit `max` characters joined by `separator`, `most` at a time. */
function batches(
  max: number,
  separator: string,
  most = Number.POSITIVE_INFINITY,
  alone: (p: XssPayload) => boolean = () => false,
): XssPayload[][] {
  const out: XssPayload[][] = [];
  for (const file of xssFiles) {
    let current: XssPayload[] = [];
    let length = 0;
    for (const p of payloadsOf(file)) {
      const size = [...clip(p.text, max)].length;
      if (alone(p)) {
        out.push([p]);
        continue;
      }
      if (current.length > 0 && (length + separator.length + size > max || current.length >= most)) {
        out.push(current);
        current = [];
        length = 0;
      }
      length += (current.length > 0 ? separator.length : 0) + size;
      current.push(p);
    }
    if (current.length > 0) out.push(current);
  }
  return out;
}
const joined = (batch: XssPayload[], max: number, separator: string) =>
  clip(batch.map((p) => clip(p.text, max)).join(separator), max);
// A code fence would swallow the payloads after it: those go alone.
const hasFence = (p: XssPayload) => /```|~~~/.test(p.text);
const messageBatches = batches(chatLimits.body, '\n\n', perMessage, hasFence);
const nameBatches = batches(chatLimits.name, ' ');

async function eachConcurrently<T>(items: readonly T[], width: number, task: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < items.length; i = next++) await task(items[i]!);
    }),
  );
}

describe.runIf(browserAvailable())('XSS payloads in chat messages and chat names fire nothing', () => {
  let atrium: RunningAtrium;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let payloadChat: ChatView;
  const sent: { batch: XssPayload[]; message: Message }[] = [];
  const named: { batch: XssPayload[]; chat: ChatView }[] = [];
  const refusals: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    atrium = await startAtrium();
    const api = new ApiClient(atrium.url);
    const me = await api.setup({ companyName: 'Payload Chats Ltd', allowedDomains: [domain], admin });
    await insertUser(atrium.database.handle.db, {
      name: 'Mallory Chatter',
      email: `mallory@${domain}`,
      passwordHash: await hashPassword(password),
    });
    const mallory = new ApiClient(atrium.url);
    await mallory.call('POST', '/auth/login', { email: `mallory@${domain}`, password });

    async function attempt<T>(batch: XssPayload[], what: string, run: () => Promise<T>) {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof ApiCallError)) throw error;
        refusals.push(`${where(batch)} ${what}: ${error.status} ${JSON.stringify(error.body).slice(0, 160)}`);
        return undefined;
      }
    }

    // One chat with every payload as messages, in order, each replying to the one before.
    payloadChat = await mallory.call<ChatView>('POST', '/chats', {
      kind: 'group',
      name: 'Payload messages',
      memberIds: [me.user.id],
    });
    let previous: Message | undefined;
    for (const [i, batch] of messageBatches.entries()) {
      const message: Message | undefined = await attempt(batch, 'message', () =>
        mallory.call<Message>('POST', `/chats/${payloadChat.id}/messages`, {
          clientId: `payload-${i}`,
          body: joined(batch, chatLimits.body, '\n\n'),
          ...(previous ? { replyToId: previous.id } : {}),
        }),
      );
      if (message) {
        sent.push({ batch, message });
        previous = message;
      }
    }

    // Chats named by payloads, each with the same text as its only message.
    await eachConcurrently(nameBatches, 4, async (batch) => {
      const name = joined(batch, chatLimits.name, ' ');
      const chat = await attempt(batch, 'chat name', () =>
        mallory.call<ChatView>('POST', '/chats', { kind: 'group', name, memberIds: [me.user.id] }),
      );
      if (!chat) return;
      await attempt(batch, 'excerpt message', () =>
        mallory.call('POST', `/chats/${chat.id}/messages`, { clientId: `name-${chat.id}`, body: name }),
      );
      named.push({ batch, chat });
    });

    browser = await launchChromium();
    context = await newGuardedContext(
      browser,
      { origin: atrium.url, locale: 'en-US', bypassCSP: true },
      pageErrors,
    );
    await installXssTrap(context);
    await context.addCookies(api.cookiesFor(atrium.url));
    page = await context.newPage();
    await page.goto(`${atrium.url}/chats`);
    await page.getByRole('heading', { name: t('chats.title'), level: 1 }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await atrium?.close();
  });

  /** Everything that shows script ran or markup was injected since the last look. */
  async function problemsIn(target: Page): Promise<string[]> {
    const found = [...(await readTrap(target)), ...(await findInjectedMarkup(target))];
    found.push(...pageErrors.splice(0));
    return found;
  }

  /** Clicks `more` until it is gone, then returns how many `items` there are. */
  async function loadEverything(items: Locator, more: Locator): Promise<number> {
    for (let rounds = 0; rounds < 200; rounds++) {
      if (!(await more.isVisible())) {
        await page.waitForTimeout(300);
        if (!(await more.isVisible())) return items.count();
      }
      const before = await items.count();
      await more.click({ timeout: 2_000 }).catch(() => undefined);
      const deadline = Date.now() + 10_000;
      while ((await items.count()) === before && (await more.isVisible()) && Date.now() < deadline) {
        await page.waitForTimeout(50);
      }
    }
    throw new Error('the list never ended');
  }

  test('every payload was stored as a message and a chat name', () => {
    expect(refusals).toEqual([]);
    const count = (list: { batch: XssPayload[] }[]) => list.reduce((n, x) => n + x.batch.length, 0);
    const all = xssFiles.reduce((n, f) => n + payloadsOf(f).length, 0);
    expect(all).toBeGreaterThan(500);
    expect(count(sent)).toBe(all);
    expect(count(named)).toBe(all);
  });

  test('the chat list shows every payload-named chat and fires nothing', async () => {
    const items = page.getByTestId('chat-list-item');
    await items.first().waitFor();
    const more = page.getByTestId('chat-list').getByRole('button', { name: t('common.loadMore') });
    expect(await loadEverything(items, more)).toBe(named.length + 1);
    const shown = (await page.getByTestId('chat-list').textContent()) ?? '';
    const missing = named
      .filter(({ chat }) => !shown.includes(chat.name.trim().slice(0, 20)))
      .map((n) => where(n.batch));
    expect(missing).toEqual([]);
    expect(await problemsIn(page)).toEqual([]);
  });

  test('the payload conversation, scrolled back to its first message, fires nothing', async () => {
    await openInApp(page, `/chats/${payloadChat.id}`);
    const messages = page.getByTestId('messages').getByTestId('message');
    await messages.first().waitFor();
    const older = page.getByRole('button', { name: t('chats.conversation.older') });
    expect(await loadEverything(messages, older)).toBe(sent.length);
    // Every message but the first quotes the one before it.
    expect(await page.getByTestId('messages').getByTestId('message-quote').count()).toBe(sent.length - 1);
    const problems = await problemsIn(page);
    if (problems.length > 0) await screenshot(page, 'chat-xss-messages');
    expect(problems).toEqual([]);
  });

  test('payload-named chats, opened, fire nothing', async () => {
    // Every name already rendered in the list; its conversation header is opened for the
    // polyglots and an even spread of the others (the same renderer shows them all).
    const opened = named.filter(({ batch }, i) => batch[0]!.file === 'XSS_Polyglots.txt' || i % 3 === 0);
    const failures: string[] = [];
    for (const { batch, chat } of opened) {
      await openInApp(page, `/chats/${chat.id}`);
      // The header shows the name as text once this chat (not the one before) is loaded.
      const title = page.getByTestId('conversation-title');
      const shown = await expect
        .poll(() => title.textContent(), { timeout: 5_000 })
        .toBe(chat.name)
        .then(() => true)
        .catch(() => false);
      if (!shown)
        failures.push(
          `${where(batch)}: title shows ${JSON.stringify((await title.textContent())?.slice(0, 60))}`,
        );
      await page.getByTestId('messages').getByTestId('message').first().waitFor();
      for (const problem of await problemsIn(page)) failures.push(`${where(batch)}: ${problem}`);
    }
    expect(failures).toEqual([]);
  });
});
