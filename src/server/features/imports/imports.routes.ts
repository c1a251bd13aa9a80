import fastifyMultipart from '@fastify/multipart';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importLimits, importQuerySchema, importResultSchema } from '../../../shared/api/imports.js';
import type { App } from '../../app.js';
import { requireActor } from '../../platform/auth/guards.js';
import { AppError } from '../../platform/http/errors.js';
import { authorize } from '../users/users.policy.js';
import { invalid } from './imports.csv.js';
import { canImportUsers } from './imports.policy.js';
import { importUsersCsv } from './imports.service.js';

/**
 * The CSV import of employees. Multipart parsing is
 * registered in this plugin's own scope, so no other route accepts multipart bodies.
 */
export function registerImportRoutes(app: App): void {
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: importLimits.maxBytes, files: 1, fields: 10, parts: 11, headerPairs: 100 },
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/admin/imports/users',
      {
        config: { access: 'admin', bodyTypes: ['multipart/form-data'] },
        // The multipart body is read as a stream in the handler; its schema is for the OpenAPI
        // document only, while the query string is still validated.
        validatorCompiler: (def) =>
          def.httpPart === 'body'
            ? (data: unknown) => ({ value: data })
            : validatorCompiler(def as unknown as Parameters<typeof validatorCompiler>[0]),
        schema: {
          tags: ['admin', 'people'],
          summary:
            'Import employees from CSV (multipart field "file", ≤ 10 MB); dryRun=true shows the plan only',
          consumes: ['multipart/form-data'],
          body: z.object({ file: z.custom<unknown>(() => true).meta({ type: 'string', format: 'binary' }) }),
          querystring: importQuerySchema,
          response: { 200: importResultSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request.ctx);
        authorize(canImportUsers(actor));
        if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        const file = await request.file();
        if (!file) throw invalid(request.ctx.locale, 'missing');
        const bytes = await file.toBuffer();
        return importUsersCsv(request.ctx, bytes, request.query);
      },
    );
  });
}
