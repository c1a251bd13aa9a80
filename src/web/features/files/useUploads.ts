import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionResponse } from '../../../shared/api/auth.js';
import type { FileQuota, FileView } from '../../../shared/api/files.js';
import { isApiError } from '../../lib/api.js';
import { meKey } from '../../lib/useMe.js';
import { formatBytes } from './file-format.js';
import { type UploadTarget, uploadFile } from './file-upload.js';
import { fileKeys, useFileQuota } from './files.api.js';

export type UploadStatus = 'waiting' | 'uploading' | 'done' | 'failed' | 'cancelled';

/** One file on its way to the server, as the progress list shows it. */
export interface UploadEntry {
  key: string;
  name: string;
  size: number;
  loaded: number;
  status: UploadStatus;
  /** Why it failed, in the viewer's language (the server's own message when it gave one). */
  error?: string;
  /** The uploaded file, once done. */
  file?: FileView;
}

/** Files sent at the same time; the others wait their turn. */
const parallel = 2;

let nextKey = 0;

/**
 * The uploads of a page: each file gets an entry with its progress, sent two at a time.
 * A file that cannot fit (over the per-file limit or the quota left) fails at once, before a
 * byte is sent; the server checks again and has the last word.
 */
export function useUploads(onUploaded?: (file: FileView) => void) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const queryClient = useQueryClient();
  const quota = useFileQuota();
  const [entries, setEntries] = useState<UploadEntry[]>([]);
  const queue = useRef<{ key: string; file: File; target: UploadTarget }[]>([]);
  const active = useRef(new Map<string, AbortController>());
  const uploaded = useRef(onUploaded);
  uploaded.current = onUploaded;

  const patch = useCallback((key: string, change: Partial<UploadEntry>) => {
    setEntries((current) => current.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));
  }, []);

  const describe = useCallback(
    (error: unknown, file: File, limits: FileQuota | undefined): string => {
      // A server that refuses an oversize body without reading it often just closes the
      // connection: the browser sees a network error, not the 413.
      if (isApiError(error, 0) && limits && file.size > limits.maxFileBytes) {
        return t('files.upload.tooLarge', { limit: formatBytes(limits.maxFileBytes, language) });
      }
      return error instanceof Error ? error.message : t('errors.unexpected');
    },
    [t, language],
  );

  const pump = useCallback(() => {
    while (active.current.size < parallel && queue.current.length > 0) {
      const next = queue.current.shift();
      if (!next) break;
      const { key, file, target } = next;
      const controller = new AbortController();
      active.current.set(key, controller);
      patch(key, { status: 'uploading' });
      const csrfToken = queryClient.getQueryData<SessionResponse | null>(meKey)?.csrfToken;
      uploadFile({
        target,
        file,
        csrfToken,
        signal: controller.signal,
        onProgress: (loaded) => patch(key, { loaded }),
      })
        .then((view) => {
          patch(key, { status: 'done', loaded: file.size, file: view });
          uploaded.current?.(view);
          void queryClient.invalidateQueries({ queryKey: fileKeys.all });
        })
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') {
            patch(key, { status: 'cancelled' });
            return;
          }
          if (isApiError(error, 401)) queryClient.setQueryData(meKey, null);
          patch(key, { status: 'failed', error: describe(error, file, quota.data) });
        })
        .finally(() => {
          active.current.delete(key);
          pump();
        });
    }
  }, [describe, patch, queryClient, quota.data]);

  /** Queues files for upload to `target`. */
  const start = useCallback(
    (files: readonly File[], target: UploadTarget) => {
      const limits = quota.data;
      let room = limits ? limits.quotaBytes - limits.usedBytes : Number.POSITIVE_INFINITY;
      const added: UploadEntry[] = [];
      for (const file of files) {
        const key = `upload-${++nextKey}`;
        const entry: UploadEntry = { key, name: file.name, size: file.size, loaded: 0, status: 'waiting' };
        if (limits && file.size > limits.maxFileBytes) {
          entry.status = 'failed';
          entry.error = t('files.upload.tooLarge', { limit: formatBytes(limits.maxFileBytes, language) });
        } else if (file.size > room) {
          entry.status = 'failed';
          entry.error = t('files.upload.overQuota', {
            left: formatBytes(Math.max(0, limits ? limits.quotaBytes - limits.usedBytes : 0), language),
          });
        } else {
          room -= file.size;
          queue.current.push({ key, file, target });
        }
        added.push(entry);
      }
      setEntries((current) => [...current, ...added]);
      pump();
    },
    [pump, quota.data, t, language],
  );

  /** Stops one upload (or takes it out of the queue). */
  const cancel = useCallback(
    (key: string) => {
      const waiting = queue.current.findIndex((item) => item.key === key);
      if (waiting >= 0) {
        queue.current.splice(waiting, 1);
        patch(key, { status: 'cancelled' });
      }
      active.current.get(key)?.abort();
    },
    [patch],
  );

  /** Removes the entries that are over (done, failed, cancelled) from the list. */
  const clearFinished = useCallback(() => {
    setEntries((current) =>
      current.filter((entry) => entry.status === 'waiting' || entry.status === 'uploading'),
    );
  }, []);

  // Leaving the page stops what is still going.
  useEffect(() => {
    const running = active.current;
    const waiting = queue.current;
    return () => {
      waiting.length = 0;
      for (const controller of running.values()) controller.abort();
    };
  }, []);

  return { entries, start, cancel, clearFinished };
}
