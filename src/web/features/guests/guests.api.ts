import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionResponse } from '../../../shared/api/auth.js';
import type {
  AcceptGuestInvitationBody,
  GroupGuestPage,
  GuestInvitationPreview,
  InviteGuestBody,
  InviteGuestResult,
} from '../../../shared/api/guests.js';
import { api } from '../../lib/api.js';
import { useSetSession } from '../../lib/useMe.js';

/** Query keys of guests; an invitation refreshes the group's list and its member count. */
export const guestKeys = {
  all: ['guests'] as const,
  group: (groupId: string) => ['guests', 'group', groupId] as const,
  invitation: (token: string) => ['guests', 'invitation', token] as const,
};

/** A group's pending invitations and guests (for those who may invite guests into it). */
export function useGroupGuests(groupId: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: guestKeys.group(groupId),
    queryFn: ({ pageParam, signal }) =>
      api.get<GroupGuestPage>(`/groups/${groupId}/guests`, {
        query: { limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** Invites a person from outside into the group (or adds a guest who already has an account). */
export function useInviteGuest(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InviteGuestBody) => api.post<InviteGuestResult>(`/groups/${groupId}/guests`, { body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: guestKeys.group(groupId) });
      void queryClient.invalidateQueries({ queryKey: ['groups'] });
    },
  });
}

/** Withdraws a pending invitation: its link stops working. */
export function useRevokeInvitation(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => api.delete<void>(`/guest-invitations/${invitationId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: guestKeys.group(groupId) }),
  });
}

/** What an invitation offers, for its acceptance page (no session needed). */
export function useInvitationPreview(token: string, enabled = true) {
  return useQuery({
    queryKey: guestKeys.invitation(token),
    queryFn: ({ signal }) =>
      api.get<GuestInvitationPreview>(`/guest-invitations/by-token/${encodeURIComponent(token)}`, { signal }),
    enabled: enabled && token !== '',
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Accepts an invitation: creates the guest's account and signs them in. */
export function useAcceptInvitation() {
  const setSession = useSetSession();
  return useMutation({
    mutationFn: (body: AcceptGuestInvitationBody) =>
      api.post<SessionResponse>('/guest-invitations/accept', { body }),
    onSuccess: setSession,
  });
}
