import type { ErrorCode } from '../../shared/errors.js';
import { currentLanguage, i18n } from './i18n.js';

/** One field's problem in a validation failure, e.g. `{ field: 'admin.email', … }`. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** RFC 9457 problem details as the Atrium server sends them. */
interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: ErrorCode;
  requestId?: string;
  errors?: FieldProblem[];
}

/**
 * A failed API call. `message` is the server's `detail`, already in the viewer's language;
 * `fieldErrors` carry the per-field messages of a validation failure.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | undefined;
  readonly fieldErrors: FieldProblem[];
  readonly requestId: string | undefined;

  constructor(status: number, body: ProblemBody, fallback: string) {
    super(body.detail || fallback);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.fieldErrors = body.errors ?? [];
    this.requestId = body.requestId;
  }

  /** The message for one field (`admin.email`), or for any field under it. */
  fieldMessage(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.message;
  }
}

let csrfToken: string | undefined;

/** Remembers the CSRF token from `GET /me`, login or setup; unsafe requests send it. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** A JSON body; FormData for multipart uploads; a Blob (a File) sent as raw bytes of its type. */
  body?: unknown;
  signal?: AbortSignal;
}

function buildUrl(path: string, query: Record<string, QueryValue> | undefined): string {
  const url = `/api/v1${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${url}?${search}` : url;
}

async function readProblem(response: Response): Promise<ProblemBody> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return {};
  try {
    return (await response.json()) as ProblemBody;
  } catch {
    return {};
  }
}

/** Calls the Atrium API under `/api/v1`; resolves with the JSON body, or throws ApiError. */
async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers = new Headers({ accept: 'application/json', 'accept-language': currentLanguage() });
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body instanceof Blob) {
    headers.set('content-type', options.body.type || 'application/octet-stream');
    body = options.body;
  } else if (options.body !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers.set('x-csrf-token', csrfToken);

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, {}, i18n.t('errors.network'));
  }

  if (!response.ok) {
    throw new ApiError(response.status, await readProblem(response), i18n.t('errors.unexpected'));
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : undefined) as T;
}

/** The typed HTTP verbs of the API client. */
export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, options?: RequestOptions) => request<T>('POST', path, options),
  put: <T>(path: string, options?: RequestOptions) => request<T>('PUT', path, options),
  patch: <T>(path: string, options?: RequestOptions) => request<T>('PATCH', path, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};

/** Whether an unknown error is an API error with this status. */
export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
