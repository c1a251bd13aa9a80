/**
 * Registers the service worker (offline shell, Web Push) in production builds only: in
 * development Vite serves modules that a worker's cache would only get in the way of.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Without a worker the app still works online; nothing to tell the person.
    });
  });
}
