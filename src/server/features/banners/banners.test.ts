import { Parser } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloadsOf, xssFiles } from '../../../../tests/e2e/support/xss-corpus.js';
import { type Caller, call, type Person, personFor, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { cleanLine } from '../../../shared/text.js';

let t: TestApp;
let moderator: Person;
let employee: Person;
const missing = '01900000-0000-7000-8000-0000000000ff';
const inADay = () => new Date(Date.now() + 86_400_000).toISOString();

function create(who: Person | null, payload: Record<string, unknown>) {
  return call(t, who, { method: 'POST', url: '/api/v1/banners', payload });
}

async function listIds(who: Person | null): Promise<string[]> {
  return (await call(t, who, { url: '/api/v1/banners?limit=100' }))
    .json()
    .items.map((b: { id: string }) => b.id);
}

beforeAll(async () => {
  t = await buildTestApp();
  moderator = await signedIn(t, 'moderator');
  employee = await signedIn(t, 'employee');
});
afterAll(async () => {
  await t.close();
});

describe('banners', () => {
  const createCases: { caller: Caller; status: number }[] = [
    { caller: 'admin', status: 201 },
    { caller: 'moderator', status: 201 },
    { caller: 'employee', status: 403 },
    { caller: 'guest', status: 403 },
    { caller: 'deactivated', status: 401 },
    { caller: 'anonymous', status: 401 },
  ];
  it.each(createCases)('$caller publishing a banner: $status', async ({ caller, status }) => {
    const who = await personFor(t, caller);
    const res = await create(who, { title: 'Town hall', endsAt: inADay() });
    expect(res.statusCode, res.body).toBe(status);
    if (status === 201) {
      expect(res.json()).toMatchObject({ title: 'Town hall', abilities: { edit: true, delete: true } });
    }
  });

  it('shows running banners to employees, none to guests', async () => {
    const res = await create(moderator, {
      title: 'Office closed on Friday',
      body: 'See **the memo**',
      linkUrl: 'https://intranet.example/memo',
      endsAt: inADay(),
    });
    const banner = res.json();
    expect(banner.html).toBe('<p>See <strong>the memo</strong></p>\n');
    const list = (await call(t, employee, { url: '/api/v1/banners' })).json();
    expect(list.items[0]).toMatchObject({
      id: banner.id,
      linkUrl: 'https://intranet.example/memo',
      createdBy: { id: moderator.id },
      abilities: { edit: false, delete: false },
    });
    const guest = await signedIn(t, 'guest');
    expect((await call(t, guest, { url: '/api/v1/banners' })).json()).toEqual({
      items: [],
      nextCursor: null,
    });
    expect((await call(t, null, { url: '/api/v1/banners' })).statusCode).toBe(401);
  });

  it('hides banners once their end date passes', async () => {
    const id = (await create(moderator, { title: 'Short-lived', endsAt: inADay() })).json().id;
    expect(await listIds(employee)).toContain(id);
    await t.database.handle.db
      .updateTable('banners')
      .set({ ends_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();
    expect(await listIds(employee)).not.toContain(id);
    // Moving the end date forward brings it back.
    expect(
      (
        await call(t, moderator, {
          method: 'PATCH',
          url: `/api/v1/banners/${id}`,
          payload: { endsAt: inADay() },
        })
      ).statusCode,
    ).toBe(200);
    expect(await listIds(employee)).toContain(id);
  });

  it('refuses bad banners', async () => {
    const bad = async (payload: Record<string, unknown>) => (await create(moderator, payload)).json().code;
    expect(await bad({ title: 'x' })).toBe('VALIDATION_FAILED');
    expect(await bad({ title: 'x', endsAt: 'tomorrow' })).toBe('VALIDATION_FAILED');
    expect(await bad({ title: 'x', endsAt: inADay(), linkUrl: 'javascript:alert(1)' })).toBe(
      'VALIDATION_FAILED',
    );
    expect(await bad({ title: 'x', endsAt: inADay(), linkUrl: 'ftp://files.example/x' })).toBe(
      'VALIDATION_FAILED',
    );
    expect(await bad({ title: 'x', endsAt: inADay(), extra: true })).toBe('VALIDATION_FAILED');
    expect(await bad({ title: 'x', endsAt: '2001-01-01T00:00:00Z' })).toBe('BANNER_ENDS_IN_PAST');
    expect(await bad({ title: '\u200b\u202e ', endsAt: inADay() })).toBe('BANNER_TITLE_EMPTY');
  });

  it('edits and deletes with every version in the ledger and an event on the company stream', async () => {
    const id = (await create(moderator, { title: 'Draft', body: 'v1', endsAt: inADay() })).json().id;
    const url = `/api/v1/banners/${id}`;
    const patched = await call(t, moderator, {
      method: 'PATCH',
      url,
      payload: { title: 'Final', body: 'v2', linkUrl: null },
    });
    expect(patched.json()).toMatchObject({ title: 'Final', body: 'v2', html: '<p>v2</p>\n', linkUrl: null });
    expect((await call(t, moderator, { method: 'PATCH', url, payload: {} })).statusCode).toBe(400);
    expect((await call(t, employee, { method: 'PATCH', url, payload: { title: 'x' } })).statusCode).toBe(403);
    const none = `/api/v1/banners/${missing}`;
    expect(
      (await call(t, moderator, { method: 'PATCH', url: none, payload: { title: 'x' } })).statusCode,
    ).toBe(404);
    expect((await call(t, employee, { method: 'DELETE', url })).statusCode).toBe(403);
    expect((await call(t, moderator, { method: 'DELETE', url })).statusCode).toBe(204);
    const again = await call(t, moderator, { method: 'DELETE', url });
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('BANNER_NOT_FOUND');
    expect(await listIds(employee)).not.toContain(id);

    const db = t.database.handle.db;
    const entries = await db
      .selectFrom('ledger')
      .select(['action', 'payload'])
      .where('subject_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => [e.action, JSON.parse(e.payload).title, JSON.parse(e.payload).body])).toEqual([
      ['banner.created', 'Draft', 'v1'],
      ['banner.updated', 'Final', 'v2'],
      ['banner.deleted', 'Final', 'v2'],
    ]);
    const events = await db
      .selectFrom('stream_events')
      .select('data')
      .where('stream', '=', 'company')
      .where('type', '=', 'banner.changed')
      .execute();
    expect(events.filter((e) => JSON.parse(e.data).bannerId === id)).toHaveLength(3);
  });

  // Titles are stored as sent after the R32 normalisation only (a tab becomes a space, ends are
  // trimmed); the renderer itself is tested on every line in render.test.ts, so a third of the
  // corpus (the same lines each run) suffices to show the banner body goes through it.
  it('stores XSS lines verbatim as titles and sanitises them as bodies', async () => {
    const allowedTags = new Set(['p', 'br', 'strong', 'em', 's', 'del', 'code', 'pre', 'blockquote']);
    const lines = xssFiles
      .flatMap(payloadsOf)
      .filter((p, i) => p.text.length <= 200 && (i % 3 === 0 || p.file === 'XSS_Polyglots.txt'));
    expect(lines.length).toBeGreaterThan(150);
    for (const { file, line, text } of lines) {
      const res = await create(moderator, { title: text, body: text, endsAt: inADay() });
      expect(res.statusCode, `${file}:${line}`).toBe(201);
      const banner = res.json();
      expect(banner.title, `${file}:${line}`).toBe(cleanLine(text));
      new Parser({
        onopentag(name, attributes) {
          const where = `${file}:${line} <${name}>`;
          expect(
            allowedTags.has(name) || ['a', 'ul', 'ol', 'li', 'hr', 'h1', 'h2', 'h3'].includes(name),
            where,
          ).toBe(true);
          for (const [attr, value] of Object.entries(attributes)) {
            expect(['href', 'rel', 'target', 'start'], where).toContain(attr);
            if (attr === 'href') expect(value, where).toMatch(/^(https?:|mailto:|\/(?!\/))/i);
          }
        },
      }).end(banner.html);
    }
  });
});
