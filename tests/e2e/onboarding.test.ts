import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { errorMessage } from '../../src/shared/errors.js';
import { newGuardedContext, screenshot } from './support/browser-guards.js';
import { browserAvailable, launchChromium, type RunningAtrium, startAtrium } from './support/harness.js';
import { appLanguage, type BrowserLocale, translator } from './support/locales.js';
import { linkPathFrom, readMail } from './support/mail.js';
import { generatePeople, peopleCsv } from './support/people-csv.js';

/**
 * The acceptance path of issue 2, in Chromium, once per interface language: a company is set
 * up, its administrator signs in and imports 50 people from CSV, a newcomer with an address on
 * the allowed domain signs up through the e-mailed link, finds colleagues by a skill, opens one
 * and edits their own profile; an address on a foreign domain is refused in the page's language.
 */

const domain = 'corp.test';
const rareSkillHolders = [7, 22, 41];

const cases = {
  'en-US': {
    company: 'Northwind Trading',
    admin: {
      name: 'Margaret Hale',
      email: `margaret.hale@${domain}`,
      password: 'Quiet-Harbour-Lantern-2291',
    },
    newcomer: {
      name: 'Victoria Lane',
      email: `victoria.lane@${domain}`,
      password: 'Velvet-Compass-Orchard-58',
    },
    rareSkill: 'Hydroacoustics',
    csvHeaders: 'en',
    city: 'Manchester',
    verifySubject: 'Confirm your e-mail address for Atrium',
  },
  'ru-RU': {
    company: 'ООО «Северный ветер»',
    admin: {
      name: 'Маргарита Орлова',
      email: `margarita.orlova@${domain}`,
      password: 'Тихая-Гавань-Фонарь-2291',
    },
    newcomer: {
      name: 'Ксения Белова',
      email: `ksenia.belova@${domain}`,
      password: 'Бархатный-Компас-Сад-58',
    },
    rareSkill: 'Гидроакустика',
    csvHeaders: 'ru',
    city: 'Казань',
    verifySubject: 'Подтвердите адрес e-mail для Atrium',
  },
} as const;

describe.runIf(browserAvailable())('onboarding in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  describe.each(['en-US', 'ru-RU'] as const)('in %s', (locale: BrowserLocale) => {
    const data = cases[locale];
    const t = translator(locale);
    const lang = appLanguage(locale);
    const people = generatePeople(50, domain, data.rareSkill, rareSkillHolders);
    const colleague = people[rareSkillHolders[1]!]!;
    let atrium: RunningAtrium;
    let context: BrowserContext;
    let page: Page;
    const problems: string[] = [];
    const shot = (step: string) => screenshot(page, `onboarding-${lang}-${step}`);

    beforeAll(async () => {
      atrium = await startAtrium();
      context = await newGuardedContext(browser, { origin: atrium.url, locale }, problems);
      page = await context.newPage();
    });

    afterAll(async () => {
      await context?.close();
      await atrium?.close();
    });

    // The steps build on each other: after one fails, the rest would only time out.
    let broken = false;
    beforeEach((ctx) => {
      if (broken) ctx.skip();
      ctx.onTestFailed(async () => {
        broken = true;
        await shot('failed').catch(() => undefined);
      });
    });

    const textbox = (name: string) => page.getByRole('textbox', { name, exact: true });
    const password = () => page.getByLabel(t('fields.password'), { exact: true });
    const mainNav = (name: string) =>
      page.getByRole('navigation', { name: t('nav.label') }).getByRole('link', { name, exact: true });
    const alertWith = (text: string) => page.getByRole('alert').filter({ hasText: text });

    async function signIn(email: string, secret: string): Promise<void> {
      await page.getByRole('heading', { name: t('signIn.title'), level: 1 }).waitFor();
      await textbox(t('fields.email')).fill(email);
      await password().fill(secret);
      await page.getByRole('button', { name: t('signIn.submit'), exact: true }).click();
      await page.waitForURL(/\/$/);
    }

    async function signOut(): Promise<void> {
      await page.getByRole('button', { name: t('nav.accountMenu') }).click();
      await page.getByRole('menuitem', { name: t('nav.signOut') }).click();
      await page.waitForURL(/\/sign-in$/);
    }

    /** Filters the directory by a skill the way a person does: type it, press Enter. */
    async function filterBySkill(skill: string): Promise<Locator> {
      const field = page.getByRole('combobox', { name: t('directory.skill'), exact: true });
      await field.fill(skill);
      await field.press('Enter');
      await page.waitForURL((url) => url.searchParams.get('skill') === skill);
      return page.getByRole('list', { name: t('directory.results') });
    }

    /** The names on the cards of the directory's result list, once it has settled. */
    async function cardNames(list: Locator, expected: number): Promise<string[]> {
      await expect
        .poll(
          async () =>
            (await list.getAttribute('aria-busy')) === 'false' && (await list.getByRole('link').count()),
          {
            timeout: 10_000,
          },
        )
        .toBe(expected);
      return list
        .locator('li')
        .evaluateAll((items) => items.map((li) => li.querySelector('p')?.textContent ?? ''));
    }

    test('the first visit leads to setup, which creates the company and its administrator', async () => {
      await page.goto(atrium.url);
      await page.waitForURL(/\/setup$/);
      await page.getByRole('heading', { name: t('setup.title'), level: 1 }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);

      await textbox(t('setup.companyName')).fill(data.company);
      const domains = page.getByRole('combobox', { name: t('fields.allowedDomains'), exact: true });
      await domains.fill(domain);
      await domains.press('Enter');
      await textbox(t('fields.name')).fill(data.admin.name);
      await textbox(t('fields.email')).fill(data.admin.email);
      await password().fill(data.admin.password);
      await shot('01-setup');
      await page.getByRole('button', { name: t('setup.submit') }).click();

      await page.waitForURL(/\/$/);
      await page.getByRole('heading', { name: t('feed.title'), level: 1 }).waitFor();
      await page.getByText(data.company, { exact: true }).first().waitFor();
    });

    test('the administrator signs out and back in, then imports 50 people from CSV (dry run, then apply)', async () => {
      await signOut();
      await signIn(data.admin.email, data.admin.password);

      await mainNav(t('nav.admin')).click();
      await page
        .getByRole('navigation', { name: t('admin.nav.label') })
        .getByRole('link', { name: t('admin.nav.import') })
        .click();
      await page.getByRole('heading', { name: t('admin.import.title'), level: 1 }).waitFor();

      const csv = peopleCsv(people, data.csvHeaders);
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: t('admin.import.file') }).click(),
      ]);
      await chooser.setFiles({
        name: 'employees.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv, 'utf8'),
      });
      await page.getByRole('button', { name: t('admin.import.check') }).click();

      const plan = page.getByRole('region', { name: t('admin.import.planTitle') });
      const summary = plan.getByTestId('import-summary');
      await summary.getByText(t('admin.import.creates', { count: 50 }), { exact: true }).waitFor();
      await summary.getByText(t('admin.import.errors', { count: 0 }), { exact: true }).waitFor();
      const creates = plan.getByRole('table', { name: t('admin.import.createsTitle') });
      await creates.getByRole('cell', { name: colleague.email, exact: true }).waitFor();
      expect(await creates.locator('tbody tr').count()).toBe(50);
      await shot('02-import-plan');

      await plan.getByRole('button', { name: t('admin.import.apply') }).click();
      const applied = page.getByRole('status').filter({ hasText: t('admin.import.appliedTitle') });
      await applied.getByText(t('admin.import.creates', { count: 50 }), { exact: true }).waitFor();
      await shot('03-import-applied');

      await mainNav(t('nav.people')).click();
      const list = await filterBySkill(data.rareSkill);
      expect((await cardNames(list, 3)).sort()).toEqual(rareSkillHolders.map((i) => people[i]!.name).sort());
      await signOut();
    });

    test('an address on a foreign domain is refused on the sign-up page with a readable message', async () => {
      await page.getByRole('link', { name: t('signIn.toSignUp') }).click();
      await page.getByRole('heading', { name: t('signUp.title'), level: 1 }).waitFor();
      await textbox(t('fields.name')).fill('Someone Outside');
      await textbox(t('fields.workEmail')).fill('someone@gmail.test');
      await password().fill('Distant-Meadow-Silver-Kite-7');
      await page.getByRole('button', { name: t('signUp.submit'), exact: true }).click();

      const refusal = errorMessage('REGISTRATION_NOT_ALLOWED', lang);
      await alertWith(refusal).waitFor();
      expect(await textbox(t('fields.workEmail')).getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByRole('heading', { name: t('signUp.checkTitle') }).count()).toBe(0);
      await shot('04-signup-refused');
      expect(atrium.inbox.some((m) => m.to.includes('someone@gmail.test'))).toBe(false);
    });

    test('a newcomer on the allowed domain signs up, confirms through the e-mailed link with their password and signs in', async () => {
      await page.reload();
      await textbox(t('fields.name')).fill(data.newcomer.name);
      await textbox(t('fields.workEmail')).fill(data.newcomer.email);
      await password().fill(data.newcomer.password);
      await page.getByRole('button', { name: t('signUp.submit'), exact: true }).click();
      await page.getByRole('heading', { name: t('signUp.checkTitle'), level: 1 }).waitFor();

      const mail = await atrium.waitForMail(data.newcomer.email);
      expect(readMail(mail).subject).toBe(data.verifySubject);
      await page.goto(`${atrium.url}${linkPathFrom(mail, '/verify-email')}`);
      // The link alone does not activate the account: its owner confirms with the sign-up password.
      await page.getByRole('heading', { name: t('verify.title'), level: 1 }).waitFor();
      await password().fill(data.newcomer.password);
      await page.getByRole('button', { name: t('verify.submit'), exact: true }).click();
      await page
        .getByRole('status')
        .filter({ hasText: t('verify.done') })
        .waitFor();
      await shot('05-verified');
      await page.getByRole('link', { name: t('verify.toSignIn'), exact: true }).click();
      await signIn(data.newcomer.email, data.newcomer.password);
      await page.getByRole('heading', { name: t('feed.title'), level: 1 }).waitFor();
      expect(await mainNav(t('nav.admin')).count()).toBe(0);
    });

    test('the newcomer finds colleagues by a skill and opens one of them', async () => {
      await mainNav(t('nav.people')).click();
      await page.getByRole('heading', { name: t('directory.title'), level: 1 }).waitFor();
      const list = await filterBySkill(data.rareSkill.toLowerCase());
      expect((await cardNames(list, 3)).sort()).toEqual(rareSkillHolders.map((i) => people[i]!.name).sort());
      await shot('06-directory-by-skill');

      await list.getByRole('link', { name: colleague.name }).click();
      await page.getByRole('heading', { name: colleague.name, level: 1 }).waitFor();
      await page.getByText(colleague.position, { exact: true }).waitFor();
      await page.getByRole('link', { name: colleague.department, exact: true }).waitFor();
      await page.getByRole('link', { name: t('person.findBySkill', { skill: data.rareSkill }) }).waitFor();
      await page.getByRole('link', { name: colleague.email }).waitFor();
      await shot('07-colleague');
    });

    test('the newcomer edits their own profile (a skill and the city); position stays with the administrator', async () => {
      await page.getByRole('button', { name: t('nav.accountMenu') }).click();
      await page.getByRole('menuitem', { name: t('nav.myProfile') }).click();
      await page.getByRole('heading', { name: data.newcomer.name, level: 1 }).waitFor();
      await page.getByText(t('person.noSkills')).waitFor();
      await page.getByRole('link', { name: t('person.edit') }).click();
      await page
        .getByRole('heading', { name: t('profile.titleFor', { name: data.newcomer.name }) })
        .waitFor();

      expect(await textbox(t('fields.position')).isDisabled()).toBe(true);
      await page.getByText(t('profile.setByAdmin')).first().waitFor();
      await textbox(t('fields.city')).fill(data.city);
      const skills = page.getByRole('combobox', { name: t('fields.skills'), exact: true });
      await skills.fill(data.rareSkill);
      await skills.press('Enter');
      await shot('08-profile-edit');
      await page.getByRole('button', { name: t('common.save'), exact: true }).click();

      await page.getByText(t('profile.saved')).waitFor();
      await page.waitForURL(/\/people\/[^/]+$/);
      await page.reload();
      await page.getByRole('heading', { name: data.newcomer.name, level: 1 }).waitFor();
      await page.getByRole('link', { name: t('person.findBySkill', { skill: data.rareSkill }) }).waitFor();
      await page.getByRole('cell', { name: data.city, exact: true }).waitFor();
      await shot('09-profile-saved');

      // The new skill makes the newcomer one of the people colleagues find by it.
      await page.getByRole('link', { name: t('person.findBySkill', { skill: data.rareSkill }) }).click();
      const list = page.getByRole('list', { name: t('directory.results') });
      expect(await cardNames(list, 4)).toContain(data.newcomer.name);
    });

    test('nothing failed in the page and nothing left 127.0.0.1', () => {
      expect(problems).toEqual([]);
    });
  });
});
