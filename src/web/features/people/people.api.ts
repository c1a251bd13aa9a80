import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { Page } from '../../../shared/api/pagination.js';
import type {
  ListUsersQuery,
  OrgNode,
  UpdateUserBody,
  UserPage,
  UserProfile,
  UserRole,
} from '../../../shared/api/users.js';
import { api } from '../../lib/api.js';

/** Query keys of the people feature, so mutations invalidate exactly what they change. */
export const peopleKeys = {
  all: ['users'] as const,
  directory: (filters: DirectoryFilters) => ['users', 'directory', filters] as const,
  profile: (id: string) => ['users', 'profile', id] as const,
  reports: (id: string) => ['users', 'reports', id] as const,
  picker: (q: string) => ['users', 'picker', q] as const,
  skills: (q: string) => ['skills', q] as const,
  managers: (rootId: string | null) => ['org-chart', 'managers', rootId] as const,
};

/** The directory filters, as kept in the page's URL. */
export type DirectoryFilters = Pick<ListUsersQuery, 'q' | 'department' | 'position' | 'skill'>;

/** The directory, page by page ("Load more"). A department includes its sub-departments. */
export function useDirectory(filters: DirectoryFilters) {
  return useInfiniteQuery({
    queryKey: peopleKeys.directory(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<UserPage>('/users', {
        query: {
          ...filters,
          includeSubdepartments: filters.department ? true : undefined,
          limit: 24,
          cursor: pageParam,
        },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** One person's full profile. */
export function useProfile(id: string | undefined) {
  return useQuery({
    queryKey: peopleKeys.profile(id ?? ''),
    queryFn: ({ signal }) => api.get<UserProfile>(`/users/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

/** The people who report to someone directly (first page), each with their own report count. */
export function useDirectReports(id: string) {
  return useQuery({
    queryKey: peopleKeys.reports(id),
    queryFn: ({ signal }) => api.get<Page<OrgNode>>(`/users/${id}/reports`, { query: { limit: 50 }, signal }),
  });
}

/** People whose name or e-mail contains `q`, for pickers (manager, department head). */
export function usePeopleSearch(q: string) {
  return useQuery({
    queryKey: peopleKeys.picker(q),
    queryFn: ({ signal }) => api.get<UserPage>('/users', { query: { q: q || undefined, limit: 20 }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Skill suggestions starting with `q`, most common first. */
export function useSkillSuggestions(q: string) {
  return useQuery({
    queryKey: peopleKeys.skills(q),
    queryFn: ({ signal }) =>
      api.get<{ items: { skill: string; count: number }[] }>('/skills', {
        query: { q: q || undefined, limit: 10 },
        signal,
      }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** One level of the manager tree: people without a manager, or the direct reports of `rootId`. */
export function useManagerLevel(rootId: string | null, enabled = true) {
  return useInfiniteQuery({
    queryKey: peopleKeys.managers(rootId),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<OrgNode>>('/org-chart/managers', {
        query: { rootId: rootId ?? undefined, limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** Follows or unfollows a person. */
export function useFollow(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (follow: boolean) =>
      (follow ? api.post : api.delete)<{ followedByMe: boolean; followersCount: number }>(
        `/users/${id}/follow`,
      ),
    onSuccess: (result) => {
      queryClient.setQueryData<UserProfile>(peopleKeys.profile(id), (profile) =>
        profile ? { ...profile, ...result } : profile,
      );
    },
  });
}

/** Saves changed profile fields (`PATCH /users/{id}`). */
export function useUpdateProfile(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateUserBody) => api.patch<UserProfile>(`/users/${id}`, { body }),
    onSuccess: (profile) => {
      queryClient.setQueryData(peopleKeys.profile(id), profile);
      void queryClient.invalidateQueries({ queryKey: ['users', 'directory'] });
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}

/** Uploads a new photo as raw bytes (`PUT /users/{id}/photo`). */
export function useUploadPhoto(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => api.put<{ photoUrl: string }>(`/users/${id}/photo`, { body: file }),
    onSuccess: ({ photoUrl }) => {
      queryClient.setQueryData<UserProfile>(peopleKeys.profile(id), (profile) =>
        profile ? { ...profile, photoUrl } : profile,
      );
      void queryClient.invalidateQueries({ queryKey: peopleKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}

/** Role changes, deactivation and reactivation; each answers with the updated profile. */
export function useUserAdminActions() {
  const queryClient = useQueryClient();
  const onSuccess = (profile: UserProfile) => {
    queryClient.setQueryData(peopleKeys.profile(profile.id), profile);
    void queryClient.invalidateQueries({ queryKey: ['users', 'directory'] });
    void queryClient.invalidateQueries({ queryKey: ['org-chart'] });
    void queryClient.invalidateQueries({ queryKey: ['departments'] });
  };
  return {
    changeRole: useMutation({
      mutationFn: ({ id, role }: { id: string; role: UserRole }) =>
        api.put<UserProfile>(`/users/${id}/role`, { body: { role } }),
      onSuccess,
    }),
    deactivate: useMutation({
      mutationFn: (id: string) => api.post<UserProfile>(`/users/${id}/deactivate`),
      onSuccess,
    }),
    reactivate: useMutation({
      mutationFn: (id: string) => api.post<UserProfile>(`/users/${id}/reactivate`),
      onSuccess,
    }),
    endSessions: useMutation({
      mutationFn: (id: string) => api.delete<{ ended: number }>(`/users/${id}/sessions`),
    }),
  };
}

/** Removes the photo; initials show instead. */
export function useRemovePhoto(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>(`/users/${id}/photo`),
    onSuccess: () => {
      queryClient.setQueryData<UserProfile>(peopleKeys.profile(id), (profile) =>
        profile ? { ...profile, photoUrl: null } : profile,
      );
      void queryClient.invalidateQueries({ queryKey: peopleKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}
