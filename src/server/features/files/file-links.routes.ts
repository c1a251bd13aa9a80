import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createdFileLinkSchema,
  createFileLinkBodySchema,
  fileIdParamsSchema,
  fileLinkContentQuerySchema,
  fileLinkListQuerySchema,
  fileLinkPageSchema,
  fileLinkParamsSchema,
  fileLinkTokenParamsSchema,
  fileSchema,
} from '../../../shared/api/files.js';
import type { App } from '../../app.js';
import { reapplyUserContentHeaders, sendContent } from './file-content.reply.js';
import {
  createFileLink,
  getLinkedFile,
  listFileLinks,
  openLinkContent,
  revokeFileLink,
} from './file-links.service.js';

const tags = ['files'];
const binary = z.custom<unknown>(() => true).meta({ type: 'string', format: 'binary' });

/** Expiring, revocable read-only links to files (G3). */
export function registerFileLinkRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/files/:id/links',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "A file's links, newest first, revoked and expired ones included (whoever may share it)",
        params: fileIdParamsSchema,
        querystring: fileLinkListQuerySchema,
        response: { 200: fileLinkPageSchema },
      },
    },
    (request) => listFileLinks(request.ctx, request.params.id, request.query),
  );

  r.post(
    '/files/:id/links',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary:
          'Create a read-only link to a file (expires in 7 days by default, at most 90); the token is shown once',
        params: fileIdParamsSchema,
        body: createFileLinkBodySchema,
        response: { 201: createdFileLinkSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createFileLink(request.ctx, request.params.id, request.body)),
  );

  r.delete(
    '/files/:id/links/:linkId',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Revoke a link (whoever may share the file); it stops working at once',
        params: fileLinkParamsSchema,
        response: { 204: z.null().describe('Revoked') },
      },
    },
    async (request, reply) => {
      await revokeFileLink(request.ctx, request.params.id, request.params.linkId);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/file-links/:token',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The file a link opens (signed-in people, guests too); 410 when expired or revoked',
        params: fileLinkTokenParamsSchema,
        response: { 200: fileSchema },
      },
    },
    (request) => getLinkedFile(request.ctx, request.params.token),
  );

  r.get(
    '/file-links/:token/content',
    {
      config: { access: 'signed-in' },
      onSend: reapplyUserContentHeaders,
      schema: {
        tags,
        summary: 'The bytes of the file a link opens (recorded in the ledger)',
        params: fileLinkTokenParamsSchema,
        querystring: fileLinkContentQuerySchema,
        response: { 200: binary.describe('The bytes'), 206: binary.describe('A range of the bytes') },
      },
    },
    async (request, reply) => {
      const content = await openLinkContent(request.ctx, request.params.token, request.headers.range);
      return sendContent(reply, content, request.query.download);
    },
  );
}
