import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { SessionResponse } from '../../shared/api/auth.js';
import { api, isApiError, setCsrfToken } from './api.js';

export const meKey = ['me'] as const;

/** Loads the signed-in person; `null` when nobody is signed in. Keeps the CSRF token current. */
async function fetchMe(signal: AbortSignal): Promise<SessionResponse | null> {
  try {
    const session = await api.get<SessionResponse>('/me', { signal });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error, 401)) {
      setCsrfToken(undefined);
      return null;
    }
    throw error;
  }
}

/** The signed-in person and their CSRF token (`data` is null when signed out). */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: ({ signal }) => fetchMe(signal), staleTime: 5 * 60_000 });
}

/**
 * Stores the session a sign-in, setup or password change answered with. When the person
 * changes, nothing cached for the previous one may show, so those queries are dropped.
 */
export function useSetSession() {
  const queryClient = useQueryClient();
  return useCallback(
    (session: SessionResponse | null) => {
      const previous = queryClient.getQueryData<SessionResponse | null>(meKey);
      if (previous?.user.id !== session?.user.id) {
        queryClient.removeQueries({
          predicate: (query) => !['me', 'setup-status'].includes(String(query.queryKey[0])),
        });
      }
      setCsrfToken(session?.csrfToken);
      queryClient.setQueryData(meKey, session);
    },
    [queryClient],
  );
}
