import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  groupLibraryParamsSchema,
  libraryPageSchema,
  libraryQuerySchema,
  personLibraryParamsSchema,
} from '../../../shared/api/files.js';
import type { App } from '../../app.js';
import { getLibraryPage } from './libraries.service.js';

const tags = ['files'];

/** Browsing the company's, a group's and a person's document libraries (G2). */
export function registerLibraryRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/libraries/company',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary:
          "A page of the company library's root or of a folder in it: folders first, then files, by name",
        querystring: libraryQuerySchema,
        response: { 200: libraryPageSchema },
      },
    },
    (request) => getLibraryPage(request.ctx, { type: 'company' }, request.query),
  );

  r.get(
    '/libraries/groups/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "A page of a group's library (its readers; a shared folder for those it is shared with)",
        params: groupLibraryParamsSchema,
        querystring: libraryQuerySchema,
        response: { 200: libraryPageSchema },
      },
    },
    (request) => getLibraryPage(request.ctx, { type: 'group', id: request.params.id }, request.query),
  );

  r.get(
    '/libraries/people/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "A page of a person's own files (its owner; a shared folder for those it is shared with)",
        params: personLibraryParamsSchema,
        querystring: libraryQuerySchema,
        response: { 200: libraryPageSchema },
      },
    },
    (request) => getLibraryPage(request.ctx, { type: 'profile', id: request.params.id }, request.query),
  );
}
