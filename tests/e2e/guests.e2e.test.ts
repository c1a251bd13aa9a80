import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Group } from '../../src/shared/api/groups.js';
import { ApiClient } from './support/api-client.js';
import {
  findInjectedMarkup,
  horizontalOverflow,
  newGuardedContext,
  openInApp,
  screenshot,
} from './support/browser-guards.js';
import { uploadThroughApi } from './support/files.js';
import { browserAvailable, launchChromium, type RunningAtrium, startAtrium } from './support/harness.js';
import { translator } from './support/locales.js';
import { linkPathFrom } from './support/mail.js';

/**
 * A guest's life in Chromium (G4, X1, R04, R22): a group admin invites an outside person from the
 * group's page; the guest opens the e-mailed link, sees who invites them to what, chooses a name
 * and a password, and lands in the group. They see exactly that group — in the navigation, the
 * group directory and by address — cannot open the directory, another group or another group's
 * file by URL (the not-found page), and are marked as a guest in the member list. When their
 * access ends (the server's clock moved past it: the server runs in this process), the next
 * navigation lands on sign-in.
 */

const domain = 'corp.test';
const company = 'Northwind Trading';
const admin = { name: 'Grace Admin', email: `grace.admin@${domain}`, password: 'Quiet-Harbour-Lantern-2291' };
const guest = {
  name: 'Olivia Outsider',
  email: 'olivia@partner.example',
  password: 'Copper-Window-Meadow-8841',
};
const t = translator('en-US');
const day = 24 * 60 * 60 * 1000;

describe.runIf(browserAvailable())('a guest in Chromium', () => {
  let atrium: RunningAtrium;
  let api: ApiClient;
  let browser: Browser;
  let adminContext: BrowserContext;
  let guestContext: BrowserContext;
  let adminPage: Page;
  let guestPage: Page;
  let partners: Group;
  let picnic: Group;
  let secretFileId: string;
  let partnersFileId: string;
  const problems: string[] = [];

  beforeAll(async () => {
    atrium = await startAtrium();
    api = new ApiClient(atrium.url);
    await api.setup({ companyName: company, allowedDomains: [domain], admin });
    partners = await api.call<Group>('POST', '/groups', { name: 'Partners', visibility: 'closed' });
    picnic = await api.call<Group>('POST', '/groups', { name: 'Company picnic', visibility: 'open' });
    const secret = await api.call<Group>('POST', '/groups', { name: 'Board room', visibility: 'secret' });
    const text = (body: string) => new TextEncoder().encode(body);
    secretFileId = (
      await uploadThroughApi(
        api,
        atrium.url,
        { space: { type: 'group', id: secret.id } },
        { name: 'salaries.txt', bytes: text('Confidential.\n') },
      )
    ).id;
    partnersFileId = (
      await uploadThroughApi(
        api,
        atrium.url,
        { space: { type: 'group', id: partners.id } },
        { name: 'timeline.txt', bytes: text('Kick-off in May.\n') },
      )
    ).id;
    browser = await launchChromium();
    adminContext = await newGuardedContext(browser, { origin: atrium.url, locale: 'en-US' }, problems);
    await adminContext.addCookies(api.cookiesFor(atrium.url));
    adminPage = await adminContext.newPage();
    guestContext = await newGuardedContext(browser, { origin: atrium.url, locale: 'en-US' }, problems);
    guestPage = await guestContext.newPage();
  });

  afterAll(async () => {
    vi.useRealTimers();
    await adminContext?.close();
    await guestContext?.close();
    await browser?.close();
    await atrium?.close();
  });

  // The steps build on each other: after one fails, the rest would only time out.
  let broken = false;
  beforeEach((ctx) => {
    if (broken) ctx.skip();
    ctx.onTestFailed(async () => {
      broken = true;
      await screenshot(adminPage, 'guests-admin-failed').catch(() => undefined);
      await screenshot(guestPage, 'guests-guest-failed').catch(() => undefined);
    });
  });
  afterEach(() => {
    expect(problems).toEqual([]);
  });

  test("a group admin invites a guest from the group's page", async () => {
    await adminPage.goto(`${atrium.url}/groups/${partners.id}`);
    await adminPage.getByRole('heading', { name: partners.name, level: 1 }).waitFor();
    await adminPage.getByRole('link', { name: t('guests.invite.open') }).click();
    await adminPage.waitForURL(/\/guests$/);
    const form = adminPage.getByRole('form', { name: t('guests.invite.title') });
    await form.getByRole('textbox', { name: t('guests.invite.email') }).fill(guest.email);
    // Access lasts 90 days unless the inviter picks another day.
    const until = await form.getByLabel(t('guests.invite.until')).inputValue();
    const expected = new Date(Date.now() + 90 * day);
    expect(until).toBe(
      `${expected.getFullYear()}-${String(expected.getMonth() + 1).padStart(2, '0')}-${String(expected.getDate()).padStart(2, '0')}`,
    );
    await form.getByRole('button', { name: t('guests.invite.submit') }).click();
    const list = adminPage.getByRole('list', { name: t('guests.list.title') });
    const invitation = list.getByTestId('guest-invitation').filter({ hasText: guest.email });
    await invitation.waitFor();
    await invitation.getByText(t('guests.status.pending')).waitFor();
  });

  test('the guest opens the e-mailed link, accepts and lands in the group', async () => {
    const mail = await atrium.waitForMail(guest.email);
    const link = linkPathFrom(mail, '/guest/accept');
    await guestPage.goto(`${atrium.url}${link}`);
    await guestPage
      .getByRole('heading', { name: t('guests.accept.heading', { company }), level: 1 })
      .waitFor();
    await guestPage.getByText(t('guests.accept.invitedBy', { name: admin.name, company })).waitFor();
    const groups = guestPage.getByRole('list', { name: t('guests.accept.groups') });
    expect(await groups.getByRole('listitem').allTextContents()).toEqual([partners.name]);

    await guestPage.getByRole('textbox', { name: t('fields.name'), exact: true }).fill(guest.name);
    await guestPage.getByLabel(t('fields.newPassword'), { exact: true }).fill(guest.password);
    await guestPage.getByLabel(t('fields.confirmPassword'), { exact: true }).fill(guest.password);
    await guestPage.getByRole('button', { name: t('guests.accept.submit') }).click();
    await guestPage.waitForURL(`${atrium.url}/groups/${partners.id}`);
    await guestPage.getByRole('heading', { name: partners.name, level: 1 }).waitFor();
    expect(await findInjectedMarkup(guestPage)).toEqual([]);
  });

  test('the guest sees exactly the invited group, and only what a guest may use', async () => {
    const nav = guestPage.getByRole('navigation', { name: t('nav.label') });
    const labels = await nav.getByRole('link').allTextContents();
    // Guests chat in their groups' chats, so Chats is theirs too.
    expect(labels).toEqual([t('groups.navLabel'), t('chats.navLabel'), t('files.navLabel')]);
    expect(await guestPage.getByRole('search').count()).toBe(0);

    for (const scope of ['', '?scope=all']) {
      await openInApp(guestPage, `/groups${scope}`);
      const results = guestPage.getByRole('list', { name: t('groups.results') });
      await results.getByTestId('group-card').first().waitFor();
      await guestPage.waitForLoadState('networkidle');
      expect(await results.getByTestId('group-card').getByRole('link').allTextContents()).toEqual([
        partners.name,
      ]);
    }

    // Their files are their groups' and what is shared with them: no library of their own.
    await nav.getByRole('link', { name: t('files.navLabel') }).click();
    await guestPage.waitForURL(`${atrium.url}/files/shared`);
    await guestPage.getByRole('heading', { name: t('files.sections.shared'), level: 1 }).waitFor();
    await openInApp(guestPage, '/files');
    await guestPage.waitForURL(`${atrium.url}/files/shared`);
    await openInApp(guestPage, `/groups/${partners.id}/files`);
    await guestPage.getByTestId('library-item').filter({ hasText: 'timeline.txt' }).waitFor();
    await openInApp(guestPage, `/files/${partnersFileId}`);
    await guestPage.getByTestId('text-preview').filter({ hasText: 'Kick-off in May.' }).waitFor();
  });

  test('the directory, other groups and their files do not exist for the guest', async () => {
    for (const path of [
      '/people',
      '/org',
      `/groups/${picnic.id}`,
      `/files/${secretFileId}`,
      '/files/company',
    ]) {
      await guestPage.goto(`${atrium.url}${path}`);
      await guestPage.getByRole('heading', { name: t('notFound.title'), level: 1 }).waitFor();
      expect(await guestPage.getByText('salaries.txt').count()).toBe(0);
    }
    // The home page is their groups, not the company feed.
    await guestPage.goto(`${atrium.url}/`);
    await guestPage.waitForURL(`${atrium.url}/groups`);
  });

  test('the guest is marked as a guest in the member list', async () => {
    await adminPage.goto(`${atrium.url}/groups/${partners.id}/members`);
    const row = adminPage
      .getByRole('list', { name: t('groups.members.title') })
      .getByTestId('group-member')
      .filter({ hasText: guest.name });
    await row.waitFor();
    await row.getByText(t('groups.members.guest'), { exact: true }).waitFor();
    await openInApp(adminPage, `/groups/${partners.id}/guests`);
    await adminPage
      .getByTestId('group-guest')
      .filter({ hasText: guest.email })
      .getByTestId('guest-badge')
      .waitFor();
  });

  test("the guest's pages fit a 375 px screen", async () => {
    await guestPage.setViewportSize({ width: 375, height: 800 });
    const shown = (text: string) => guestPage.getByText(text, { exact: true }).first();
    for (const [path, ready] of [
      [`/groups/${partners.id}`, guestPage.getByRole('heading', { name: partners.name, level: 1 })],
      [`/groups/${partners.id}/files`, shown('timeline.txt')],
      [`/files/${partnersFileId}`, guestPage.getByRole('heading', { name: 'timeline.txt', level: 1 })],
      ['/files/shared', guestPage.getByRole('heading', { name: t('files.sections.shared'), level: 1 })],
    ] as const) {
      await openInApp(guestPage, path);
      await ready.waitFor();
      await guestPage.waitForLoadState('networkidle');
      const overflow = await horizontalOverflow(guestPage);
      expect({ path, ...overflow }).toEqual({ path, scrollWidth: 375, culprits: [] });
    }
    await guestPage.setViewportSize({ width: 1280, height: 900 });
  });

  test('when the access ends, the next navigation lands on sign-in', async () => {
    await openInApp(guestPage, `/groups/${partners.id}`);
    await guestPage.getByRole('heading', { name: partners.name, level: 1 }).waitFor();
    // The server runs in this process and judges sessions and access on Date.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date(Date.now() + 91 * day));
    await openInApp(guestPage, `/groups/${partners.id}/files`);
    await guestPage.waitForURL(/\/sign-in(\?|$)/);
    await guestPage.getByRole('button', { name: t('signIn.submit'), exact: true }).waitFor();
    // A fresh load too: the session no longer works.
    await guestPage.goto(`${atrium.url}/groups/${partners.id}`);
    await guestPage.waitForURL(/\/sign-in(\?|$)/);
    vi.useRealTimers();
  });
});
