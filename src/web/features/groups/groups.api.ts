import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  CreateGroupBody,
  Group,
  GroupMemberPage,
  GroupPage,
  GroupRole,
  JoinRequest,
  MembershipResult,
  UpdateGroupBody,
} from '../../../shared/api/groups.js';
import type { Page } from '../../../shared/api/pagination.js';
import { api } from '../../lib/api.js';
import { useMe } from '../../lib/useMe.js';

/** The directory filters, as kept in the page's URL. */
export interface GroupFilters {
  q?: string | undefined;
  mine: boolean;
}

/** Query keys of the groups feature; every membership change refreshes everything under `groups`. */
export const groupKeys = {
  all: ['groups'] as const,
  list: (filters: GroupFilters) => ['groups', 'list', filters] as const,
  detail: (id: string) => ['groups', 'detail', id] as const,
  members: (id: string) => ['groups', 'members', id] as const,
  requests: (id: string) => ['groups', 'requests', id] as const,
};

/** Groups the viewer may know of, by name, page by page ("Load more"). */
export function useGroups(filters: GroupFilters) {
  return useInfiniteQuery({
    queryKey: groupKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<GroupPage>('/groups', {
        query: { q: filters.q, mine: filters.mine || undefined, limit: 24, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** One group with the viewer's membership and abilities. */
export function useGroup(id: string | undefined) {
  return useQuery({
    queryKey: groupKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Group>(`/groups/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

/** The group's members, page by page. */
export function useGroupMembers(id: string) {
  return useInfiniteQuery({
    queryKey: groupKeys.members(id),
    queryFn: ({ pageParam, signal }) =>
      api.get<GroupMemberPage>(`/groups/${id}/members`, { query: { limit: 50, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Join requests waiting for the group admins, oldest first. */
export function useJoinRequests(id: string) {
  return useInfiniteQuery({
    queryKey: groupKeys.requests(id),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<JoinRequest>>(`/groups/${id}/requests`, {
        query: { limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** A mutation's success refreshes every group query: counts, states and lists all move together. */
function useRefreshGroups() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: groupKeys.all });
}

/** Creates a group; the creator becomes its admin. */
export function useCreateGroup() {
  const onSuccess = useRefreshGroups();
  return useMutation({
    mutationFn: (body: CreateGroupBody) => api.post<Group>('/groups', { body }),
    onSuccess,
  });
}

/** Changes the name, description, visibility or linked department. */
export function useUpdateGroup(id: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshGroups();
  return useMutation({
    mutationFn: (body: UpdateGroupBody) => api.patch<Group>(`/groups/${id}`, { body }),
    onSuccess: (group) => {
      queryClient.setQueryData(groupKeys.detail(id), group);
      void refresh();
    },
  });
}

/** Deletes the group with its posts. */
export function useDeleteGroup(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>(`/groups/${id}`),
    onSuccess: () => {
      // The page of the deleted group is left by the caller; only the lists need refreshing.
      queryClient.removeQueries({ queryKey: groupKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: ['groups', 'list'] });
    },
  });
}

/**
 * The viewer's own membership: join or ask to join, withdraw the request, leave (removing
 * oneself), answer an invitation.
 */
export function useMembershipActions(id: string) {
  const onSuccess = useRefreshGroups();
  const meId = useMe().data?.user.id;
  return {
    join: useMutation({
      mutationFn: (message?: string) =>
        api.post<MembershipResult>(`/groups/${id}/join`, { body: message ? { message } : {} }),
      onSuccess,
    }),
    withdraw: useMutation({
      mutationFn: () => api.delete<MembershipResult>(`/groups/${id}/join`),
      onSuccess,
    }),
    leave: useMutation({
      mutationFn: () => api.delete<MembershipResult>(`/groups/${id}/members/${meId}`),
      onSuccess,
    }),
    accept: useMutation({
      mutationFn: () => api.post<MembershipResult>(`/groups/${id}/invite/accept`),
      onSuccess,
    }),
    decline: useMutation({
      mutationFn: () => api.post<MembershipResult>(`/groups/${id}/invite/decline`),
      onSuccess,
    }),
  };
}

/** What group admins do to members: add (or invite), change a role, remove. */
export function useMemberActions(id: string) {
  const onSuccess = useRefreshGroups();
  return {
    add: useMutation({
      mutationFn: (userId: string) =>
        api.post<MembershipResult>(`/groups/${id}/members`, { body: { userId } }),
      onSuccess,
    }),
    changeRole: useMutation({
      mutationFn: ({ userId, role }: { userId: string; role: GroupRole }) =>
        api.put<MembershipResult>(`/groups/${id}/members/${userId}/role`, { body: { role } }),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (userId: string) => api.delete<MembershipResult>(`/groups/${id}/members/${userId}`),
      onSuccess,
    }),
  };
}

/** Approving or rejecting a join request. */
export function useRequestActions(id: string) {
  const onSuccess = useRefreshGroups();
  return {
    approve: useMutation({
      mutationFn: (userId: string) => api.post<MembershipResult>(`/groups/${id}/requests/${userId}/approve`),
      onSuccess,
    }),
    reject: useMutation({
      mutationFn: (userId: string) => api.post<MembershipResult>(`/groups/${id}/requests/${userId}/reject`),
      onSuccess,
    }),
  };
}
