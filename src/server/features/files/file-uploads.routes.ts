import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
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
import { BlobTooLargeError, type StoredBlob } from '../../platform/storage/blob-store.js';
import { allowanceParams, type UploadAllowance, uploadAllowance } from './file-settings.service.js';
import {
  authorizeNewVersion,
  authorizeUploadTarget,
  commitNewFile,
  commitNewVersion,
} from './file-uploads.service.js';
import { fileStore } from './files.storage.js';

const tags = ['files'];
const binary = z.custom<unknown>(() => true).meta({ type: 'string', format: 'binary' });

/** Room for the multipart envelope around the file: boundaries, part headers and the small fields. */
const multipartOverhead = 64 * 1024;

function tooLarge(allowance: UploadAllowance): AppError {
  const code = allowance.bound === 'quota' ? 'FILE_QUOTA_EXCEEDED' : 'FILE_TOO_LARGE';
  // The rest of the body is not read: the connection closes once the answer is out.
  return new AppError(code, allowanceParams(allowance), [], { connection: 'close' });
}

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
 * A body the multipart parser could not read (cut short, no boundary, malformed headers) is the
 * client's fault: 400. Our own errors, the plugin's (which carry a status) and the file
 * system's (which name a system call) pass unchanged.
 */
function asClientError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const e = error as { statusCode?: number; syscall?: string };
  if (typeof e?.statusCode === 'number' || typeof e?.syscall === 'string') return error;
  return new AppError('BAD_REQUEST');
}

interface Received {
  blob: StoredBlob;
  filename: string | undefined;
  fields: Record<string, string>;
}

/**
 * Reads a multipart upload: text fields (before or after the file) and the part `file`, which
 * is streamed straight into the blob store and cut at the person's limit. A `Content-Length`
 * above the limit is refused before a byte of the body is read. `beforeFile` runs once, just
 * before the file's bytes are read, with the fields seen so far (to refuse early).
 */
async function receive(
  request: FastifyRequest,
  beforeFile: (fields: Record<string, string>) => Promise<void>,
): Promise<Received> {
  const ctx = request.ctx;
  const actor = requireActor(ctx);
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const allowance = await uploadAllowance(ctx.db, actor.id);
  if (allowance.limitBytes <= 0) throw tooLarge(allowance);
  const length = Number(request.headers['content-length']);
  if (Number.isFinite(length) && length > allowance.limitBytes + multipartOverhead) throw tooLarge(allowance);

  const fields: Record<string, string> = {};
  let blob: StoredBlob | undefined;
  let filename: string | undefined;
  try {
    const parts = request.parts({
      // One byte over the limit: the blob store refuses first, with the error that names the bound.
      limits: { fileSize: allowance.limitBytes + 1, files: 1, fields: 5, fieldSize: 4096, parts: 6 },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file') {
        part.file.resume();
        continue;
      }
      await beforeFile(fields);
      blob = await fileStore(ctx).put(part.file, { maxBytes: allowance.limitBytes });
      filename = part.filename;
    }
  } catch (error) {
    if (
      error instanceof BlobTooLargeError ||
      (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE'
    ) {
      throw tooLarge(allowance);
    }
    throw asClientError(error);
  }
  if (!blob) throw new AppError('FILE_MISSING');
  return { blob, filename, fields };
}

/** Errors before the body was read to its end close the connection instead of draining it. */
async function closingOnError<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!request.raw.readableEnded) reply.header('connection', 'close');
    throw error;
  }
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
        validatorCompiler: (def) =>
          def.httpPart === 'body'
            ? (data: unknown) => ({ value: data })
            : validatorCompiler(def as unknown as Parameters<typeof validatorCompiler>[0]),
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
        validatorCompiler: (def) =>
          def.httpPart === 'body'
            ? (data: unknown) => ({ value: data })
            : validatorCompiler(def as unknown as Parameters<typeof validatorCompiler>[0]),
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
