import type { FastifyReply } from 'fastify';
import { userContentHeaders, userContentSecurityHeaders } from '../../platform/files/content-headers.js';
import type { ContentToSend } from './file-content.service.js';

/**
 * The app-wide security headers are set on every response just before it is sent; bytes of user
 * content then get theirs back (nosniff, a sandboxing CSP, no caching), after the app's.
 */
export async function reapplyUserContentHeaders(_request: unknown, reply: FastifyReply, payload: unknown) {
  if (reply.statusCode === 200 || reply.statusCode === 206) reply.headers(userContentSecurityHeaders);
  return payload;
}

/** Streams stored bytes with the safe headers, as a whole (200) or a range of them (206). */
export function sendContent(reply: FastifyReply, content: ContentToSend, download: boolean): FastifyReply {
  reply.headers(userContentHeaders({ mime: content.mime, name: content.name }, { download }));
  reply.header('accept-ranges', 'bytes');
  if (content.range) {
    const { start, end } = content.range;
    reply.code(206);
    reply.header('content-range', `bytes ${start}-${end}/${content.size}`);
    reply.header('content-length', String(end - start + 1));
  } else {
    reply.header('content-length', String(content.size));
  }
  return reply.send(content.stream);
}
