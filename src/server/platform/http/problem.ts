import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { type ErrorCode, errorCatalogue, errorMessage, type Locale } from '../../../shared/errors.js';
import { connectionUnavailableCode } from '../db/database.js';
import { AppError, type FieldError } from './errors.js';

/** RFC 9457 problem details as Atrium sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  requestId: string;
  errors?: FieldError[];
}

const fieldMessages: Record<Locale, Record<string, string>> = {
  en: {
    too_small: 'Too short or too small.',
    too_big: 'Too long or too large.',
    invalid_type: 'Missing or of the wrong type.',
    invalid_format: 'Not in the expected format.',
    invalid_value: 'Not one of the allowed values.',
    unrecognized_keys: 'Unknown field.',
    custom: 'Not valid.',
  },
  ru: {
    too_small: 'Слишком короткое или маленькое значение.',
    too_big: 'Слишком длинное или большое значение.',
    invalid_type: 'Поле отсутствует или имеет неверный тип.',
    invalid_format: 'Значение в неверном формате.',
    invalid_value: 'Недопустимое значение.',
    unrecognized_keys: 'Неизвестное поле.',
    custom: 'Недопустимое значение.',
  },
};

function problem(
  request: FastifyRequest,
  code: ErrorCode,
  params: Record<string, unknown> = {},
  errors?: FieldError[],
): Problem {
  const locale = request.locale ?? 'en';
  const entry = errorCatalogue[code];
  return {
    type: `https://atrium.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: code,
    status: entry.status,
    detail: errorMessage(code, locale, params),
    code,
    requestId: String(request.id),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** Sends problem details for an error code. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  params?: Record<string, unknown>,
  errors?: FieldError[],
): FastifyReply {
  const body = problem(request, code, params, errors);
  return reply.code(body.status).type('application/problem+json').send(body);
}

interface ZodIssueLike {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  keys?: string[];
}

function validationFieldErrors(request: FastifyRequest, error: FastifyError): FieldError[] {
  const locale = request.locale ?? 'en';
  const context = (error as { validationContext?: string }).validationContext;
  return (error.validation ?? []).flatMap((v) => {
    // fastify-type-provider-zod reports each zod issue as { keyword: code, instancePath: '/a/b', params }.
    const params = (v.params ?? {}) as { issue?: ZodIssueLike; keys?: string[] };
    const issue: ZodIssueLike = params.issue ?? {
      code: v.keyword,
      path: (v.instancePath ?? '').split('/').filter(Boolean),
      keys: params.keys,
    };
    const code = issue.code ?? 'custom';
    const base = (issue.path ?? []).map(String).join('.');
    const fields =
      code === 'unrecognized_keys' && issue.keys
        ? issue.keys.map((k) => (base ? `${base}.${k}` : k))
        : [base];
    return fields.map((f) => ({
      field: [context === 'body' ? '' : context, f].filter(Boolean).join('.') || (context ?? ''),
      code,
      message: fieldMessages[locale][code] ?? fieldMessages[locale].custom!,
    }));
  });
}

/**
 * Database errors a request can legitimately run into: a unique constraint lost to a concurrent
 * request (the service checked, but another transaction committed first) is a 409, and a busy or
 * unreachable database a 503 — not a 500 that blames the code.
 */
export function storageErrorCode(error: unknown): 'CONFLICT' | 'SERVICE_UNAVAILABLE' | null {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return 'CONFLICT';
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_FULL' || code === 'SQLITE_READONLY')
    return 'SERVICE_UNAVAILABLE';
  if (
    code === 'ECONNREFUSED' ||
    code === '57P01' ||
    code === '53300' ||
    code === '08006' ||
    code === connectionUnavailableCode
  )
    return 'SERVICE_UNAVAILABLE';
  return null;
}

/**
 * The single error handler: AppError, validation failures and Fastify's own client errors become
 * localised problem details; anything else is logged with the request id and reported as a
 * generic 500 that leaks nothing.
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) {
    reply.headers(error.headers);
    return sendProblem(request, reply, error.code, error.params, error.fieldErrors);
  }
  if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
    return sendProblem(request, reply, 'VALIDATION_FAILED', {}, validationFieldErrors(request, error));
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
    return sendProblem(request, reply, 'INTERNAL');
  }
  const storage = storageErrorCode(error);
  if (storage) {
    request.log.warn({ err: error }, 'storage refused the request');
    return sendProblem(request, reply, storage);
  }
  const status = error.statusCode ?? 500;
  if (status === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return sendProblem(request, reply, 'PAYLOAD_TOO_LARGE');
  if (status === 415 || error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return sendProblem(request, reply, 'UNSUPPORTED_MEDIA_TYPE');
  }
  if (status === 429) {
    return sendProblem(request, reply, 'RATE_LIMITED', { retryAfter: reply.getHeader('retry-after') ?? 60 });
  }
  if (status >= 400 && status < 500) return sendProblem(request, reply, 'BAD_REQUEST');
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(request, reply, 'INTERNAL');
}
