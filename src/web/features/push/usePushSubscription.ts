import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { pushKeySchema } from '../../../shared/api/chats.js';
import { api, isApiError } from '../../lib/api.js';

/**
 * Where push stands on this device:
 * - `unsupported`: the browser has no Web Push (or no service worker: a development build)
 * - `denied`: the person (or the browser) refused notifications for this site
 * - `unavailable`: the server has no push to offer
 * - `loading`, `on`, `off`: as said
 */
export type PushState = 'loading' | 'unsupported' | 'denied' | 'unavailable' | 'on' | 'off';

type PushKey = z.infer<typeof pushKeySchema>;

/** The VAPID key (URL-safe base64) as the bytes `pushManager.subscribe` wants. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function supported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

async function registration(): Promise<ServiceWorkerRegistration | undefined> {
  return (await navigator.serviceWorker.getRegistration('/')) ?? undefined;
}

function save(subscription: PushSubscription): Promise<void> {
  return api.post<void>('/push/subscriptions', { body: subscription.toJSON() });
}

/**
 * Hands this browser's subscription (if it has one and may notify) to the server. The server
 * keeps a subscription only as long as the session that posted it, so a browser that gets a new
 * session (signing in again, changing the password) must post it anew to keep receiving. Best
 * effort: the notification settings page shows the state and retries.
 */
export function renewPushSubscription(): void {
  if (!supported() || Notification.permission !== 'granted') return;
  (async () => {
    const existing = await (await registration())?.pushManager.getSubscription();
    if (existing) await save(existing);
  })().catch(() => {});
}

/** Renews the subscription once per signed-in person and page load. */
export function useRenewPushSubscription(userId: string | undefined) {
  useEffect(() => {
    if (userId) renewPushSubscription();
  }, [userId]);
}

/**
 * Turns push notifications on or off for this browser: asks permission, subscribes with the
 * server's VAPID key and hands the subscription to the server (or takes it back).
 */
export function usePushSubscription() {
  const [state, setState] = useState<PushState>('loading');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      if (!supported()) return 'unsupported' as const;
      if (Notification.permission === 'denied') return 'denied' as const;
      const reg = await registration();
      if (!reg) return 'unsupported' as const;
      const existing = await reg.pushManager.getSubscription();
      if (!existing) return 'off' as const;
      // Posting again makes the subscription the signed-in person's (another may have used
      // this browser before) and heals one the server dropped.
      await save(existing);
      return 'on' as const;
    })()
      .then((next) => {
        if (!cancelled) setState(next);
      })
      .catch((caught: unknown) => {
        if (cancelled) return;
        setState(isApiError(caught, 503) ? 'unavailable' : 'off');
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const enable = useCallback(async () => {
    setBusy(true);
    setError(null);
    try {
      const reg = await registration();
      if (!supported() || !reg) return setState('unsupported');
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') return setState(permission === 'denied' ? 'denied' : 'off');
      let key: PushKey;
      try {
        key = await api.get<PushKey>('/push/key');
      } catch (caught) {
        if (isApiError(caught, 503)) return setState('unavailable');
        throw caught;
      }
      const applicationServerKey = keyBytes(key.publicKey);
      const existing = await reg.pushManager.getSubscription();
      // A subscription made with another key (the server's keys were replaced) cannot be used.
      if (existing) await existing.unsubscribe();
      const subscription = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
      await save(subscription);
      setState('on');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }, []);

  const disable = useCallback(async () => {
    setBusy(true);
    setError(null);
    try {
      const subscription = await (await registration())?.pushManager.getSubscription();
      if (subscription) {
        await api.delete<void>('/push/subscriptions', { body: { endpoint: subscription.endpoint } });
        await subscription.unsubscribe();
      }
      setState('off');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }, []);

  return { state, busy, error, enable, disable };
}
