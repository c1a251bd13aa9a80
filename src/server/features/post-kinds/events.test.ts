import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, systemCtx, type TestApp } from '../../../../tests/support/test-app.js';
import { runDueReminders } from './post-kinds.jobs.js';

let t: TestApp;
let author: Person;
let reader: Person;

const missing = '01900000-0000-7000-8000-00000000abcd';
const hour = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * hour).toISOString();

beforeAll(async () => {
  t = await buildTestApp();
  author = await signedIn(t, 'employee', { name: 'Event Author' });
  reader = await signedIn(t, 'employee', { name: 'Event Reader' });
});
afterAll(async () => {
  await t.close();
});

async function createEvent(who: Person, payload: Record<string, unknown>) {
  const res = await call(t, who, {
    method: 'POST',
    url: '/api/v1/events',
    payload: {
      space: { type: 'company' },
      body: 'Come along',
      title: 'Town hall',
      startsAt: inHours(48),
      ...payload,
    },
  });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function secretGroup(owner: Person): Promise<string> {
  const res = await call(t, owner, {
    method: 'POST',
    url: '/api/v1/groups',
    payload: { name: `Secret ${Math.random()}`, visibility: 'secret' },
  });
  if (res.statusCode !== 201) throw new Error(`group failed: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

async function notificationsOf(userId: string, type: string) {
  return t.database.handle.db
    .selectFrom('notifications')
    .select(['post_id', 'actor_id'])
    .where('user_id', '=', userId)
    .where('type', '=', type)
    .execute();
}

describe('POST /events', () => {
  it('publishes an event post with its details, in the ledger with them', async () => {
    const startsAt = inHours(24);
    const post = await createEvent(author, {
      title: '  Quarterly   planning ',
      startsAt,
      endsAt: inHours(26),
      location: 'Room 4',
      onlineUrl: 'https://meet.example.com/q3',
      remindBefore: 30,
    });
    expect(post.kind).toBe('event');
    expect(post.event).toMatchObject({
      title: 'Quarterly   planning',
      startsAt,
      location: 'Room 4',
      onlineUrl: 'https://meet.example.com/q3',
      remindBefore: 30,
      rsvps: { going: 0, maybe: 0, no: 0 },
      myAnswer: null,
      ended: false,
      icsUrl: `/api/v1/posts/${post.id}/event.ics`,
      abilities: { rsvp: true },
    });
    const entry = await t.database.handle.db
      .selectFrom('ledger')
      .select('payload')
      .where('action', '=', 'post.created')
      .where('subject_id', '=', post.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.payload).event).toMatchObject({ title: 'Quarterly   planning', startsAt });
    const read = await call(t, reader, { url: `/api/v1/posts/${post.id}` });
    expect(read.json().event.title).toBe('Quarterly   planning');
  });

  it('refuses the anonymous (401), bad input (400) and spaces the caller may not write (403/404)', async () => {
    const body = { space: { type: 'company' }, body: '', title: 'x', startsAt: inHours(1) };
    expect((await call(t, null, { method: 'POST', url: '/api/v1/events', payload: body })).statusCode).toBe(
      401,
    );
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '\u200b ' }, 'KIND_TITLE_EMPTY'],
      [{ startsAt: 'tomorrow' }, 'VALIDATION_FAILED'],
      [{ endsAt: inHours(0.5) }, 'EVENT_ENDS_BEFORE_START'],
      [{ onlineUrl: 'javascript:alert(1)' }, 'VALIDATION_FAILED'],
      [{ onlineUrl: 'ftp://files.example.com' }, 'VALIDATION_FAILED'],
      [{ remindBefore: -5 }, 'VALIDATION_FAILED'],
      [{ title: 'x'.repeat(201) }, 'VALIDATION_FAILED'],
    ];
    for (const [patch, code] of cases) {
      const res = await call(t, author, {
        method: 'POST',
        url: '/api/v1/events',
        payload: { ...body, ...patch },
      });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().code).toBe(code);
    }
    const guest = await signedIn(t, 'guest');
    expect((await call(t, guest, { method: 'POST', url: '/api/v1/events', payload: body })).statusCode).toBe(
      403,
    );
    const other = await signedIn(t, 'employee');
    const groupId = await secretGroup(other);
    const intoSecret = await call(t, author, {
      method: 'POST',
      url: '/api/v1/events',
      payload: { ...body, space: { type: 'group', id: groupId } },
    });
    expect(intoSecret.statusCode).toBe(404);
  });
});

describe('RSVP', () => {
  it('records, changes and counts answers; lists who answered', async () => {
    const post = await createEvent(author, {});
    const url = `/api/v1/posts/${post.id}/rsvp`;
    const first = await call(t, reader, { method: 'PUT', url, payload: { answer: 'maybe' } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ myAnswer: 'maybe', rsvps: { going: 0, maybe: 1, no: 0 } });
    const changed = await call(t, reader, { method: 'PUT', url, payload: { answer: 'going' } });
    expect(changed.json()).toMatchObject({ myAnswer: 'going', rsvps: { going: 1, maybe: 0, no: 0 } });
    await call(t, author, { method: 'PUT', url, payload: { answer: 'no' } });

    const all = (await call(t, reader, { url: `/api/v1/posts/${post.id}/rsvps?limit=1` })).json();
    expect(all.items).toHaveLength(1);
    expect(all.items[0]).toMatchObject({ user: { id: author.id, name: 'Event Author' }, answer: 'no' });
    const next = (
      await call(t, reader, { url: `/api/v1/posts/${post.id}/rsvps?limit=1&cursor=${all.nextCursor}` })
    ).json();
    expect(next.items.map((i: { user: { id: string } }) => i.user.id)).toEqual([reader.id]);
    expect(next.nextCursor).toBeNull();
    const going = (await call(t, author, { url: `/api/v1/posts/${post.id}/rsvps?answer=going` })).json();
    expect(going.items.map((i: { user: { id: string } }) => i.user.id)).toEqual([reader.id]);

    const view = (await call(t, author, { url: `/api/v1/posts/${post.id}` })).json();
    expect(view.event).toMatchObject({ myAnswer: 'no', rsvps: { going: 1, maybe: 0, no: 1 } });
  });

  it('answers 401, 400, 404 (missing, not an event) and 409 after the end', async () => {
    const post = await createEvent(author, {});
    const url = `/api/v1/posts/${post.id}/rsvp`;
    expect((await call(t, null, { method: 'PUT', url, payload: { answer: 'going' } })).statusCode).toBe(401);
    const bad = await call(t, reader, { method: 'PUT', url, payload: { answer: 'perhaps' } });
    expect(bad.statusCode).toBe(400);
    const gone = await call(t, reader, {
      method: 'PUT',
      url: `/api/v1/posts/${missing}/rsvp`,
      payload: { answer: 'going' },
    });
    expect(gone.json().code).toBe('POST_NOT_FOUND');
    const plain = await call(t, author, {
      method: 'POST',
      url: '/api/v1/posts',
      payload: { space: { type: 'company' }, body: 'just a post' },
    });
    const notEvent = await call(t, reader, {
      method: 'PUT',
      url: `/api/v1/posts/${plain.json().id}/rsvp`,
      payload: { answer: 'going' },
    });
    expect(notEvent.statusCode).toBe(404);
    expect(notEvent.json().code).toBe('NOT_AN_EVENT');
    expect((await call(t, reader, { url: `/api/v1/posts/${plain.json().id}/event.ics` })).json().code).toBe(
      'NOT_AN_EVENT',
    );

    const past = await createEvent(author, { startsAt: inHours(-3), endsAt: inHours(-2) });
    expect(past.event).toMatchObject({ ended: true, abilities: { rsvp: false } });
    const late = await call(t, reader, {
      method: 'PUT',
      url: `/api/v1/posts/${past.id}/rsvp`,
      payload: { answer: 'going' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('EVENT_ENDED');
  });

  it("hides a secret group's event from non-members: no RSVP, no answers, no .ics (404)", async () => {
    const owner = await signedIn(t, 'employee');
    const groupId = await secretGroup(owner);
    const post = await createEvent(owner, { space: { type: 'group', id: groupId } });
    const outsider = await signedIn(t, 'employee');
    const moderator = await signedIn(t, 'moderator');
    for (const who of [outsider, moderator]) {
      const rsvp = await call(t, who, {
        method: 'PUT',
        url: `/api/v1/posts/${post.id}/rsvp`,
        payload: { answer: 'going' },
      });
      expect(rsvp.statusCode).toBe(404);
      expect(rsvp.json().code).toBe('POST_NOT_FOUND');
      expect((await call(t, who, { url: `/api/v1/posts/${post.id}/rsvps` })).statusCode).toBe(404);
      expect((await call(t, who, { url: `/api/v1/posts/${post.id}/event.ics` })).statusCode).toBe(404);
    }
    expect((await call(t, null, { url: `/api/v1/posts/${post.id}/event.ics` })).statusCode).toBe(401);
    const own = await call(t, owner, { url: `/api/v1/posts/${post.id}/event.ics` });
    expect(own.statusCode).toBe(200);
    const rows = await t.database.handle.db
      .selectFrom('event_rsvps')
      .selectAll()
      .where('post_id', '=', post.id)
      .execute();
    expect(rows).toEqual([]);
  });
});

/** Unfolds RFC 5545 content lines and splits them into `[name, value]` pairs. */
function parseIcs(text: string): [string, string][] {
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  return lines.map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon), line.slice(colon + 1)];
  });
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

describe('GET /posts/{id}/event.ics', () => {
  it('is a valid calendar whose title, place and times read back exactly', async () => {
    const title = 'Launch, party; with \\ backslash — «кириллица» 🎉 and a very long tail '.repeat(2).trim();
    const startsAt = '2031-03-04T09:30:00.000Z';
    const post = await createEvent(author, {
      title,
      startsAt,
      endsAt: '2031-03-04T11:00:00.000Z',
      location: 'Hall A, floor 2; east',
      onlineUrl: 'https://meet.example.com/launch?x=1&y=2',
      body: 'Line one\nLine two, with; punctuation',
    });
    const res = await call(t, reader, { url: `/api/v1/posts/${post.id}/event.ics` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('attachment');
    const raw = res.body;
    for (const line of raw.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const props = parseIcs(raw);
    const names = props.map(([n]) => n);
    expect(names[0]).toBe('BEGIN');
    expect(props[0]![1]).toBe('VCALENDAR');
    expect(names.filter((n) => n === 'BEGIN')).toHaveLength(2);
    const value = (name: string) => props.find(([n]) => n === name || n.startsWith(`${name};`))?.[1];
    expect(props.some(([n, v]) => n === 'BEGIN' && v === 'VEVENT')).toBe(true);
    expect(value('DTSTART')).toBe('20310304T093000Z');
    expect(value('DTEND')).toBe('20310304T110000Z');
    expect(value('UID')).toBe(`${post.id}@atrium`);
    expect(value('SUMMARY')).toContain('Launch\\, party\\; with \\\\ backslash');
    expect(unescapeText(value('SUMMARY')!)).toBe(title);
    expect(unescapeText(value('LOCATION')!)).toBe('Hall A, floor 2; east');
    expect(unescapeText(value('DESCRIPTION')!)).toContain('Line one\nLine two, with; punctuation');
    expect(props[props.length - 1]).toEqual(['END', 'VCALENDAR']);
  });

  it('escapes line breaks that reach a title as text (never a new property)', async () => {
    const post = await createEvent(author, { title: 'Evil\r\nX-INJECTED:1', location: 'A\nB' });
    const res = await call(t, author, { url: `/api/v1/posts/${post.id}/event.ics` });
    const props = parseIcs(res.body);
    expect(props.some(([n]) => n.startsWith('X-INJECTED'))).toBe(false);
    expect(props.some(([n]) => n === 'SUMMARY')).toBe(true);
  });
});

describe('event reminders', () => {
  it('notifies those going or maybe who may still read it, once, even with two runs at once', async () => {
    const owner = await signedIn(t, 'employee');
    const groupId = await secretGroup(owner);
    const going = await signedIn(t, 'employee');
    const maybe = await signedIn(t, 'employee');
    const no = await signedIn(t, 'employee');
    const leaver = await signedIn(t, 'employee');
    for (const who of [going, maybe, no, leaver]) {
      const res = await call(t, owner, {
        method: 'POST',
        url: `/api/v1/groups/${groupId}/members`,
        payload: { userId: who.id },
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    const startsAt = inHours(2);
    const post = await createEvent(owner, {
      space: { type: 'group', id: groupId },
      startsAt,
      remindBefore: 60,
    });
    const answer = (who: Person, value: string) =>
      call(t, who, { method: 'PUT', url: `/api/v1/posts/${post.id}/rsvp`, payload: { answer: value } });
    await answer(going, 'going');
    await answer(maybe, 'maybe');
    await answer(no, 'no');
    await answer(leaver, 'going');
    await answer(owner, 'going');
    await t.database.handle.db
      .deleteFrom('group_members')
      .where('group_id', '=', groupId)
      .where('user_id', '=', leaver.id)
      .execute();

    const ctx = systemCtx(t);
    const early = await runDueReminders(ctx, new Date(Date.parse(startsAt) - 61 * 60_000));
    expect(early.eventReminders).toBe(0);
    const at = new Date(Date.parse(startsAt) - 59 * 60_000);
    const [a, b] = await Promise.all([runDueReminders(ctx, at), runDueReminders(ctx, at)]);
    expect(a.eventReminders + b.eventReminders).toBe(3);
    expect((await runDueReminders(ctx, new Date(at.getTime() + hour))).eventReminders).toBe(0);
    for (const who of [going, maybe, owner]) {
      const got = await notificationsOf(who.id, 'event_reminder');
      expect(got.filter((n) => n.post_id === post.id)).toHaveLength(1);
    }
    for (const who of [no, leaver]) {
      expect((await notificationsOf(who.id, 'event_reminder')).filter((n) => n.post_id === post.id)).toEqual(
        [],
      );
    }
  });
});
