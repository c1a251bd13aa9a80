import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newGuardedContext, screenshot } from './support/browser-guards.js';
import { browserAvailable, launchChromium, type RunningAtrium, startAtrium } from './support/harness.js';

/**
 * The installable PWA (C6): the manifest is served and complete, the service worker registers
 * and takes control of the page, and once the server is gone a reload still shows the app
 * shell from the worker's cache.
 */

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe.runIf(browserAvailable())('the PWA in Chromium', () => {
  let atrium: RunningAtrium;
  let serverUp = true;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    atrium = await startAtrium();
    browser = await launchChromium();
    context = await newGuardedContext(browser, { origin: atrium.url, locale: 'en-US' }, problems);
    context.on('console', (message) => {
      if (/Content Security Policy|service ?worker|manifest/i.test(message.text())) {
        problems.push(`console: ${message.text()}`);
      }
    });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    if (serverUp) await atrium?.close();
    else await atrium?.database.drop();
  });

  test('serves a valid web app manifest with its icons', async () => {
    const response = await fetch(`${atrium.url}/manifest.webmanifest`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = (await response.json()) as {
      name: string;
      short_name: string;
      start_url: string;
      display: string;
      theme_color: string;
      lang: string;
      icons: { src: string; sizes: string; type: string; purpose?: string }[];
    };
    expect(manifest).toMatchObject({ name: 'Atrium', start_url: '/', display: 'standalone' });
    expect(manifest.short_name.length).toBeGreaterThan(0);
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.lang).toBeTruthy();
    for (const size of ['192x192', '512x512']) {
      expect(manifest.icons.some((i) => i.sizes === size && i.type === 'image/png')).toBe(true);
    }
    expect(manifest.icons.some((i) => i.purpose?.includes('maskable'))).toBe(true);
    for (const icon of manifest.icons) {
      const res = await fetch(new URL(icon.src, atrium.url));
      expect(res.status, icon.src).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      const { width, height } = pngSize(Buffer.from(await res.arrayBuffer()));
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
    }
    const worker = await fetch(`${atrium.url}/sw.js`);
    expect(worker.headers.get('content-type')).toMatch(/javascript/);
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    expect(worker.headers.get('content-security-policy')).toContain("worker-src 'self'");
  });

  test('registers a service worker that controls the page', async () => {
    await page.goto(`${atrium.url}/`);
    await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${atrium.url}/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(
      `${atrium.url}/sw.js`,
    );
    // The shell is precached, and nothing from the API is.
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const key of await caches.keys()) {
        for (const request of await (await caches.open(key)).keys()) urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    expect(cached).toContain('/index.html');
    expect(cached.some((url) => url.startsWith('/assets/') && url.endsWith('.js'))).toBe(true);
    expect(cached.filter((url) => url.startsWith('/api/'))).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('shows the app shell offline', async () => {
    // Truly offline: the server is gone, not only the page's network emulated.
    await atrium.close().catch(() => {});
    serverUp = false;
    await context.setOffline(true);
    for (const path of ['/', '/chats']) {
      await page.goto(`${atrium.url}${path}`);
      await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
      expect(await page.title()).toContain('Atrium');
    }
    await screenshot(page, 'pwa-offline-shell');
  });
});
