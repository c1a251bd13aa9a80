import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StickerPack } from '../../../../shared/api/chats.js';
import { api } from '../../../lib/api.js';

/** Sticker packs as admins manage them (`/sticker-packs`), and the pickers' list (`/stickers`). */

const packsKey = ['admin', 'sticker-packs'] as const;

export function useStickerPacks() {
  return useQuery({
    queryKey: packsKey,
    queryFn: ({ signal }) => api.get<{ items: StickerPack[] }>('/sticker-packs', { signal }),
  });
}

/** After any change: the admin list, and the pickers' list everyone else reads. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: packsKey });
    void queryClient.invalidateQueries({ queryKey: ['stickers'] });
  };
}

export function useCreatePack() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (name: string) => api.post<StickerPack>('/sticker-packs', { body: { name } }),
    onSuccess: refresh,
  });
}

export function useUpdatePack() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; name?: string; archived?: boolean }) =>
      api.patch<StickerPack>(`/sticker-packs/${id}`, { body }),
    onSuccess: refresh,
  });
}

export function useDeletePack() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ archived: boolean }>(`/sticker-packs/${id}`),
    onSuccess: refresh,
  });
}

export function useReorderPacks() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (ids: string[]) =>
      api.put<{ items: StickerPack[] }>('/sticker-packs/order', { body: { ids } }),
    onSuccess: refresh,
  });
}

export function useReorderStickers() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ packId, ids }: { packId: string; ids: string[] }) =>
      api.put<StickerPack>(`/sticker-packs/${packId}/order`, { body: { ids } }),
    onSuccess: refresh,
  });
}

export function useDeleteSticker() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ packId, stickerId }: { packId: string; stickerId: string }) =>
      api.delete<StickerPack>(`/sticker-packs/${packId}/stickers/${stickerId}`),
    onSuccess: refresh,
  });
}

export function useAddSticker() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ packId, file, emoji }: { packId: string; file: File; emoji: string }) => {
      const body = new FormData();
      // The emoji first: the server reads fields before the file.
      if (emoji.trim()) body.append('emoji', emoji.trim());
      body.append('file', file, file.name);
      return api.post<StickerPack>(`/sticker-packs/${packId}/stickers`, { body });
    },
    onSuccess: refresh,
  });
}

/** Moves the item at `index` by `delta` places; the ids in their new order. */
export function moved(ids: readonly string[], index: number, delta: -1 | 1): string[] {
  const next = [...ids];
  const target = index + delta;
  if (target < 0 || target >= next.length) return next;
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}
