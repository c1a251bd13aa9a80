import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportResult } from '../../../shared/api/imports.js';
import type { SeedDemoResult } from '../../../shared/api/seed.js';
import type {
  AllowedDomains,
  Company,
  PasswordPolicy,
  PasswordPolicyResponse,
} from '../../../shared/api/settings.js';
import type { SetupStatus } from '../../../shared/api/setup.js';
import type { CreateUserBody, UserPage, UserProfile } from '../../../shared/api/users.js';
import { api } from '../../lib/api.js';
import { setupStatusKey } from '../../lib/useSetupStatus.js';

const adminKeys = {
  users: (q: string, status: AccountStatusFilter) => ['users', 'admin-list', status, q] as const,
  policy: ['admin', 'password-policy'] as const,
  domains: ['admin', 'allowed-domains'] as const,
  company: ['admin', 'company'] as const,
};

/** Which accounts the admin list shows. */
export type AccountStatusFilter = 'active' | 'deactivated';

/** People with active (or deactivated) accounts, page by page, optionally filtered by name or e-mail. */
export function useAdminUsers(q: string, status: AccountStatusFilter) {
  return useInfiniteQuery({
    queryKey: adminKeys.users(q, status),
    queryFn: ({ pageParam, signal }) =>
      api.get<UserPage>('/users', {
        query: { q: q || undefined, status, limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The password policy, its defaults and the NIST notes. */
export function usePasswordPolicyAdmin() {
  return useQuery({
    queryKey: adminKeys.policy,
    queryFn: ({ signal }) => api.get<PasswordPolicyResponse>('/admin/password-policy', { signal }),
  });
}

/** Replaces the password policy. */
export function useSavePasswordPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policy: PasswordPolicy) =>
      api.put<PasswordPolicyResponse>('/admin/password-policy', { body: policy }),
    onSuccess: (response) => {
      queryClient.setQueryData(adminKeys.policy, response);
      void queryClient.invalidateQueries({ queryKey: ['password-policy'] });
    },
  });
}

/** The e-mail domains whose addresses may register themselves. */
export function useAllowedDomains() {
  return useQuery({
    queryKey: adminKeys.domains,
    queryFn: ({ signal }) => api.get<AllowedDomains>('/admin/allowed-domains', { signal }),
  });
}

/** Replaces the allowed domains. */
export function useSaveAllowedDomains() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (domains: string[]) =>
      api.put<AllowedDomains>('/admin/allowed-domains', { body: { domains } }),
    onSuccess: (response) => queryClient.setQueryData(adminKeys.domains, response),
  });
}

/** The company's name. */
export function useCompany() {
  return useQuery({
    queryKey: adminKeys.company,
    queryFn: ({ signal }) => api.get<Company>('/admin/company', { signal }),
  });
}

/** Renames the company; the header follows. */
export function useSaveCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.put<Company>('/admin/company', { body: { name } }),
    onSuccess: (company) => {
      queryClient.setQueryData(adminKeys.company, company);
      queryClient.setQueryData<SetupStatus>(setupStatusKey, (status) =>
        status ? { ...status, companyName: company.name } : status,
      );
    },
  });
}

export interface ImportRequest {
  file: File;
  dryRun: boolean;
  force: boolean;
  encoding: 'auto' | 'utf-8' | 'windows-1251';
}

/** Uploads a CSV of employees: a dry run shows the plan, an apply writes it. */
export function useImportUsers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun, force, encoding }: ImportRequest) => {
      const body = new FormData();
      body.append('file', file);
      return api.post<ImportResult>('/admin/imports/users', {
        query: { dryRun, force, encoding },
        body,
      });
    },
    onSuccess: (result) => {
      if (result.applied) {
        void queryClient.invalidateQueries({ queryKey: ['users'] });
        void queryClient.invalidateQueries({ queryKey: ['departments'] });
        void queryClient.invalidateQueries({ queryKey: ['org-chart'] });
        void queryClient.invalidateQueries({ queryKey: ['skills'] });
      }
    },
  });
}

/** Adds one person to the directory (they claim the entry by signing up). */
export function useCreatePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api.post<UserProfile>('/users', { body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: ['departments'] });
    },
  });
}

/** Fills the company with demo departments and people. */
export function useSeedDemo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (users: number) => api.post<SeedDemoResult>('/admin/seed-demo', { body: { users } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: ['departments'] });
      void queryClient.invalidateQueries({ queryKey: ['org-chart'] });
      void queryClient.invalidateQueries({ queryKey: ['skills'] });
    },
  });
}

/** `PATCH /users/{id}` with a guest's new access end (administrators). */
export function useSetGuestAccessEnd() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, accessExpiresAt }: { id: string; accessExpiresAt: string }) =>
      api.patch<UserProfile>(`/users/${id}`, { body: { accessExpiresAt } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
}
