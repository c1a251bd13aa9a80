import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Department } from '../../src/shared/api/departments.js';
import type { UserProfile } from '../../src/shared/api/users.js';
import { ApiClient } from './support/api-client.js';
import { horizontalOverflow, newGuardedContext, screenshot } from './support/browser-guards.js';
import { browserAvailable, launchChromium, type RunningAtrium, startAtrium } from './support/harness.js';
import { appLanguage, type BrowserLocale, translator } from './support/locales.js';

/**
 * Issue 2's "responsive (usable at 375 px wide), keyboard-accessible", in both languages: on a
 * 375 px phone screen the directory, a person's page with long real-world values (a long
 * double-barrelled name, a long position, a long e-mail, a long link) and the other pages of
 * the foundation have no horizontal scrolling, and the navigation opens from the burger; the
 * sign-in form can be filled in and sent with the keyboard alone.
 */

const width = 375;
const domain = 'corp.test';
const admin = { name: 'Grace Admin', email: `grace.admin@${domain}`, password: 'Quiet-Harbour-Lantern-2291' };

/** A colleague whose every field is as long as real ones get. */
const longPerson = {
  email: `aleksandra.preobrazhenskaya-voskresenskaya@${domain}`,
  name: 'Александра Константиновна Преображенская-Воскресенская',
  position: 'Ведущий специалист по информационной безопасности и соответствию требованиям регуляторов',
  phone: '+7 (495) 123-45-67 доб. 12345',
  office: 'Москва, Пресненская наб., 12, башня «Федерация Восток», этаж 42, переговорная «Байкал»',
  city: 'Санкт-Петербург',
  skills: [
    'Информационная безопасность',
    'ISO/IEC 27001',
    'Kubernetes',
    'Threat modelling',
    'Управление рисками',
    'PostgreSQL',
    'Расследование инцидентов',
  ],
  about:
    'Отвечаю за соответствие требованиям 152-ФЗ и ISO 27001. Регламенты: https://wiki.corp.test/spaces/SECURITY/pages/1234567890/Information+Security+Policies+and+Procedures+2025',
  contacts: {
    telegram: '@preobrazhenskaya_voskresenskaya',
    website: 'https://preobrazhenskaya-voskresenskaya.example.test',
  },
};

describe.runIf(browserAvailable())(`at ${width} px and with the keyboard in Chromium`, () => {
  let atrium: RunningAtrium;
  let browser: Browser;
  let person: UserProfile;
  const setupOverflow = new Map<BrowserLocale, Awaited<ReturnType<typeof horizontalOverflow>>>();
  const api = () => new ApiClient(atrium.url);
  let adminApi: ApiClient;

  beforeAll(async () => {
    atrium = await startAtrium();
    browser = await launchChromium();

    // The setup page exists only before the company does: measure it first, in both languages.
    for (const locale of ['en-US', 'ru-RU'] as const) {
      const errors: string[] = [];
      const context = await phone(locale, errors);
      const page = await context.newPage();
      await page.goto(`${atrium.url}/setup`);
      await page.getByRole('heading', { name: translator(locale)('setup.title'), level: 1 }).waitFor();
      setupOverflow.set(locale, await horizontalOverflow(page));
      await screenshot(page, `responsive-${appLanguage(locale)}-setup`);
      await context.close();
      expect(errors).toEqual([]);
    }

    adminApi = api();
    await adminApi.setup({ companyName: 'Северный ветер', allowedDomains: [domain], admin });
    const department = await adminApi.call<Department>('POST', '/departments', {
      name: 'Департамент информационной безопасности и управления рисками',
    });
    const { skills, about, contacts, ...organisation } = longPerson;
    const created = await adminApi.call<UserProfile>('POST', '/users', {
      ...organisation,
      skills,
      departmentId: department.id,
    });
    person = await adminApi.call<UserProfile>('PATCH', `/users/${created.id}`, { about, contacts });
    for (const [i, name] of ['Иван Петров', 'Emily Clarke', 'Дмитрий Кузнецов', 'Oliver Hughes'].entries()) {
      await adminApi.call('POST', '/users', {
        email: `colleague${i}@${domain}`,
        name,
        position: 'Аналитик',
        departmentId: department.id,
        managerId: person.id,
      });
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await atrium?.close();
  });

  function phone(locale: BrowserLocale, errors: string[]): Promise<BrowserContext> {
    return newGuardedContext(
      browser,
      { origin: atrium.url, locale, viewport: { width, height: 812 }, mobile: true },
      errors,
    );
  }

  test.each(['en-US', 'ru-RU'] as const)('the setup page fits %s', (locale) => {
    const measured = setupOverflow.get(locale)!;
    expect(measured.scrollWidth, `sticking out: ${measured.culprits.join('; ')}`).toBeLessThanOrEqual(width);
  });

  describe.each(['en-US', 'ru-RU'] as const)('in %s', (locale: BrowserLocale) => {
    const t = translator(locale);
    const lang = appLanguage(locale);
    let context: BrowserContext;
    let page: Page;
    const problems: string[] = [];

    beforeAll(async () => {
      context = await phone(locale, problems);
      page = await context.newPage();
    });

    afterAll(async () => {
      await context?.close();
    });

    async function fits(name: string): Promise<void> {
      // Fonts and lazy chunks settle before measuring.
      await page.waitForLoadState('networkidle');
      const measured = await horizontalOverflow(page);
      await screenshot(page, `responsive-${lang}-${name}`);
      expect(
        measured.scrollWidth,
        `${name}: document.documentElement.scrollWidth; sticking out: ${measured.culprits.join('; ')}`,
      ).toBeLessThanOrEqual(width);
    }

    test('the sign-in form is filled in and sent with the keyboard alone', async () => {
      await page.goto(`${atrium.url}/sign-in`);
      await page.getByRole('heading', { name: t('signIn.title'), level: 1 }).waitFor();
      const email = page.getByRole('textbox', { name: t('fields.email'), exact: true });
      const password = page.getByLabel(t('fields.password'), { exact: true });
      const focused = (field: Locator) => field.evaluate((el) => el === document.activeElement);

      // From the top of the page, Tab reaches the e-mail field within a few stops.
      let presses = 0;
      while (!(await focused(email))) {
        expect(presses++, 'Tab presses to reach the e-mail field').toBeLessThan(5);
        await page.keyboard.press('Tab');
      }
      await page.keyboard.type(admin.email);
      await page.keyboard.press('Tab');
      expect(await focused(password)).toBe(true);
      await page.keyboard.type(admin.password);
      // The focus ring shows where the keyboard is, on the next stop (show/hide the password).
      await page.keyboard.press('Tab');
      const toggle = page.getByRole('button', { name: t('password.toggleVisibility') });
      expect(await focused(toggle)).toBe(true);
      expect(await toggle.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');

      await page.waitForURL(/\/$/);
      await page.getByRole('heading', { name: t('feed.title'), level: 1 }).waitFor();
    });

    test('the directory fits and the navigation opens from the burger', async () => {
      await page.goto(`${atrium.url}/people`);
      const list = page.getByRole('list', { name: t('directory.results') });
      await list.getByRole('link', { name: longPerson.name }).waitFor();
      await fits('directory');

      await page.getByRole('button', { name: t('nav.openMenu') }).click();
      const nav = page.getByRole('navigation', { name: t('nav.label') });
      await nav.getByRole('link', { name: t('nav.org'), exact: true }).waitFor();
      await nav.getByRole('searchbox', { name: t('search.people') }).waitFor();
      await fits('navigation-open');
      await page.getByRole('button', { name: t('nav.closeMenu') }).click();
    });

    test('a person page with long values fits', async () => {
      await page.goto(`${atrium.url}/people/${person.id}`);
      await page.getByRole('heading', { name: longPerson.name, level: 1 }).waitFor();
      await page.getByText(longPerson.position).waitFor();
      await fits('person');
    });

    test.each([
      ['profile-edit', () => `/people/${person.id}/edit`, 'fields.about'],
      ['org-chart', () => '/org', 'org.title'],
      ['sessions', () => '/me/sessions', 'sessions.title'],
      ['admin-users', () => '/admin/users', 'admin.users.title'],
      ['admin-departments', () => '/admin/departments', 'admin.departments.title'],
      ['admin-domains', () => '/admin/domains', 'admin.domains.pageTitle'],
      ['admin-password-policy', () => '/admin/password-policy', 'admin.policy.title'],
      ['admin-import', () => '/admin/import', 'admin.import.title'],
      ['admin-files', () => '/admin/files', 'admin.files.description'],
    ])('the %s page fits', async (name, path, key) => {
      await page.goto(`${atrium.url}${path()}`);
      await page.getByText(t(key), { exact: true }).first().waitFor();
      await fits(name);
    });

    test.each([
      ['sign-in', '/sign-in', 'signIn.title'],
      ['sign-up', '/sign-up', 'signUp.title'],
      ['forgot-password', '/forgot-password', 'forgot.title'],
    ])('the %s page fits', async (name, path, key) => {
      const guest = await phone(locale, problems);
      try {
        page = await guest.newPage();
        await page.goto(`${atrium.url}${path}`);
        await page.getByRole('heading', { name: t(key), level: 1 }).waitFor();
        await fits(name);
      } finally {
        await guest.close();
      }
    });

    test('nothing failed in the page and nothing left 127.0.0.1', () => {
      expect(problems).toEqual([]);
    });
  });
});
