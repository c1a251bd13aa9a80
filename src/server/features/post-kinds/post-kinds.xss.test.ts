import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloadsOf, xssFiles } from '../../../../tests/e2e/support/xss-corpus.js';
import { type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { textFieldChecks } from './post-kinds.text-checks.fixtures.js';

/**
 * The XSS acceptance on the server side: every line of the XSS corpus, as an event title
 * and as a poll option, is stored as its normalised text (`cleanLine`, the one documented
 * normalisation) and comes back as a plain text field, never as HTML; lines that normalise to
 * nothing or are too long get a 400, never a 500. (The browser half is tests/e2e/xss.test.ts.)
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

const xssLines = xssFiles.flatMap((file) => payloadsOf(file).map((p) => p.text));

const { checkEventTitles, checkPollOptions } = textFieldChecks(() => ({ t, author }));

describe('the XSS corpus', () => {
  it('is stored and returned as plain text in event titles', async () => {
    expect(xssLines.length).toBeGreaterThan(400);
    await checkEventTitles(xssLines);
  }, 120_000);

  it('is stored and returned as plain text in poll options', async () => {
    await checkPollOptions(xssLines);
  }, 120_000);
});
