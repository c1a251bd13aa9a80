import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloadsOf, xssFiles } from '../../../../tests/e2e/support/xss-corpus.js';
import { multipart } from '../../../../tests/support/csv-files.js';
import { type Caller, call, type Person, personFor, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { cleanText } from '../../../shared/text.js';

let t: TestApp;
let moderator: Person;
let alice: Person;
let bob: Person;
const missing = '01900000-0000-7000-8000-0000000000ff';
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const hour = 3_600_000;

function post(who: Person | null, payload: Record<string, unknown>) {
  return call(t, who, { method: 'POST', url: '/api/v1/stories', payload });
}

interface AuthorItem {
  author: { id: string };
  stories: { id: string; text: string; imageUrl: string | null; abilities: { delete: boolean } }[];
}

async function list(
  who: Person | null,
  query = '?limit=100',
): Promise<{ items: AuthorItem[]; nextCursor: string | null }> {
  return (await call(t, who, { url: `/api/v1/stories${query}` })).json();
}

async function upload(who: Person): Promise<string> {
  const res = await call(t, who, { method: 'POST', url: '/api/v1/uploads', ...multipart(png) });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** A story written straight into the table, `ageHours` old, to test expiry without waiting. */
async function insertStory(author: Person, ageHours: number, text: string): Promise<string> {
  const id = uuidv7();
  const created = Date.now() - ageHours * hour;
  await t.database.handle.db
    .insertInto('stories')
    .values({
      id,
      author_id: author.id,
      text,
      upload_id: null,
      background: 'ocean',
      created_at: new Date(created).toISOString(),
      expires_at: new Date(created + 24 * hour).toISOString(),
    })
    .execute();
  return id;
}

beforeAll(async () => {
  t = await buildTestApp();
  moderator = await signedIn(t, 'moderator');
  alice = await signedIn(t, 'employee');
  bob = await signedIn(t, 'employee');
});
afterAll(async () => {
  await t.close();
});

describe('stories', () => {
  const postCases: { caller: Caller; status: number }[] = [
    { caller: 'admin', status: 201 },
    { caller: 'moderator', status: 201 },
    { caller: 'employee', status: 201 },
    { caller: 'guest', status: 403 },
    { caller: 'deactivated', status: 401 },
    { caller: 'anonymous', status: 401 },
  ];
  it.each(postCases)('$caller posting a story: $status', async ({ caller, status }) => {
    const res = await post(await personFor(t, caller), { text: 'Hello', background: 'sunrise' });
    expect(res.statusCode, res.body).toBe(status);
    if (status === 201) {
      expect(res.json()).toMatchObject({ text: 'Hello', background: 'sunrise', imageUrl: null });
      const lifetime = Date.parse(res.json().expiresAt) - Date.parse(res.json().createdAt);
      expect(lifetime).toBe(24 * hour);
    }
  });

  it('shows stories by author, most recent poster first, paged by author; guests see none', async () => {
    const first = (await post(alice, { text: 'Alice one' })).json().id;
    const second = (await post(alice, { text: 'Alice two' })).json().id;
    const bobs = (await post(bob, { text: 'Bob one' })).json().id;
    const page = await list(alice);
    const authors = page.items.map((i) => i.author.id);
    expect(authors.indexOf(bob.id)).toBeLessThan(authors.indexOf(alice.id));
    const mine = page.items.find((i) => i.author.id === alice.id)!;
    expect(mine.stories.map((s) => s.id)).toEqual([first, second]);
    expect(mine.stories[0]!.abilities.delete).toBe(true);
    expect(
      page.items.find((i) => i.author.id === bob.id)!.stories.map((s) => [s.id, s.abilities.delete]),
    ).toEqual([[bobs, false]]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p: { items: AuthorItem[]; nextCursor: string | null } = await list(
        alice,
        `?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(p.items.length).toBeLessThanOrEqual(1);
      seen.push(...p.items.map((i) => i.author.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen).toEqual(authors);

    const guest = await signedIn(t, 'guest');
    expect(await list(guest)).toEqual({ items: [], nextCursor: null });
    expect((await call(t, null, { url: '/api/v1/stories' })).statusCode).toBe(401);
    expect((await call(t, alice, { url: '/api/v1/stories?cursor=bad*' })).statusCode).toBe(400);
  });

  it('expires stories after 24 hours', async () => {
    const carol = await signedIn(t, 'employee');
    const fresh = await insertStory(carol, 23, 'Still here');
    const stale = await insertStory(carol, 25, 'Gone');
    const item = (await list(alice)).items.find((i) => i.author.id === carol.id)!;
    expect(item.stories.map((s) => s.id)).toEqual([fresh]);
    const dave = await signedIn(t, 'employee');
    await insertStory(dave, 30, 'Long gone');
    expect((await list(alice)).items.map((i) => i.author.id)).not.toContain(dave.id);
    const gone = await call(t, moderator, { method: 'DELETE', url: `/api/v1/stories/${stale}` });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('STORY_NOT_FOUND');
  });

  it('takes a picture the author uploaded, and only that', async () => {
    const mine = await upload(alice);
    const res = await post(alice, { uploadId: mine });
    expect(res.statusCode, res.body).toBe(201);
    const story = res.json();
    expect(story.imageUrl).toBe(`/api/v1/stories/${story.id}/image`);
    const image = await call(t, bob, { url: story.imageUrl });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(image.rawPayload, png)).toBe(0);
    const guest = await signedIn(t, 'guest');
    expect((await call(t, guest, { url: story.imageUrl })).statusCode).toBe(403);
    expect((await call(t, bob, { url: `/api/v1/stories/${missing}/image` })).statusCode).toBe(404);

    const stolen = await post(bob, { uploadId: mine, text: 'mine now' });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().code).toBe('STORY_UPLOAD_INVALID');
    expect((await post(bob, { uploadId: missing })).json().code).toBe('STORY_UPLOAD_INVALID');
  });

  it('refuses empty, long and malformed stories', async () => {
    expect((await post(alice, {})).json().code).toBe('STORY_EMPTY');
    expect((await post(alice, { text: ' \u200b\n' })).json().code).toBe('STORY_EMPTY');
    expect((await post(alice, { text: 'x'.repeat(281) })).statusCode).toBe(400);
    expect((await post(alice, { text: 'x', background: 'neon' })).statusCode).toBe(400);
    expect((await post(alice, { text: 'x', uploadId: 'nope' })).statusCode).toBe(400);
    expect((await post(alice, { text: 'x', extra: 1 })).statusCode).toBe(400);
  });

  it('is deleted by its author or a moderator, with the full story in the ledger', async () => {
    const text = 'Delete me';
    const a = (await post(alice, { text })).json().id;
    const b = (await post(alice, { text: 'Moderate me' })).json().id;
    expect((await call(t, bob, { method: 'DELETE', url: `/api/v1/stories/${a}` })).statusCode).toBe(403);
    expect((await call(t, alice, { method: 'DELETE', url: `/api/v1/stories/${a}` })).statusCode).toBe(204);
    expect((await call(t, moderator, { method: 'DELETE', url: `/api/v1/stories/${b}` })).statusCode).toBe(
      204,
    );
    expect((await call(t, alice, { method: 'DELETE', url: `/api/v1/stories/${a}` })).statusCode).toBe(404);
    const guest = await signedIn(t, 'guest');
    expect((await call(t, guest, { method: 'DELETE', url: `/api/v1/stories/${b}` })).statusCode).toBe(403);
    expect((await call(t, alice, { method: 'DELETE', url: '/api/v1/stories/x' })).statusCode).toBe(400);
    const ids = (await list(bob)).items.flatMap((i) => i.stories.map((s) => s.id));
    expect(ids).not.toContain(a);
    expect(ids).not.toContain(b);

    const db = t.database.handle.db;
    const entries = await db
      .selectFrom('ledger')
      .select(['action', 'actor_id', 'payload'])
      .where('subject_id', '=', a)
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => [e.action, e.actor_id, JSON.parse(e.payload).text])).toEqual([
      ['story.created', alice.id, text],
      ['story.deleted', alice.id, text],
    ]);
    const events = await db
      .selectFrom('stream_events')
      .select(['type', 'data'])
      .where('stream', '=', 'company')
      .execute();
    expect(events.filter((e) => JSON.parse(e.data).storyId === a).map((e) => e.type)).toEqual([
      'story.created',
      'story.deleted',
    ]);
  });

  it('limits how many stories one person runs at a time', async () => {
    const eve = await signedIn(t, 'employee');
    for (let i = 0; i < 30; i++) await insertStory(eve, 1, `story ${i}`);
    const res = await post(eve, { text: 'one more' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('STORY_LIMIT');
  });

  it('stores XSS lines verbatim as story text', async () => {
    const frank = await signedIn(t, 'employee');
    const lines = xssFiles
      .flatMap(payloadsOf)
      .filter((p, i) => p.text.length <= 280 && (i % 3 === 0 || p.file === 'XSS_Polyglots.txt'));
    const ids: string[] = [];
    for (const [n, { file, line, text }] of lines.entries()) {
      // The per-person limit: clear the way every 30 stories.
      if (n % 30 === 0)
        await t.database.handle.db.deleteFrom('stories').where('author_id', '=', frank.id).execute();
      const res = await post(frank, { text });
      expect(res.statusCode, `${file}:${line}`).toBe(201);
      expect(res.json().text, `${file}:${line}`).toBe(cleanText(text));
      ids.push(res.json().id);
    }
    expect(ids.length).toBeGreaterThan(150);
  });
});
