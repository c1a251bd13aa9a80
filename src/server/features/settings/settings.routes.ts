import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  allowedDomainsBodySchema,
  allowedDomainsResponseSchema,
  companyBodySchema,
  companyResponseSchema,
  passwordPolicyResponseSchema,
  passwordPolicySchema,
} from '../../../shared/api/settings.js';
import type { App } from '../../app.js';
import { presentPasswordPolicy } from './settings.presenter.js';
import {
  getAllowedDomains,
  getCompanyName,
  getPasswordPolicy,
  updateAllowedDomains,
  updateCompanyName,
  updatePasswordPolicy,
} from './settings.service.js';

const admin = { config: { access: 'admin' as const } };
const tags = ['settings'];

/** The administrator's settings: password policy, allowed e-mail domains, company name. */
export function registerSettingsRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/admin/password-policy',
    {
      ...admin,
      schema: {
        tags,
        summary: 'The password policy in force, its defaults and whether it departs from NIST advice',
        response: { 200: passwordPolicyResponseSchema },
      },
    },
    async (request) => presentPasswordPolicy(await getPasswordPolicy(request.ctx.db)),
  );

  r.put(
    '/admin/password-policy',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Replace the password policy (audited with before and after)',
        body: passwordPolicySchema,
        response: { 200: passwordPolicyResponseSchema },
      },
    },
    async (request) => presentPasswordPolicy(await updatePasswordPolicy(request.ctx, request.body)),
  );

  r.get(
    '/admin/allowed-domains',
    {
      ...admin,
      schema: {
        tags,
        summary: 'E-mail domains whose addresses may register themselves',
        response: { 200: allowedDomainsResponseSchema },
      },
    },
    async (request) => ({ domains: await getAllowedDomains(request.ctx.db) }),
  );

  r.put(
    '/admin/allowed-domains',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Replace the allowed e-mail domains (exact match; list sub-domains explicitly)',
        body: allowedDomainsBodySchema,
        response: { 200: allowedDomainsResponseSchema },
      },
    },
    async (request) => ({ domains: await updateAllowedDomains(request.ctx, request.body.domains) }),
  );

  r.get(
    '/admin/company',
    {
      ...admin,
      schema: { tags, summary: "The company's name", response: { 200: companyResponseSchema } },
    },
    async (request) => ({ name: (await getCompanyName(request.ctx.db)) ?? '' }),
  );

  r.put(
    '/admin/company',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Rename the company',
        body: companyBodySchema,
        response: { 200: companyResponseSchema },
      },
    },
    async (request) => ({ name: await updateCompanyName(request.ctx, request.body.name) }),
  );
}
