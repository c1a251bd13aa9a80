import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './global.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { isApiError } from '../lib/api.js';
import { i18n } from '../lib/i18n.js';
import { meKey } from '../lib/useMe.js';
import { cssVariablesResolver, theme } from './theme.js';

/**
 * A 401 from any request means the session has ended (signed out elsewhere, expired, or the
 * account was deactivated): forget the person, and the route guard sends them to sign in.
 */
function onSessionEnded(error: Error): void {
  if (isApiError(error, 401)) queryClient.setQueryData(meKey, null);
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onSessionEnded }),
  mutationCache: new MutationCache({ onError: onSessionEnded }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not change by asking again; a network blip or 5xx might.
      retry: (failures, error) =>
        failures < 2 && !(isApiError(error) && error.status < 500 && error.status > 0),
    },
  },
});

/** Theme, translations, server state and notifications for the whole app. */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
          <Notifications position="top-right" />
          {children}
        </MantineProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
