import { type ErrorCode, errorCatalogue } from '../../../shared/errors.js';

/** A field-level problem, reported under `errors` in the problem details. */
export interface FieldError {
  /** JSON pointer-ish path, e.g. `admin.email`. */
  field: string;
  code: string;
  message: string;
}

/**
 * The one error type services throw. The error handler turns it into RFC 9457 problem details
 * in the viewer's language; `params` fill the catalogue message's placeholders.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly fieldErrors: FieldError[] = [],
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.status = errorCatalogue[code].status;
  }
}
