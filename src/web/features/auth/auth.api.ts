import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChangePasswordBody,
  CheckEmailResponse,
  ForgotPasswordBody,
  LoginBody,
  PublicPasswordPolicy,
  RegisterBody,
  ResetPasswordBody,
  SessionItem,
  SessionResponse,
  VerifyEmailBody,
} from '../../../shared/api/auth.js';
import type { Page } from '../../../shared/api/pagination.js';
import { api, setCsrfToken } from '../../lib/api.js';
import { useSetSession } from '../../lib/useMe.js';

/** The password rules to show before a new password is submitted. */
export function usePasswordPolicy() {
  return useQuery({
    queryKey: ['password-policy', 'public'],
    queryFn: ({ signal }) => api.get<PublicPasswordPolicy>('/auth/password-policy', { signal }),
    staleTime: 10 * 60_000,
  });
}

/** Signs in; the answer becomes the current session. */
export function useSignIn() {
  const setSession = useSetSession();
  return useMutation({
    mutationFn: (body: LoginBody) => api.post<SessionResponse>('/auth/login', { body }),
    onSuccess: setSession,
  });
}

/**
 * Signs out, then loads the sign-in page afresh: nothing of the person's session survives in
 * memory, and no guard gets to turn the sign-out into a "sign in to continue" redirect.
 */
export function useSignOut() {
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      setCsrfToken(undefined);
      window.location.assign('/sign-in');
    },
  });
}

/** Registers; the server answers the same "check your e-mail" for every allowed address. */
export function useSignUp() {
  return useMutation({
    mutationFn: (body: RegisterBody) => api.post<CheckEmailResponse>('/auth/register', { body }),
  });
}

/** Confirms an e-mail address with the token from the link. */
export function useVerifyEmail() {
  return useMutation({
    mutationFn: (body: VerifyEmailBody) => api.post<{ status: 'verified' }>('/auth/verify-email', { body }),
  });
}

/** Asks for a password reset link. */
export function useForgotPassword() {
  return useMutation({
    mutationFn: (body: ForgotPasswordBody) => api.post<CheckEmailResponse>('/auth/password/forgot', { body }),
  });
}

/** Sets a new password with the token from the reset link. */
export function useResetPassword() {
  return useMutation({
    mutationFn: (body: ResetPasswordBody) =>
      api.post<{ status: 'password-reset' }>('/auth/password/reset', { body }),
  });
}

/** Changes the signed-in person's password; the session is rotated. */
export function useChangePassword() {
  const setSession = useSetSession();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api.post<SessionResponse>('/me/password', { body }),
    onSuccess: setSession,
  });
}

const sessionsKey = ['sessions'] as const;

/** The signed-in person's sessions, newest first. */
export function useSessions() {
  return useInfiniteQuery({
    queryKey: sessionsKey,
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<SessionItem>>('/me/sessions', { query: { limit: 50, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Ends one session; ending the current one signs the person out. */
export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (session: SessionItem) => api.delete<void>(`/me/sessions/${encodeURIComponent(session.id)}`),
    onSuccess: (_result, session) => {
      // Ending this very session is signing out, done the same way.
      if (session.current) window.location.assign('/sign-in');
      else void queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
  });
}

/** Ends every session except this one. */
export function useEndOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessions: SessionItem[]) =>
      Promise.all(
        sessions
          .filter((session) => !session.current)
          .map((session) => api.delete<void>(`/me/sessions/${encodeURIComponent(session.id)}`)),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}
