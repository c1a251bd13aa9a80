import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Department, departmentLimits } from '../../src/shared/api/departments.js';
import { peopleLimits, type UserProfile } from '../../src/shared/api/users.js';
import { ApiClient } from './support/api-client.js';
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
import { samplePayloads, type XssPayload, xssFiles } from './support/xss-corpus.js';

/**
 * RELIABILITY.md R23 for the people pages: every payload of the XSS corpus (every 4th line of
 * each file, all of XSS_Polyglots.txt) is saved through the API as a person's name, position,
 * skill and "about" (the polyglots also as department names), and then shown in Chromium on the
 * person's page, their edit page (polyglots) and in the directory. Nothing may run: no dialog,
 * no `window.__xss`, no page error, no request leaving the server, and no injected markup
 * (event-handler attributes, script URLs, foreign elements) in the DOM; the text must appear
 * literally. The main context ignores the app's CSP so the rendering itself is what is tested;
 * one more pass with the CSP enforced shows the app's own pages cause no CSP violation.
 */

const domain = 'corp.test';
const admin = { name: 'Grace Admin', email: `grace.admin@${domain}`, password: 'Quiet-Harbour-Lantern-2291' };
const polyglots = 'XSS_Polyglots.txt';
const payloads = samplePayloads(4, [polyglots]);
const t = translator('en-US');

interface SavedPerson {
  payload: XssPayload;
  profile: UserProfile;
}

/** `text` cut to `max` characters: the field's limit; a cut payload is as hostile as a whole one. */
const clip = (text: string, max: number) => [...text].slice(0, max).join('');
const where = (p: XssPayload) => `${p.file}:${p.line}`;

describe.runIf(browserAvailable())('XSS payloads in people pages render as text in Chromium', () => {
  let atrium: RunningAtrium;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const people: SavedPerson[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    atrium = await startAtrium();
    const api = new ApiClient(atrium.url);
    await api.setup({ companyName: 'Payload Testing Ltd', allowedDomains: [domain], admin });

    for (const [i, payload] of payloads.entries()) {
      const department =
        payload.file === polyglots
          ? await api.call<Department>('POST', '/departments', {
              name: clip(payload.text, departmentLimits.name),
            })
          : undefined;
      const created = await api.call<UserProfile>('POST', '/users', {
        email: `xss-${i}@${domain}`,
        name: clip(payload.text, peopleLimits.name),
        position: clip(payload.text, peopleLimits.position),
        skills: [clip(payload.text, peopleLimits.skill)],
        ...(department ? { departmentId: department.id } : {}),
      });
      const profile = await api.call<UserProfile>('PATCH', `/users/${created.id}`, {
        about: clip(payload.text, peopleLimits.about),
      });
      people.push({ payload, profile });
    }

    browser = await launchChromium();
    context = await newGuardedContext(
      browser,
      { origin: atrium.url, locale: 'en-US', bypassCSP: true },
      pageErrors,
    );
    await installXssTrap(context);
    page = await context.newPage();
    await page.goto(`${atrium.url}/sign-in`);
    await page.getByRole('textbox', { name: t('fields.email'), exact: true }).fill(admin.email);
    await page.getByLabel(t('fields.password'), { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: t('signIn.submit'), exact: true }).click();
    await page.waitForURL(/\/$/);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await atrium?.close();
  });

  /** Everything that shows script ran or markup was injected since the page loaded. */
  async function problemsIn(target: Page): Promise<string[]> {
    const found = [...(await readTrap(target)), ...(await findInjectedMarkup(target))];
    found.push(...pageErrors.splice(0));
    return found;
  }

  test('the trap itself catches a payload that is rendered as markup', async () => {
    await page.goto(`${atrium.url}/people`);
    await page.getByRole('heading', { name: t('directory.title'), level: 1 }).waitFor();
    // What an unsafe renderer would do with one of the polyglots.
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
  });

  test('every sampled payload was stored', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(100 + 16);
    expect(people).toHaveLength(payloads.length);
    for (const { profile } of people) expect(profile.skills).toHaveLength(1);
  });

  /** Waits until the person page shows `profile` (its heading is their name). */
  async function personPageShows(target: Page, profile: UserProfile): Promise<void> {
    await target.waitForFunction(
      (name) => document.querySelector('main h1')?.textContent === name,
      profile.name,
      { timeout: 10_000 },
    );
  }

  test.each(xssFiles)('person pages of the payloads from %s fire nothing and show the text', async (file) => {
    const failures: string[] = [];
    const mine = people.filter((p) => p.payload.file === file);
    // The first page of each file is a fresh document load; the rest are opened inside the app.
    await page.goto(`${atrium.url}/people/${mine[0]!.profile.id}`);
    for (const { payload, profile } of mine) {
      await openInApp(page, `/people/${profile.id}`);
      await personPageShows(page, profile);
      const shown = await page.locator('main').textContent();
      for (const [field, value] of [
        ['name', profile.name],
        ['position', profile.position],
        ['skill', profile.skills[0]],
        ['about', profile.about],
        ['department', profile.department?.name],
      ] as const) {
        if (value && !shown?.includes(value))
          failures.push(`${where(payload)} ${field} is not shown as text`);
      }
      for (const problem of await problemsIn(page))
        failures.push(`${where(payload)} person page: ${problem}`);

      if (file === polyglots) {
        await openInApp(page, `/people/${profile.id}/edit`);
        const about = page.getByRole('textbox', { name: t('fields.about') });
        await about.waitFor();
        if ((await about.inputValue()) !== profile.about) {
          failures.push(`${where(payload)} edit page: about is not the stored text`);
        }
        for (const problem of await problemsIn(page))
          failures.push(`${where(payload)} edit page: ${problem}`);
        // A fresh document as well: the page a link from a chat or an e-mail opens.
        await page.goto(`${atrium.url}/people/${profile.id}`);
        await personPageShows(page, profile);
        for (const problem of await problemsIn(page))
          failures.push(`${where(payload)} loaded page: ${problem}`);
      }
    }
    await screenshot(page, `xss-person-${file.replace(/\.txt$/, '')}`);
    expect(failures).toEqual([]);
  });

  test('the directory lists every payload person as text and fires nothing', async () => {
    await page.goto(`${atrium.url}/people`);
    const list = page.getByRole('list', { name: t('directory.results') });
    const loadMore = page.getByRole('button', { name: t('common.loadMore') });
    await list.getByRole('link').first().waitFor();
    // "Load more" until the whole directory (the payload people and the admin) is on the page.
    for (let rounds = 0; (await list.getByRole('link').count()) < people.length + 1; rounds++) {
      expect(rounds).toBeLessThan(50);
      const before = await list.getByRole('link').count();
      await loadMore.click();
      await expect.poll(() => list.getByRole('link').count(), { timeout: 10_000 }).toBeGreaterThan(before);
    }
    const shown = (await list.textContent()) ?? '';
    const missing = people
      .filter(({ profile }) => !shown.includes(profile.name))
      .map(({ payload }) => where(payload));
    expect(missing).toEqual([]);
    await screenshot(page, 'xss-directory');
    expect(await problemsIn(page)).toEqual([]);
  });

  test('the directory filtered by a polyglot skill or name shows it in the filter and fires nothing', async () => {
    const failures: string[] = [];
    for (const { payload, profile } of people.filter((p) => p.payload.file === polyglots)) {
      for (const [param, value] of [
        ['skill', profile.skills[0]!],
        ['q', clip(profile.name, peopleLimits.search)],
      ] as const) {
        await openInApp(page, `/people?${new URLSearchParams({ [param]: value })}`);
        const label = param === 'skill' ? t('directory.skill') : t('directory.name');
        const field = page.getByRole(param === 'skill' ? 'combobox' : 'searchbox', {
          name: label,
          exact: true,
        });
        const inField = await expect
          .poll(() => field.inputValue(), { timeout: 5_000 })
          .toBe(value)
          .then(
            () => value,
            () => field.inputValue(),
          );
        if (inField !== value)
          failures.push(`${where(payload)} ${param} filter shows ${JSON.stringify(inField)}`);
        const list = page.getByRole('list', { name: t('directory.results') });
        // Other polyglots may match too (a shared prefix); this one must be among the results.
        await expect
          .poll(
            async () => (await list.getAttribute('aria-busy')) === 'false' && (await list.textContent()),
            {
              timeout: 10_000,
            },
          )
          .toContain(profile.name);
        for (const problem of await problemsIn(page))
          failures.push(`${where(payload)} ${param} filter: ${problem}`);
      }
    }
    expect(failures).toEqual([]);
  });

  test('with the CSP enforced, the directory and polyglot pages cause no CSP violation and fire nothing', async () => {
    const errors: string[] = [];
    const enforced = await newGuardedContext(browser, { origin: atrium.url, locale: 'en-US' }, errors);
    try {
      await installXssTrap(enforced);
      await enforced.addCookies(await context.cookies());
      const strict = await enforced.newPage();
      const response = await strict.goto(`${atrium.url}/people`);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await strict
        .getByRole('list', { name: t('directory.results') })
        .getByRole('link')
        .first()
        .waitFor();
      const found = await problemsIn(strict);
      for (const { profile } of people.filter((p) => p.payload.file === polyglots)) {
        await strict.goto(`${atrium.url}/people/${profile.id}`);
        await personPageShows(strict, profile);
        found.push(...(await problemsIn(strict)));
      }
      expect([...found, ...errors]).toEqual([]);
    } finally {
      await enforced.close();
    }
  });
});
