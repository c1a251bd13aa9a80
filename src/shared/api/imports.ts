import { z } from 'zod';

/**
 * Contracts of the CSV import of employees (U3, R18). The file goes as `multipart/form-data`,
 * field `file`, at most 10 MB. A dry run returns the plan and changes nothing; an apply returns
 * the same shape with `applied: true`. Rows with errors block the apply (fix the file first);
 * warnings (an unknown manager, a bad date) only drop that field.
 */

export const importLimits = { maxBytes: 10 * 1024 * 1024, massDeactivationPercent: 5 } as const;

export const importEncodingSchema = z.enum(['auto', 'utf-8', 'windows-1251']);

/** `POST /admin/imports/users?dryRun=&force=&encoding=`. */
export const importQuerySchema = z.object({
  /** Default true: nothing is written unless the caller says `dryRun=false`. */
  dryRun: z.stringbool().default(true),
  /** Apply even if more than 5% of active people would be deactivated. */
  force: z.stringbool().default(false),
  encoding: importEncodingSchema.default('auto'),
});
export type ImportQuery = z.input<typeof importQuerySchema>;

/** One field's change for an existing person. */
export const fieldChangeSchema = z.object({
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

const personRef = z.object({
  /** 1-based line of the file (the header is line 1); null for people absent from the file. */
  line: z.number().int().nullable(),
  userId: z.string().nullable(),
  email: z.string(),
  name: z.string(),
});

export const importIssueSchema = z.object({
  line: z.number().int(),
  /** The column (canonical name) the issue is about, if any. */
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const importResultSchema = z.object({
  dryRun: z.boolean(),
  /** True when the changes were written. */
  applied: z.boolean(),
  encoding: z.enum(['utf-8', 'windows-1251']),
  delimiter: z.string(),
  /** Data rows read (the header excluded). */
  rowCount: z.number().int(),
  /** Canonical names of the columns recognised in the header. */
  columns: z.array(z.string()),
  summary: z.object({
    creates: z.number().int(),
    updates: z.number().int(),
    deactivations: z.number().int(),
    reactivations: z.number().int(),
    unchanged: z.number().int(),
    departmentsCreated: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
  }),
  creates: z.array(personRef),
  updates: z.array(personRef.extend({ changes: z.array(fieldChangeSchema) })),
  deactivations: z.array(personRef),
  reactivations: z.array(personRef),
  departmentsCreated: z.array(z.string()),
  errors: z.array(importIssueSchema),
  warnings: z.array(importIssueSchema),
  guard: z.object({
    activeCount: z.number().int(),
    deactivationPercent: z.number(),
    thresholdPercent: z.number(),
    /** True when the apply needs `force` because too many people would be deactivated. */
    tripped: z.boolean(),
  }),
});
export type ImportResult = z.infer<typeof importResultSchema>;
