/*
 * Atrium's service worker (plain, no library): keeps the app shell for offline starts and shows
 * Web Push notifications. The build (vite.config.ts, `serviceWorker` plugin) replaces the two
 * placeholders below with the build's id and the list of files the shell needs, so every
 * release installs a fresh cache and drops the old one.
 */
const VERSION = '__ATRIUM_SW_VERSION__';
const PRECACHE = ['__ATRIUM_SW_PRECACHE__'];
const CACHE = `atrium-shell-${VERSION}`;
const SHELL = '/index.html';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([SHELL, ...PRECACHE.filter((url) => url !== SHELL)]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith('atrium-shell-') && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // The API (and the realtime socket) always goes to the network: nothing personal is cached.
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;

  if (request.mode === 'navigate') {
    // Pages are the same shell: the network when it answers, the cached shell when offline.
    event.respondWith(
      fetch(request).catch(() => caches.match(SHELL).then((cached) => cached || Response.error())),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Hashed file names never change content: the cache first, filled as files are fetched.
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
            }
            return response;
          }),
      ),
    );
    return;
  }
  if (PRECACHE.includes(url.pathname)) {
    // Icons and the manifest: fresh from the network, the precached copy when offline.
    event.respondWith(fetch(request).catch(() => caches.match(request).then((c) => c || Response.error())));
  }
});

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const title = typeof data.title === 'string' && data.title ? data.title : 'Atrium';
  const options = {
    body: typeof data.body === 'string' ? data.body : '',
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    data: { url: typeof data.url === 'string' ? data.url : '/' },
  };
  if (typeof data.tag === 'string') {
    options.tag = data.tag;
    // A newer message in the same chat replaces the notification and still alerts.
    options.renotify = true;
  }
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  // Only our own pages: a payload can never send the person elsewhere.
  const target = new URL(event.notification.data?.url || '/', self.location.origin);
  const url = target.origin === self.location.origin ? target.href : self.location.origin;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const exact = windows.find((client) => client.url === url);
      if (exact) return exact.focus();
      const ours = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (ours && 'navigate' in ours) {
        return ours.focus().then((client) => (client || ours).navigate(url));
      }
      return self.clients.openWindow(url);
    }),
  );
});
