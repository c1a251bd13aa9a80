import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  fileIdParamsSchema,
  fileSchema,
  type UploadFields,
  uploadFieldsSchema,
} from '../../../shared/api/files.js';
import { errorMessage } from '../../../shared/errors.js';
import type { App } from '../../app.js';
import { requireActor } from '../../platform/auth/guards.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import {
  binaryPart,
  closingOnError,
  multipartValidatorCompiler,
  type ReceivedFile,
  receiveFile,
} from '../../platform/http/multipart.js';
import { uploadAllowance, uploadRefusal } from './file-settings.service.js';
import {
  authorizeNewVersion,
  authorizeUploadTarget,
  commitNewFile,
  commitNewVersion,
} from './file-uploads.service.js';
import { fileStore } from './files.storage.js';

const tags = ['files'];
const binary = binaryPart;

/** The text fields of `POST /files`, validated; 400 with field errors otherwise. */
function parseUploadFields(request: FastifyRequest, raw: Record<string, string>): UploadFields {
  const fieldError = (field: string): FieldError => ({
    field,
    code: 'invalid_format',
    message: errorMessage('VALIDATION_FAILED', request.locale),
  });
  const value: Record<string, unknown> = {};
  if (raw.folderId !== undefined) value.folderId = raw.folderId;
  if (raw.space !== undefined) {
    try {
      value.space = JSON.parse(raw.space);
    } catch {
      throw new AppError('VALIDATION_FAILED', {}, [fieldError('space')]);
    }
  }
  if (value.space === undefined && value.folderId === undefined) throw new AppError('FILE_TARGET_MISSING');
  const parsed = uploadFieldsSchema.safeParse(value);
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      {},
      parsed.error.issues.map((issue) => fieldError(issue.path.map(String).join('.') || 'fields')),
    );
  }
  return parsed.data;
}

/**
 * Reads a multipart upload within the person's allowance (per-file limit and quota left): see
 * `receiveFile`. `beforeFile` runs once, just before the file's bytes are read, with the fields
 * seen so far (to refuse early).
 */
async function receive(
  request: FastifyRequest,
  beforeFile: (fields: Record<string, string>) => Promise<void>,
): Promise<ReceivedFile> {
  const ctx = request.ctx;
  const actor = requireActor(ctx);
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const allowance = await uploadAllowance(ctx.db, actor.id);
  return receiveFile(request, {
    store: fileStore(ctx),
    maxBytes: allowance.limitBytes,
    // The rest of the body is not read: the connection closes once the answer is out.
    tooLarge: () => uploadRefusal(allowance, { connection: 'close' }),
    beforeFile,
  });
}

/**
 * Uploads of documents (R26): multipart parsing is registered in this plugin's own scope, so no
 * other route accepts multipart bodies; the file is streamed into the blob store, never buffered.
 */
export function registerFileUploadRoutes(app: App): void {
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: true });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/files',
      {
        config: { access: 'signed-in', bodyTypes: ['multipart/form-data'] },
        // The multipart body is read as a stream in the handler; its schema documents it only.
        validatorCompiler: multipartValidatorCompiler,
        schema: {
          tags,
          summary:
            'Upload a file into a library (multipart: field "space" = JSON {type, id?} or "folderId", then part "file")',
          consumes: ['multipart/form-data'],
          body: z.object({ space: z.string().optional(), folderId: z.string().optional(), file: binary }),
          response: { 201: fileSchema },
        },
      },
      async (request, reply) =>
        closingOnError(request, reply, async () => {
          let early: UploadFields | undefined;
          const received = await receive(request, async (fields) => {
            // The fields came first: refuse a library the person may not add to before reading.
            if (fields.space !== undefined || fields.folderId !== undefined) {
              early = parseUploadFields(request, fields);
              await authorizeUploadTarget(request.ctx, early);
            }
          });
          const fields = early ?? parseUploadFields(request, received.fields);
          const file = await commitNewFile(request.ctx, fields, received.blob, received.filename);
          return reply.code(201).send(file);
        }),
    );

    r.post(
      '/files/:id/versions',
      {
        config: { access: 'signed-in', bodyTypes: ['multipart/form-data'] },
        // The multipart body is read as a stream in the handler; its schema documents it only.
        validatorCompiler: multipartValidatorCompiler,
        schema: {
          tags,
          summary: 'Upload a new version of a file (multipart part "file"; editors of the file)',
          consumes: ['multipart/form-data'],
          params: fileIdParamsSchema,
          body: z.object({ file: binary }),
          response: { 201: fileSchema },
        },
      },
      async (request, reply) =>
        closingOnError(request, reply, async () => {
          const id = request.params.id;
          await authorizeNewVersion(request.ctx, id);
          const received = await receive(request, async () => {});
          const file = await commitNewVersion(request.ctx, id, received.blob, received.filename);
          return reply.code(201).send(file);
        }),
    );
  });
}
