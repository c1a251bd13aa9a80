import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  CreatedFileLink,
  CreateFileLinkBody,
  CreateFolderBody,
  CreateShareBody,
  FileCommentPage,
  FileCommentView,
  FileLinkPage,
  FileQuota,
  FileSharePage,
  FileSpace,
  FileText,
  FileVersionPage,
  FileView,
  FolderDetail,
  LibraryPage,
  LibrarySpaceRef,
  SharedWithMePage,
  UpdateFileBody,
  UpdateFolderBody,
} from '../../../shared/api/files.js';
import { api } from '../../lib/api.js';

/**
 * Which library a page shows: the company's, a group's, or a person's ("My files" when it is
 * the viewer's own).
 */
export type LibraryRef = { type: 'company' } | { type: 'group'; id: string } | { type: 'person'; id: string };

/** The API path of a library's listing. */
export function libraryApiPath(library: LibraryRef): string {
  switch (library.type) {
    case 'company':
      return '/libraries/company';
    case 'group':
      return `/libraries/groups/${library.id}`;
    case 'person':
      return `/libraries/people/${library.id}`;
  }
}

/** The `space` an upload or a new folder at a library's root names. */
export function librarySpaceRef(library: LibraryRef): LibrarySpaceRef {
  switch (library.type) {
    case 'company':
      return { type: 'company' };
    case 'group':
      return { type: 'group', id: library.id };
    case 'person':
      return { type: 'profile', id: library.id };
  }
}

/** The library a file or folder lives in, from its `space`. */
export function libraryOfSpace(space: FileSpace): LibraryRef {
  if (space.type === 'group' && space.id) return { type: 'group', id: space.id };
  if (space.type === 'profile' && space.id) return { type: 'person', id: space.id };
  return { type: 'company' };
}

/** What a share dialog is about: a file (`/files/{id}/shares`) or a folder (`/folders/{id}/shares`). */
export type ShareTargetType = 'file' | 'folder';

/**
 * Query keys of documents. Every change (upload, rename, move, delete, share) refreshes what is
 * under `files`: lists, the document and its side panels move together.
 */
export const fileKeys = {
  all: ['files'] as const,
  library: (library: LibraryRef, folderId: string | null) =>
    ['files', 'library', libraryApiPath(library), folderId] as const,
  folders: (library: LibraryRef, folderId: string | null) =>
    ['files', 'folders', libraryApiPath(library), folderId] as const,
  shared: ['files', 'shared'] as const,
  detail: (id: string) => ['files', 'detail', id] as const,
  text: (id: string, version: number) => ['files', 'text', id, version] as const,
  versions: (id: string) => ['files', 'versions', id] as const,
  comments: (id: string) => ['files', 'comments', id] as const,
  shares: (type: ShareTargetType, id: string) => ['files', 'shares', type, id] as const,
  links: (id: string) => ['files', 'links', id] as const,
  link: (token: string) => ['files', 'link', token] as const,
  quota: ['files', 'quota'] as const,
};

const pageSize = 50;

/** A library's root or one of its folders, folders first then files, page by page ("Load more"). */
export function useLibrary(library: LibraryRef, folderId: string | null) {
  return useInfiniteQuery({
    queryKey: fileKeys.library(library, folderId),
    queryFn: ({ pageParam, signal }) =>
      api.get<LibraryPage>(libraryApiPath(library), {
        query: { folderId: folderId ?? undefined, limit: pageSize, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    // Libraries are shared: coming back to one shows it at once and refreshes it behind.
    staleTime: 0,
  });
}

/**
 * One page of a library's folder for the "Move to" picker (it needs only the folders, which
 * come first; a long folder is browsed with "Load more").
 */
export function useLibraryFolders(library: LibraryRef, folderId: string | null, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: fileKeys.folders(library, folderId),
    queryFn: ({ pageParam, signal }) =>
      api.get<LibraryPage>(libraryApiPath(library), {
        query: { folderId: folderId ?? undefined, limit: pageSize, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    // Folders come first: once a page holds a file, every folder has been listed.
    getNextPageParam: (last) =>
      last.items.some((item) => item.type === 'file') ? undefined : (last.nextCursor ?? undefined),
    enabled,
  });
}

/** Files and folders shared with the viewer, their groups or their departments, newest first. */
export function useSharedWithMe() {
  return useInfiniteQuery({
    queryKey: fileKeys.shared,
    queryFn: ({ pageParam, signal }) =>
      api.get<SharedWithMePage>('/files/shared-with-me', {
        query: { limit: pageSize, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
}

/** One file's metadata and what the viewer may do with it. */
export function useFile(id: string | undefined) {
  return useQuery({
    queryKey: fileKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<FileView>(`/files/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

/** The text of a text or Markdown file's version, capped by the server. */
export function useFileText(id: string, version: number) {
  return useQuery({
    queryKey: fileKeys.text(id, version),
    queryFn: ({ signal }) => api.get<FileText>(`/files/${id}/text`, { query: { version }, signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The viewer's upload limit and quota, to refuse a file that cannot fit before sending it. */
export function useFileQuota(enabled = true) {
  return useQuery({
    queryKey: fileKeys.quota,
    queryFn: ({ signal }) => api.get<FileQuota>('/files/quota', { signal }),
    enabled,
    staleTime: 60_000,
  });
}

/** A file's versions, newest first. */
export function useFileVersions(id: string) {
  return useInfiniteQuery({
    queryKey: fileKeys.versions(id),
    queryFn: ({ pageParam, signal }) =>
      api.get<FileVersionPage>(`/files/${id}/versions`, { query: { limit: 20, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** A file's comments, oldest first. */
export function useFileComments(id: string) {
  return useInfiniteQuery({
    queryKey: fileKeys.comments(id),
    queryFn: ({ pageParam, signal }) =>
      api.get<FileCommentPage>(`/files/${id}/comments`, {
        query: { limit: pageSize, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

const sharesBase = (type: ShareTargetType, id: string) =>
  type === 'file' ? `/files/${id}` : `/folders/${id}`;

/** The shares on a file or folder, and those it inherits from the folders above it. */
export function useShares(type: ShareTargetType, id: string) {
  return useInfiniteQuery({
    queryKey: fileKeys.shares(type, id),
    queryFn: ({ pageParam, signal }) =>
      api.get<FileSharePage>(`${sharesBase(type, id)}/shares`, {
        query: { limit: pageSize, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** A file's links, newest first (revoked and expired ones too). */
export function useFileLinks(id: string) {
  return useInfiniteQuery({
    queryKey: fileKeys.links(id),
    queryFn: ({ pageParam, signal }) =>
      api.get<FileLinkPage>(`/files/${id}/links`, { query: { limit: pageSize, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The file a link opens (signed-in people only). */
export function useFileByLink(token: string | undefined) {
  return useQuery({
    queryKey: fileKeys.link(token ?? ''),
    queryFn: ({ signal }) => api.get<FileView>(`/file-links/${encodeURIComponent(token ?? '')}`, { signal }),
    enabled: Boolean(token),
  });
}

/** Refreshes everything about documents after a change. */
export function useRefreshFiles() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: fileKeys.all });
}

/** Creates a folder at a library's root or inside another folder. */
export function useCreateFolder() {
  const onSuccess = useRefreshFiles();
  return useMutation({
    mutationFn: (body: CreateFolderBody) => api.post<FolderDetail>('/folders', { body }),
    onSuccess,
  });
}

/** Renames or moves a folder. */
export function useUpdateFolder() {
  const onSuccess = useRefreshFiles();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateFolderBody }) =>
      api.patch<FolderDetail>(`/folders/${id}`, { body }),
    onSuccess,
  });
}

/** Deletes a folder (it stays in the archive). */
export function useDeleteFolder() {
  const onSuccess = useRefreshFiles();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/folders/${id}`),
    onSuccess,
  });
}

/** Renames or moves a file. */
export function useUpdateFile() {
  const queryClient = useQueryClient();
  const refresh = useRefreshFiles();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateFileBody }) =>
      api.patch<FileView>(`/files/${id}`, { body }),
    onSuccess: (file) => {
      queryClient.setQueryData(fileKeys.detail(file.id), file);
      void refresh();
    },
  });
}

/** Deletes a file (it stays in the archive). */
export function useDeleteFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/files/${id}`),
    onSuccess: (_, id) => {
      // The document's page is left by the caller; only the lists need refreshing.
      queryClient.removeQueries({ queryKey: fileKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: ['files', 'library'] });
      void queryClient.invalidateQueries({ queryKey: fileKeys.shared });
    },
  });
}

/** Makes an old version the newest one (as a copy). */
export function useRestoreVersion(id: string) {
  const onSuccess = useRefreshFiles();
  return useMutation({
    mutationFn: (version: number) => api.post<unknown>(`/files/${id}/versions/${version}/restore`),
    onSuccess,
  });
}

/** Comments on a file: write one, delete one. */
export function useFileCommentActions(id: string) {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: fileKeys.comments(id) });
  return {
    create: useMutation({
      mutationFn: (body: string) => api.post<FileCommentView>(`/files/${id}/comments`, { body: { body } }),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (commentId: string) => api.delete<void>(`/files/${id}/comments/${commentId}`),
      onSuccess,
    }),
  };
}

/** Adding and removing shares on a file or folder. */
export function useShareActions(type: ShareTargetType, id: string) {
  const onSuccess = useRefreshFiles();
  return {
    add: useMutation({
      mutationFn: (body: CreateShareBody) => api.post<unknown>(`${sharesBase(type, id)}/shares`, { body }),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (shareId: string) => api.delete<void>(`${sharesBase(type, id)}/shares/${shareId}`),
      onSuccess,
    }),
  };
}

/** Creating and revoking a file's links. */
export function useLinkActions(id: string) {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: fileKeys.links(id) });
  return {
    create: useMutation({
      mutationFn: (body: NonNullable<CreateFileLinkBody>) =>
        api.post<CreatedFileLink>(`/files/${id}/links`, { body }),
      onSuccess,
    }),
    revoke: useMutation({
      mutationFn: (linkId: string) => api.delete<void>(`/files/${id}/links/${linkId}`),
      onSuccess,
    }),
  };
}
