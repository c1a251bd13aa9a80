import type { FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type BlobStore, BlobTooLargeError, type StoredBlob } from '../storage/blob-store.js';
import { AppError } from './errors.js';

/**
 * Multipart uploads streamed into the blob store, shared by every route that takes a file
 * (documents, chat attachments, stickers). Each such route registers `@fastify/multipart` in
 * its own plugin scope, so no other route accepts multipart bodies.
 */

/** A file part in an OpenAPI body schema (documentation only: the handler reads the stream). */
export const binaryPart = z.custom<unknown>(() => true).meta({ type: 'string', format: 'binary' });

/**
 * The validator of a multipart route: the body is read as a stream in the handler, so its
 * schema only documents it; params and query are validated as usual.
 */
export const multipartValidatorCompiler: FastifySchemaCompiler<unknown> = (def) =>
  def.httpPart === 'body'
    ? (data: unknown) => ({ value: data })
    : validatorCompiler(def as unknown as Parameters<typeof validatorCompiler>[0]);

/** Room for the multipart envelope around the file: boundaries, part headers and the small fields. */
export const multipartOverhead = 64 * 1024;

/**
 * A body the multipart parser could not read (cut short, no boundary, malformed headers) is the
 * client's fault: 400. Our own errors, the plugin's (which carry a status) and the file
 * system's (which name a system call) pass unchanged.
 */
export function asClientError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const e = error as { statusCode?: number; syscall?: string };
  if (typeof e?.statusCode === 'number' || typeof e?.syscall === 'string') return error;
  return new AppError('BAD_REQUEST');
}

/** Errors before the body was read to its end close the connection instead of draining it. */
export async function closingOnError<T>(
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

export interface ReceivedFile {
  blob: StoredBlob;
  filename: string | undefined;
  fields: Record<string, string>;
}

export interface ReceiveOptions {
  store: BlobStore;
  /** Bytes of the file at most. */
  maxBytes: number;
  /** The error for a file over `maxBytes` (it should carry `connection: close`). */
  tooLarge: () => AppError;
  /** Runs once, just before the file's bytes are read, with the fields seen so far (to refuse early). */
  beforeFile?: (fields: Record<string, string>) => Promise<void>;
  /** Text fields accepted at most (default 5). */
  maxFields?: number;
}

/**
 * Reads a multipart upload: text fields (before or after the file) and the part `file`, which
 * is streamed straight into the blob store and cut at `maxBytes`. A `Content-Length` above the
 * limit is refused before a byte of the body is read. 415 for a body that is not multipart,
 * 400 FILE_MISSING without a `file` part.
 */
export async function receiveFile(request: FastifyRequest, options: ReceiveOptions): Promise<ReceivedFile> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const { maxBytes, tooLarge } = options;
  if (maxBytes <= 0) throw tooLarge();
  const length = Number(request.headers['content-length']);
  if (Number.isFinite(length) && length > maxBytes + multipartOverhead) throw tooLarge();

  const maxFields = options.maxFields ?? 5;
  const fields: Record<string, string> = {};
  let blob: StoredBlob | undefined;
  let filename: string | undefined;
  try {
    const parts = request.parts({
      // One byte over the limit: the blob store refuses first, with the error that names the bound.
      limits: { fileSize: maxBytes + 1, files: 1, fields: maxFields, fieldSize: 4096, parts: maxFields + 1 },
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
      await options.beforeFile?.(fields);
      blob = await options.store.put(part.file, { maxBytes });
      filename = part.filename;
    }
  } catch (error) {
    if (
      error instanceof BlobTooLargeError ||
      (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE'
    ) {
      throw tooLarge();
    }
    throw asClientError(error);
  }
  if (!blob) throw new AppError('FILE_MISSING');
  return { blob, filename, fields };
}
