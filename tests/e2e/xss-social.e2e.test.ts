import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashPassword } from '../../src/server/platform/auth/passwords.js';
import { type Group, groupLimits } from '../../src/shared/api/groups.js';
import { postKindLimits } from '../../src/shared/api/post-kinds.js';
import { type CommentView, type PostView, postLimits } from '../../src/shared/api/posts.js';
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
 * RELIABILITY.md R23 for the social features (issue 3): EVERY line of the XSS corpus
 * (tests/e2e/fixtures/xss) is saved through the API as a post body, a comment, a poll option
 * (the first of each poll's options also its question), an event's title and place, and a group's
 * name and description, then shown in Chromium where people see them: the personal feed (every
 * post, event and poll, with each event's group name in its header), the pages of the posts
 * carrying the comments, the group directory, every payload group's page, and the notifications
 * panel (a colleague's reaction to each payload post quotes its text). Nothing may run — no
 * dialog, no `window.__xss` or alert(), no page error, no request leaving the server, no injected
 * markup — and the plain-text fields must appear as text. The browser ignores the app's CSP, so
 * the rendering itself is what is tested; a last pass with the CSP enforced shows the pages cause
 * no CSP violation either.
 *
 * To stay fast, payloads are batched: several payloads of a file share a post or a comment
 * (separate Markdown paragraphs; a payload with a code fence, which would swallow the rest, gets
 * its own), twenty share a poll, and group names and event titles pack whole payloads up to the
 * field's length. A payload longer than a field is cut to it: a cut payload is as hostile as a
 * whole one. Each payload stands alone in the server-side tests (posts.xss.test.ts and friends).
 */

const domain = 'corp.test';
const password = 'Quiet-Harbour-Lantern-2291';
const admin = { name: 'Grace Admin', email: `grace.admin@${domain}`, password };
const t = translator('en-US');
const polyglots = 'XSS_Polyglots.txt';
/** Payloads sharing one Markdown post or comment. */
const perMarkdown = 8;

/** `text` cut to `max` characters: the field's limit. */
const clip = (text: string, max: number) => [...text].slice(0, max).join('');
const where = (batch: XssPayload[]) =>
  `${batch[0]!.file}:${batch.map((p) => p.line).join(',')}`.slice(0, 120);

/**
 * The payloads of each file in batches whose texts (each cut to `max`), joined by `separator`,
 * fit in `max` characters and count at most `most` payloads; `alone` payloads get a batch of their own.
 */
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

const hasFence = (p: XssPayload) => /```|~~~/.test(p.text);
const allPayloads = xssFiles.flatMap((file) => payloadsOf(file));
const postBatches = batches(postLimits.body, '\n\n', perMarkdown, hasFence);
const commentBatches = batches(postLimits.comment, '\n\n', perMarkdown, hasFence);
const nameBatches = batches(groupLimits.name, ' ');
const pollBatches = batches(Number.POSITIVE_INFINITY, '', postKindLimits.optionsMax);

/** Runs `task` for every item, `width` at a time. */
async function eachConcurrently<T>(
  items: readonly T[],
  width: number,
  task: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < items.length; i = next++) await task(items[i]!, i);
    }),
  );
}

describe.runIf(browserAvailable())(
  'XSS payloads in posts, comments, polls, events and groups fire nothing',
  () => {
    let atrium: RunningAtrium;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    const posts: { batch: XssPayload[]; post: PostView }[] = [];
    const groups: { batch: XssPayload[]; group: Group; event: PostView }[] = [];
    const polls: { batch: XssPayload[]; poll: PostView }[] = [];
    const commentPosts: { file: string; post: PostView; comments: CommentView[] }[] = [];
    /** What a field refused: nothing may be refused (every payload has visible characters). */
    const refusals: string[] = [];
    const pageErrors: string[] = [];

    beforeAll(async () => {
      atrium = await startAtrium();
      const api = new ApiClient(atrium.url);
      await api.setup({ companyName: 'Payload Testing Ltd', allowedDomains: [domain], admin });
      await insertUser(atrium.database.handle.db, {
        name: 'Mallory Commenter',
        email: `mallory@${domain}`,
        passwordHash: await hashPassword(password),
      });
      const mallory = new ApiClient(atrium.url);
      await mallory.call('POST', '/auth/login', { email: `mallory@${domain}`, password });

      /** Calls the API; a refusal is recorded (with the payloads it was for) instead of thrown. */
      async function attempt<T>(batch: XssPayload[], what: string, run: () => Promise<T>) {
        try {
          return await run();
        } catch (error) {
          if (!(error instanceof ApiCallError)) throw error;
          refusals.push(
            `${where(batch)} ${what}: ${error.status} ${JSON.stringify(error.body).slice(0, 160)}`,
          );
          return undefined;
        }
      }

      // Posts in the company space, each a few payloads as Markdown paragraphs.
      await eachConcurrently(postBatches, 4, async (batch) => {
        const post = await attempt(batch, 'post body', () =>
          api.call<PostView>('POST', '/posts', {
            space: { type: 'company' },
            body: joined(batch, postLimits.body, '\n\n'),
          }),
        );
        if (post) posts.push({ batch, post });
      });

      // Groups named by payloads, each with an event whose title and place are the same payloads.
      await eachConcurrently(nameBatches, 4, async (batch) => {
        const group = await attempt(batch, 'group name', () =>
          api.call<Group>('POST', '/groups', {
            name: joined(batch, groupLimits.name, ' '),
            description: joined(batch, groupLimits.description, '\n'),
            visibility: 'open',
          }),
        );
        if (!group) return;
        const event = await attempt(batch, 'event title', () =>
          api.call<PostView>('POST', '/events', {
            space: { type: 'group', id: group.id },
            title: joined(batch, postKindLimits.title, ' '),
            location: joined(batch, postKindLimits.location, ' '),
            startsAt: '2031-05-01T10:00:00Z',
          }),
        );
        if (event) groups.push({ batch, group, event });
      });

      // Polls: one payload an option, twenty to a poll, the first also the question.
      await eachConcurrently(pollBatches, 4, async (batch) => {
        const options = batch.map((p) => clip(p.text, postKindLimits.option));
        if (options.length < postKindLimits.optionsMin) options.push('Filler option');
        const poll = await attempt(batch, 'poll options', () =>
          api.call<PostView>('POST', '/polls', {
            space: { type: 'company' },
            question: clip(batch[0]!.text, postKindLimits.question),
            options,
          }),
        );
        if (poll) polls.push({ batch, poll });
      });

      // Comments: a colleague writes a file's payloads under one post of that file.
      for (const file of xssFiles) {
        const post = await api.call<PostView>('POST', '/posts', {
          space: { type: 'company' },
          body: `Comments from **${file}**`,
        });
        const comments: CommentView[] = [];
        for (const batch of commentBatches.filter((b) => b[0]!.file === file)) {
          const comment = await attempt(batch, 'comment', () =>
            mallory.call<CommentView>('POST', `/posts/${post.id}/comments`, {
              body: joined(batch, postLimits.comment, '\n\n'),
            }),
          );
          if (comment) comments.push(comment);
        }
        commentPosts.push({ file, post, comments });
      }

      // The colleague reacts to each payload post: the notification quotes the post's text.
      await eachConcurrently(posts, 4, async ({ post }) => {
        await mallory.call('PUT', `/posts/${post.id}/reactions/${encodeURIComponent('👍')}`);
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
      await page.goto(`${atrium.url}/`);
      await page.getByRole('heading', { name: t('feed.title'), level: 1 }).waitFor();
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

    /** Whether the button is there and enabled right now: it vanishes when the last page arrives. */
    const enabledNow = (button: Locator) => button.isEnabled({ timeout: 300 }).catch(() => false);

    /** Clicks `more` until `items` stops growing and `more` is gone (every page of a list loaded). */
    async function loadEverything(items: Locator, more: Locator, timeout = 20_000): Promise<number> {
      for (let rounds = 0; rounds < 200; rounds++) {
        const before = await items.count();
        if (!(await more.isVisible())) {
          // The list may still be fetching a page that scrolling to its end asked for.
          await page.waitForTimeout(300);
          if (!(await more.isVisible()) && (await items.count()) === before) return before;
          continue;
        }
        // The button re-renders while a page loads (scrolling to the end also loads one).
        const clickedAt = Date.now();
        if (await enabledNow(more)) await more.click({ timeout: 2_000 }).catch(() => undefined);
        for (;;) {
          if ((await items.count()) > before || !(await more.isVisible())) break;
          if (Date.now() - clickedAt > 1_500 && (await enabledNow(more))) break;
          if (Date.now() - clickedAt > timeout) throw new Error(`no more items after ${timeout} ms`);
          await page.waitForTimeout(50);
        }
      }
      throw new Error('the list never ended');
    }

    test('the trap catches a payload rendered as markup', async () => {
      await page.evaluate((html) => {
        const box = document.createElement('div');
        box.innerHTML = html;
        document.querySelector('main')?.append(box);
      }, '<img src=x onerror="window.__xss=1;alert(1)"><a href="javascript:alert(2)">x</a>');
      await expect.poll(() => readTrap(page), { timeout: 5_000 }).toEqual(['window.__xss = 1', 'alert(1)']);
      expect(await findInjectedMarkup(page)).toEqual([
        '<img onerror="window.__xss=1;alert(1)">',
        '<a href="javascript:alert(2)">',
      ]);
      pageErrors.splice(0);
      await page.reload();
    });

    test('every payload was stored in every field', () => {
      expect(allPayloads.length).toBeGreaterThan(500);
      expect(refusals).toEqual([]);
      const count = (list: { batch: XssPayload[] }[]) => list.reduce((n, x) => n + x.batch.length, 0);
      expect(count(posts)).toBe(allPayloads.length);
      expect(count(groups)).toBe(allPayloads.length);
      expect(count(polls)).toBe(allPayloads.length);
      expect(commentPosts.reduce((n, c) => n + c.comments.length, 0)).toBe(commentBatches.length);
    });

    test('the company feed shows every payload post and poll, the poll text as text, and fires nothing', async () => {
      await openInApp(page, '/?feed=company');
      const feed = page.getByRole('list', { name: t('feed.scope.company') });
      const cards = feed.getByTestId('post-card');
      await cards.first().waitFor();
      const total = await loadEverything(cards, page.getByRole('button', { name: t('common.loadMore') }));
      expect(total).toBe(posts.length + polls.length + commentPosts.length);

      const shown = (await feed.textContent()) ?? '';
      const missing: string[] = [];
      for (const { batch, poll } of polls) {
        if (!shown.includes(poll.poll!.question)) missing.push(`${where(batch)} poll question`);
        for (const [i, option] of poll.poll!.options.entries()) {
          if (!shown.includes(option.text)) missing.push(`${where(batch.slice(i, i + 1))} poll option`);
        }
      }
      expect(missing).toEqual([]);
      expect(await problemsIn(page)).toEqual([]);
    });

    test('the pages of the posts carrying the comments show every comment and fire nothing', async () => {
      const failures: string[] = [];
      for (const { file, post, comments } of commentPosts) {
        await openInApp(page, `/posts/${post.id}`);
        const article = page.locator(`[data-post-id="${post.id}"]`);
        const shown = article.getByTestId('comment');
        await shown.first().waitFor();
        const more = article.getByRole('button', { name: t('comments.loadMore') });
        const count = await loadEverything(shown, more);
        if (count !== comments.length)
          failures.push(`${file}: ${count} of ${comments.length} comments shown`);
        for (const problem of await problemsIn(page)) failures.push(`${file} comments: ${problem}`);
      }
      expect(failures).toEqual([]);
    });

    test('the group directory lists every payload group name as text and fires nothing', async () => {
      await openInApp(page, '/groups?scope=all');
      const list = page.getByRole('list', { name: t('groups.results') });
      const items = list.locator(':scope > li');
      await items.first().waitFor();
      const total = await loadEverything(items, page.getByRole('button', { name: t('common.loadMore') }));
      expect(total).toBe(groups.length);
      const shown = (await list.textContent()) ?? '';
      expect(groups.filter((g) => !shown.includes(g.group.name)).map((g) => where(g.batch))).toEqual([]);
      await screenshot(page, 'xss-social-groups').catch(() => undefined);
      expect(await problemsIn(page)).toEqual([]);
    });

    test('every payload group page shows its name, and its event the title and place, as text and fires nothing', async () => {
      const failures: string[] = [];
      for (const { batch, group, event } of groups) {
        // The about tab too for the polyglots (it shows the description in full).
        for (const tab of batch[0]!.file === polyglots ? ['', '/about'] : ['']) {
          await openInApp(page, `/groups/${group.id}${tab}`);
          await page.waitForFunction(
            (name) => document.querySelector('main h1')?.textContent === name,
            group.name,
            { timeout: 10_000 },
          );
          if (tab === '') {
            const card = page.locator(`[data-post-id="${event.id}"]`);
            await card.waitFor();
            const shown = (await card.textContent()) ?? '';
            for (const [field, value] of [
              ['group name in the header', t('posts.inSpace', { name: group.name })],
              ['event title', event.event!.title],
              ['event place', event.event!.location!],
            ] as const) {
              if (!shown.includes(value)) failures.push(`${where(batch)} ${field} is not shown as text`);
            }
          }
          for (const problem of await problemsIn(page))
            failures.push(`${where(batch)} group page${tab}: ${problem}`);
        }
      }
      expect(failures).toEqual([]);
    });

    test('the notifications panel quotes every payload post and fires nothing', async () => {
      await openInApp(page, '/');
      await page.getByTestId('notification-bell').click();
      const panel = page.getByRole('dialog', { name: t('notifications.title') });
      const items = panel.getByTestId('notification');
      await items.first().waitFor();
      const total = await loadEverything(items, panel.getByRole('button', { name: t('common.loadMore') }));
      // A reaction to each payload post, and a comment notification for each comment.
      expect(total).toBe(posts.length + commentBatches.length);
      expect(await problemsIn(page)).toEqual([]);
      await page.keyboard.press('Escape');
    });

    test('with the CSP enforced, fresh loads of the feed and of polyglot posts, a poll, a group and comments cause no CSP violation and fire nothing', async () => {
      const errors: string[] = [];
      const enforced = await newGuardedContext(browser, { origin: atrium.url, locale: 'en-US' }, errors);
      try {
        await installXssTrap(enforced);
        await enforced.addCookies(await context.cookies());
        const strict = await enforced.newPage();
        const found: string[] = [];
        const first = <T extends { batch: XssPayload[] }>(list: T[]) =>
          list.find((x) => x.batch[0]!.file === polyglots)!;
        const { post: comments } = commentPosts.find((c) => c.file === polyglots)!;
        for (const path of [
          '/',
          `/posts/${first(posts).post.id}`,
          `/posts/${first(polls).poll.id}`,
          `/groups/${first(groups).group.id}`,
          `/posts/${comments.id}`,
        ]) {
          const response = await strict.goto(`${atrium.url}${path}`);
          expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
          // A fresh load of the whole app beside the rest of the suite can take more than 10 s.
          await strict.getByTestId('post-card').first().waitFor({ timeout: 30_000 });
          await strict.waitForLoadState('networkidle');
          for (const problem of await problemsIn(strict)) found.push(`${path}: ${problem}`);
        }
        expect([...found, ...errors]).toEqual([]);
      } finally {
        await enforced.close();
      }
    });
  },
);
