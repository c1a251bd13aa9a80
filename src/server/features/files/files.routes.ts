import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  fileContentQuerySchema,
  fileIdParamsSchema,
  fileQuotaSchema,
  fileSchema,
  fileSettingsResponseSchema,
  fileSettingsSchema,
  fileTextSchema,
  fileVersionListQuerySchema,
  fileVersionPageSchema,
  fileVersionParamsSchema,
  fileVersionQuerySchema,
  noFieldsBodySchema,
  sharedWithMePageSchema,
  sharedWithMeQuerySchema,
  updateFileBodySchema,
} from '../../../shared/api/files.js';
import type { App } from '../../app.js';
import { contentDisposition } from '../../platform/files/content-headers.js';
import { registerFileCommentRoutes } from './file-comments.routes.js';
import { reapplyUserContentHeaders, sendContent } from './file-content.reply.js';
import { openFileContent, openFileThumbnail, readFileText } from './file-content.service.js';
import { registerFileLinkRoutes } from './file-links.routes.js';
import { getFileQuota, readFileSettings, updateFileSettings } from './file-settings.service.js';
import { registerFileShareRoutes } from './file-shares.routes.js';
import { registerFileUploadRoutes } from './file-uploads.routes.js';
import { listFileVersions, restoreFileVersion } from './file-versions.service.js';
import { deleteFile, getFile, updateFile } from './files.service.js';
import { registerFolderRoutes } from './folders.routes.js';
import { registerLibraryRoutes } from './libraries.routes.js';
import { listSharedWithMe } from './libraries.service.js';

const tags = ['files'];
const binary = z.custom<unknown>(() => true).meta({ type: 'string', format: 'binary' });

/** Routes of document libraries (G2–G3, issue 4): files, their bytes, versions, and everything around them. */
export function registerFileRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  registerFileUploadRoutes(app);

  r.get(
    '/files/shared-with-me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Files and folders others shared with the viewer, their groups or departments, newest first',
        querystring: sharedWithMeQuerySchema,
        response: { 200: sharedWithMePageSchema },
      },
    },
    (request) => listSharedWithMe(request.ctx, request.query),
  );

  r.get(
    '/files/quota',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "The viewer's upload limits and storage used, in bytes",
        response: { 200: fileQuotaSchema },
      },
    },
    (request) => getFileQuota(request.ctx),
  );

  r.get(
    '/files/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "A file's metadata with the viewer's abilities (404 unless they may read it)",
        params: fileIdParamsSchema,
        response: { 200: fileSchema },
      },
    },
    (request) => getFile(request.ctx, request.params.id),
  );

  r.patch(
    '/files/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Rename a file and/or move it within its library (editors of the file)',
        params: fileIdParamsSchema,
        body: updateFileBodySchema,
        response: { 200: fileSchema },
      },
    },
    (request) => updateFile(request.ctx, request.params.id, request.body),
  );

  r.delete(
    '/files/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "Delete a file (its uploader, the library's managers); kept in the archive",
        params: fileIdParamsSchema,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteFile(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/files/:id/content',
    {
      config: { access: 'signed-in' },
      onSend: reapplyUserContentHeaders,
      schema: {
        tags,
        summary:
          'The bytes of a file (a version with ?version=N; a byte range with Range). Attachment except raster images',
        params: fileIdParamsSchema,
        querystring: fileContentQuerySchema,
        // A stream payload is sent as is: these schemas document it, the serializer never runs.
        response: { 200: binary.describe('The bytes'), 206: binary.describe('A range of the bytes') },
      },
    },
    async (request, reply) => {
      const { version, download } = request.query;
      const content = await openFileContent(request.ctx, request.params.id, version, request.headers.range);
      return sendContent(reply, content, download);
    },
  );

  r.get(
    '/files/:id/thumbnail',
    {
      config: { access: 'signed-in' },
      onSend: reapplyUserContentHeaders,
      schema: {
        tags,
        summary: 'A WebP preview of an image file (404 when there is none yet)',
        params: fileIdParamsSchema,
        querystring: fileVersionQuerySchema,
        produces: ['image/webp'],
        response: { 200: binary.describe('The WebP thumbnail') },
      },
    },
    async (request, reply) => {
      const stream = await openFileThumbnail(request.ctx, request.params.id, request.query.version);
      reply.type('image/webp').header('content-disposition', contentDisposition('thumbnail.webp', true));
      return reply.send(stream);
    },
  );

  r.get(
    '/files/:id/text',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The text of a text or Markdown file, capped, for previews',
        params: fileIdParamsSchema,
        querystring: fileVersionQuerySchema,
        response: { 200: fileTextSchema },
      },
    },
    (request) => readFileText(request.ctx, request.params.id, request.query.version),
  );

  r.get(
    '/files/:id/versions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "A file's versions, newest first",
        params: fileIdParamsSchema,
        querystring: fileVersionListQuerySchema,
        response: { 200: fileVersionPageSchema },
      },
    },
    (request) => listFileVersions(request.ctx, request.params.id, request.query),
  );

  r.post(
    '/files/:id/versions/:version/restore',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Make an old version current again, as a new version (editors of the file)',
        params: fileVersionParamsSchema,
        body: noFieldsBodySchema,
        response: { 200: fileSchema },
      },
    },
    (request) => restoreFileVersion(request.ctx, request.params.id, request.params.version),
  );

  r.get(
    '/settings/files',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'The per-file size limit and per-person quota (MB), and their defaults',
        response: { 200: fileSettingsResponseSchema },
      },
    },
    (request) => readFileSettings(request.ctx),
  );

  r.put(
    '/settings/files',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Set the per-file size limit and per-person quota (MB)',
        body: fileSettingsSchema,
        response: { 200: fileSettingsResponseSchema },
      },
    },
    (request) => updateFileSettings(request.ctx, request.body),
  );

  registerFileCommentRoutes(app);
  registerFileShareRoutes(app);
  registerFileLinkRoutes(app);
  registerFolderRoutes(app);
  registerLibraryRoutes(app);
}
