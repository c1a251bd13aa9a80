import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../support/session.js';
import { ApiClient } from './support/api-client.js';
import { horizontalOverflow, newGuardedContext, openInApp, screenshot } from './support/browser-guards.js';
import { browserAvailable, launchChromium, type RunningAtrium, startAtrium } from './support/harness.js';
import { type BrowserLocale, translator } from './support/locales.js';

/**
 * Groups in Chromium, in each language: an administrator creates a closed group through the
 * dialog, lands on its page, opens the members tab, finds themself there as the group's admin
 * and adds a colleague with the person picker; then the group pages and the moderation queue
 * fit a 375 px phone screen, as do the administration pages of banners and priority topics.
 */

const admin = { name: 'Grace Admin', email: 'grace.admin@corp.test', password: 'Quiet-Harbour-Lantern-2291' };
const groups: Record<BrowserLocale, { name: string; description: string; colleague: string }> = {
  'en-US': {
    name: 'Platform guild',
    description: 'Infrastructure <b>people</b> & friends',
    colleague: 'Olga Stone',
  },
  'ru-RU': {
    name: 'Гильдия платформы',
    description: 'Люди инфраструктуры и друзья',
    colleague: 'Ольга Каменева',
  },
};

describe.runIf(browserAvailable())('groups in Chromium', () => {
  let atrium: RunningAtrium;
  let browser: Browser;
  let adminApi: ApiClient;

  beforeAll(async () => {
    atrium = await startAtrium();
    adminApi = new ApiClient(atrium.url);
    await adminApi.setup({ companyName: 'Acme', allowedDomains: ['corp.test'], admin });
    for (const { colleague } of Object.values(groups)) {
      await insertUser(atrium.database.handle.db, { name: colleague });
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await atrium?.close();
  });

  describe.each(['en-US', 'ru-RU'] as BrowserLocale[])('in %s', (locale) => {
    const t = translator(locale);
    const data = groups[locale];
    const errors: string[] = [];
    let page: Page;

    beforeAll(async () => {
      const context = await newGuardedContext(browser, { origin: atrium.url, locale }, errors);
      await context.addCookies(adminApi.cookiesFor(atrium.url));
      page = await context.newPage();
    });

    afterAll(async () => {
      await page?.context().close();
    });

    it('creates a group, opens it and manages its members', async () => {
      try {
        await page.goto(`${atrium.url}/groups`);
        await page.getByRole('heading', { name: t('groups.title'), level: 1 }).waitFor();
        await page
          .getByRole('button', { name: t('groups.create.open'), exact: true })
          .first()
          .click();

        const dialog = page.getByRole('dialog');
        await dialog.getByRole('textbox', { name: t('groups.form.name'), exact: true }).fill(data.name);
        await dialog.getByRole('textbox', { name: t('groups.form.description') }).fill(data.description);
        await dialog.getByRole('radio', { name: t('groups.visibility.closed'), exact: true }).check();
        await dialog.getByRole('button', { name: t('groups.create.submit'), exact: true }).click();

        await page.getByRole('heading', { name: data.name, level: 1 }).waitFor();
        expect(page.url()).toMatch(/\/groups\/[0-9a-f-]{36}$/);
        await expect
          .poll(() => page.getByTestId('group-visibility').first().textContent())
          .toContain(t('groups.visibility.closed'));
        // Free text is shown as text: the markup in the description is not rendered.
        await page.getByText(data.description).first().waitFor();

        await page.getByRole('tab', { name: t('groups.tabs.members') }).click();
        await page.waitForURL(/\/members$/);
        const members = page.getByRole('list', { name: t('groups.members.title') });
        const me = members.getByTestId('group-member').filter({ hasText: admin.name });
        await me.waitFor();
        await expect
          .poll(() => me.getByLabel(t('groups.members.roleOf', { name: admin.name })).inputValue())
          .toBe(t('groups.roles.admin'));

        const picker = page.getByRole('combobox', { name: t('groups.members.addLabel'), exact: true });
        await picker.fill(data.colleague.split(' ')[0]!);
        await page.getByRole('option', { name: data.colleague }).click();
        await page.getByRole('button', { name: t('groups.members.add'), exact: true }).click();
        await members.getByTestId('group-member').filter({ hasText: data.colleague }).waitFor();
        await expect
          .poll(() => page.getByTestId('group-member-count').textContent())
          .toBe(t('groups.memberCount', { count: 2 }));
        expect(errors).toEqual([]);
      } catch (error) {
        await screenshot(page, `groups-${locale}-failed`).catch(() => undefined);
        throw error;
      }
    });

    it('fits a 375 px screen', async () => {
      await page.setViewportSize({ width: 375, height: 800 });
      const groupPath = new URL(page.url()).pathname.replace(/\/members$/, '');
      for (const path of [
        '/groups',
        groupPath,
        `${groupPath}/members`,
        `${groupPath}/about`,
        '/moderation',
        '/admin/banners',
        '/admin/topics',
      ]) {
        await openInApp(page, path);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        // Measured until the layout has settled: on a loaded machine the first frame after a
        // navigation can still be laid out for the previous width.
        await expect
          .poll(async () => ({ path, ...(await horizontalOverflow(page)) }), { timeout: 10_000 })
          .toEqual({ path, scrollWidth: 375, culprits: [] });
      }
      expect(errors).toEqual([]);
    });
  });
});
