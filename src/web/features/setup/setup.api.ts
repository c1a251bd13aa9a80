import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SessionResponse } from '../../../shared/api/auth.js';
import type { SetupBody } from '../../../shared/api/setup.js';
import { api, isApiError } from '../../lib/api.js';
import { useSetSession } from '../../lib/useMe.js';
import { setupStatusKey } from '../../lib/useSetupStatus.js';

/** Creates the company and its first administrator, who is then signed in. */
export function useRunSetup() {
  const queryClient = useQueryClient();
  const setSession = useSetSession();
  return useMutation({
    mutationFn: (body: SetupBody) => api.post<SessionResponse>('/setup', { body }),
    onSuccess: (session, body) => {
      setSession(session);
      queryClient.setQueryData(setupStatusKey, { needed: false, companyName: body.companyName });
    },
    onError: (error) => {
      // Someone else finished the setup meanwhile: the gate then leaves this page for sign-in.
      if (isApiError(error) && error.code === 'SETUP_ALREADY_DONE') {
        void queryClient.invalidateQueries({ queryKey: setupStatusKey });
      }
    },
  });
}
