import { useQuery } from '@tanstack/react-query';
import type { SetupStatus } from '../../shared/api/setup.js';
import { api } from './api.js';

export const setupStatusKey = ['setup-status'] as const;

/** Whether this installation still needs its first-run setup, and the company's name. */
export function useSetupStatus() {
  return useQuery({
    queryKey: setupStatusKey,
    queryFn: ({ signal }) => api.get<SetupStatus>('/setup', { signal }),
    staleTime: 10 * 60_000,
  });
}

/** The company's name once set up (for the header and page titles). */
export function useCompanyName(): string | undefined {
  return useSetupStatus().data?.companyName;
}
