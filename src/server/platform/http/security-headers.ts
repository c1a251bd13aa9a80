import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';

const appCsp = [
  "default-src 'self'",
  "script-src 'self'",
  // Mantine writes its CSS variables into style attributes and a style element.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  // The PWA: our own service worker and web app manifest, nothing from elsewhere.
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Security headers on every response (RELIABILITY.md R24). The API docs page sets its own CSP. */
export function securityHeaders(config: Config) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (!request.url.startsWith('/api/docs')) reply.header('content-security-policy', appCsp);
    if (config.secureCookies)
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    // Browsers must see a new release's service worker and manifest at once (no stale copy).
    const pathname = request.url.split('?')[0];
    if (pathname === '/sw.js' || pathname === '/manifest.webmanifest')
      reply.header('cache-control', 'no-cache');
    return payload;
  };
}
