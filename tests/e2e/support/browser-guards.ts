import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Where screenshots go (git-ignored). */
export const resultsDir = path.resolve('test-results', 'e2e');

/** Saves a full-page screenshot as test-results/e2e/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Runs before any page script: `window.__xss` records when anything assigns it, and alert,
 * confirm, prompt and print record their calls instead of opening dialogs; CSP violations are
 * recorded too. `readTrap` returns the record.
 */
export async function installXssTrap(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const hits: string[] = [];
    Object.defineProperty(window, '__xssHits', { value: hits, configurable: false });
    let value: unknown;
    Object.defineProperty(window, '__xss', {
      configurable: false,
      get: () => value,
      set: (next: unknown) => {
        value = next;
        hits.push(`window.__xss = ${String(next)}`);
      },
    });
    for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
      Object.defineProperty(window, name, {
        configurable: false,
        writable: false,
        value: (...args: unknown[]) => {
          hits.push(`${name}(${args.map(String).join(', ')})`);
          return null;
        },
      });
    }
    document.addEventListener('securitypolicyviolation', (event) => {
      hits.push(
        `CSP ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
}

/** What the trap of `installXssTrap` recorded in this page since the last read (the record is emptied). */
export function readTrap(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __xssHits?: string[] }).__xssHits?.splice(0) ?? []);
}

/**
 * Markup in the page that only injected HTML would produce: inline event-handler attributes,
 * script-capable URLs, inline or foreign scripts, frames, plug-ins, `<base>` and other
 * elements the app never renders. The app itself renders none of these.
 */
export function findInjectedMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const urlAttributes = new Set([
      'href',
      'src',
      'action',
      'formaction',
      'xlink:href',
      'data',
      'background',
      'poster',
    ]);
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) found.push(`<${el.localName} ${name}="${attr.value}">`);
        if (name === 'srcdoc') found.push(`<${el.localName} srcdoc>`);
        if (
          urlAttributes.has(name) &&
          /^\s*(javascript|vbscript|data:text\/html|livescript)/i.test(attr.value)
        ) {
          found.push(`<${el.localName} ${name}="${attr.value}">`);
        }
      }
    }
    for (const el of Array.from(document.querySelectorAll('script'))) {
      const src = el.getAttribute('src');
      if (!src || !new URL(src, location.href).href.startsWith(`${location.origin}/assets/`)) {
        found.push(`<script src=${src ?? '(inline)'}>`);
      }
    }
    const alien =
      'iframe, frame, frameset, object, embed, applet, base, meta[http-equiv], marquee, isindex, plaintext, xmp, xss, math, video, audio, form[action^="javascript"], link[rel="import"]';
    for (const el of Array.from(document.querySelectorAll(alien))) found.push(`<${el.localName}>`);
    return found;
  });
}

export interface GuardedContextOptions {
  /** Atrium's origin (`http://127.0.0.1:PORT`): the only one pages may reach. */
  origin: string;
  locale: 'en-US' | 'ru-RU';
  viewport?: { width: number; height: number };
  /** Emulate a phone: touch, mobile viewport handling, a 2× screen. */
  mobile?: boolean;
  /**
   * Ignore the app's Content-Security-Policy, so what is tested is the rendering alone: a
   * payload the page renders as markup then runs, instead of being stopped by CSP.
   */
  bypassCSP?: boolean;
}

/**
 * A browser context that can reach nothing but Atrium on loopback and reports what went wrong
 * to `errors`: page errors, dialogs, and any request to another origin (an injected
 * `<img src=http://…>`, a `<base href>` beacon, a font from a CDN). Such requests go to a dead
 * proxy on 127.0.0.1 (Chromium never proxies loopback), so they fail without leaving the
 * machine. Unlike request interception, this keeps the HTTP cache, so page loads stay fast.
 */
export async function newGuardedContext(
  browser: Browser,
  options: GuardedContextOptions,
  errors: string[],
): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: options.locale,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    bypassCSP: options.bypassCSP ?? false,
    ...(options.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    proxy: { server: 'http://127.0.0.1:9', bypass: '127.0.0.1' },
  });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${options.origin}/`) && !/^(data|blob):/.test(url)) {
      errors.push(`request outside ${options.origin}: ${url}`);
    }
  });
  context.on('page', (page) => {
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
  });
  return context;
}

/**
 * Opens `path` inside the already loaded single-page app, as following a link does (React
 * Router reacts to `popstate`), without reloading the document: many pages in little time.
 */
export async function openInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, path);
}

/**
 * The document's scroll width (it fits when that is at most the viewport's width) and, for the
 * bug report, the elements that stick out furthest past the right edge without a scrolling or
 * clipping box around them, named by tag, class and a bit of text.
 */
export function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped = (el: Element): boolean => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible') return true;
      }
      return false;
    };
    const culprits: { right: number; what: string }[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.right <= width + 0.5) continue;
      // Only the outermost offender: its children stick out because it does.
      const parent = el.parentElement?.getBoundingClientRect();
      if ((parent && parent.right > width + 0.5) || clipped(el)) continue;
      const cls = typeof el.className === 'string' ? el.className.split(' ').slice(0, 2).join('.') : '';
      const text = (el.textContent ?? '').trim().slice(0, 40);
      culprits.push({
        right: Math.round(rect.right),
        what: `<${el.localName}${cls ? ` .${cls}` : ''}> "${text}"`,
      });
    }
    culprits.sort((a, b) => b.right - a.right);
    return {
      scrollWidth: document.documentElement.scrollWidth,
      culprits: culprits.slice(0, 5).map((c) => `${c.what} reaches ${c.right}px`),
    };
  });
}
