import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  launchChromium,
  newContext,
  type RunningAtrium,
  startAtrium,
} from './support/harness.js';
import { type BrowserLocale, translator } from './support/locales.js';

/**
 * An administrator adds one person by hand, sees them listed, deactivates them, finds them under
 * "Deactivated" and reactivates them — in each language.
 */
describe.runIf(browserAvailable()).each(['en-US', 'ru-RU'] as BrowserLocale[])(
  'admin people pages (%s)',
  (locale) => {
    const t = translator(locale);
    const errors: string[] = [];
    let atrium: RunningAtrium;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      atrium = await startAtrium();
      const setup = await fetch(`${atrium.url}/api/v1/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          companyName: 'Acme',
          allowedDomains: ['corp.test'],
          admin: { email: 'boss@corp.test', name: 'Boss Person', password: 'violet otter canoe harbour 71' },
        }),
      });
      const [name, value] = setup.headers.get('set-cookie')!.split(';')[0]!.split('=');
      browser = await launchChromium();
      const context = await newContext(browser, locale, errors);
      await context.addCookies([{ name: name!, value: value!, url: atrium.url }]);
      page = await context.newPage();
    });
    afterAll(async () => {
      await browser?.close();
      await atrium?.close();
    });

    // The segmented control's radios are visually hidden; a person clicks their labels.
    const segment = (label: string) =>
      page
        .getByRole('radiogroup', { name: t('admin.users.statusFilter') })
        .locator('label', { hasText: label });

    it('adds a person, deactivates and reactivates them', async () => {
      await page.goto(`${atrium.url}/admin/users`);
      await page.getByRole('button', { name: t('admin.users.add'), exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(t('fields.name'), { exact: true }).fill('Пётр Сидоров');
      await dialog.getByLabel(t('fields.email'), { exact: true }).fill('petr@corp.test');
      await dialog.getByLabel(t('fields.position'), { exact: true }).fill('Инженер');
      await dialog.getByRole('button', { name: t('admin.users.create'), exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('petr@corp.test').waitFor();

      await page
        .getByRole('button', { name: t('admin.users.deactivateNamed', { name: 'Пётр Сидоров' }) })
        .click();
      const confirm = page.getByRole('dialog');
      if (await confirm.count())
        await confirm.getByRole('button', { name: t('admin.users.deactivate'), exact: true }).click();
      await segment(t('admin.users.showDeactivated')).click();
      const reactivate = page.getByRole('button', {
        name: t('admin.users.reactivateNamed', { name: 'Пётр Сидоров' }),
      });
      await reactivate.click();
      await segment(t('admin.users.showActive')).click();
      await page.getByText('petr@corp.test').waitFor();
      expect(errors).toEqual([]);
    });

    /** `YYYY-MM-DD` (local) `days` from now, as a date input takes it. */
    const inDays = (days: number) => {
      const d = new Date(Date.now() + days * 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };

    it('adds a guest with the day their access ends and moves it', async () => {
      await page.goto(`${atrium.url}/admin/users`);
      await page.getByRole('button', { name: t('admin.users.add'), exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(t('fields.name'), { exact: true }).fill('Guest Partner');
      await dialog.getByLabel(t('fields.email'), { exact: true }).fill('partner@partner.example');
      await dialog.getByRole('combobox', { name: t('admin.users.role'), exact: true }).click();
      await page.getByRole('option', { name: t('roles.guest'), exact: true }).click();
      await dialog.getByLabel(t('admin.users.accessUntilLabel'), { exact: true }).fill(inDays(30));
      await dialog.getByRole('button', { name: t('admin.users.create'), exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('partner@partner.example').waitFor();
      const until = page.getByText(t('admin.users.accessUntil', { date: '' }).trim(), { exact: false });
      expect(await until.count()).toBeGreaterThan(0);

      await page
        .getByRole('button', { name: t('admin.users.changeAccessNamed', { name: 'Guest Partner' }) })
        .click();
      const field = page.getByLabel(t('admin.users.accessUntilLabel'), { exact: true });
      await field.fill(inDays(200));
      await page.getByRole('button', { name: t('admin.users.saveAccess'), exact: true }).click();
      await field.waitFor({ state: 'detached' });
      expect(errors).toEqual([]);
    });

    it('moves a guest’s access end on their profile’s edit page', async () => {
      await page.goto(`${atrium.url}/admin/users`);
      await page.getByRole('link', { name: 'Guest Partner', exact: true }).first().click();
      await page.getByRole('link', { name: t('person.edit'), exact: true }).click();
      await page.waitForURL(/\/edit$/);
      const editUrl = page.url();
      const field = page.getByLabel(t('profile.accessUntil'), { exact: true });
      // Set in the admin list by the test before.
      expect(await field.inputValue()).toBe(inDays(200));

      // A day already past is refused by the server, and the field is marked.
      await field.fill(inDays(-3));
      await page.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
      expect(page.url()).toBe(editUrl);

      await field.fill(inDays(120));
      await page.getByRole('button', { name: t('common.save'), exact: true }).click();
      await page.waitForURL((url) => url.href !== editUrl);
      await page.goto(editUrl);
      expect(await page.getByLabel(t('profile.accessUntil'), { exact: true }).inputValue()).toBe(inDays(120));

      // Only guests' access ends: an employee's edit page has no such field.
      await page.goto(`${atrium.url}/admin/users`);
      await page.getByRole('link', { name: 'Пётр Сидоров', exact: true }).first().click();
      await page.getByRole('link', { name: t('person.edit'), exact: true }).click();
      await page.getByLabel(t('fields.position'), { exact: true }).waitFor();
      expect(await page.getByLabel(t('profile.accessUntil'), { exact: true }).count()).toBe(0);
      expect(errors).toEqual([]);
    });
  },
);
