import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import webpush from 'web-push';
import type { Config } from '../../platform/config.js';
import {
  checkUrl,
  isPublicAddress,
  SafeFetchError,
  type SafeFetchPolicy,
} from '../../platform/net/safe-fetch.js';
import { type VapidKeys, vapidSubject } from './vapid-keys.js';

/** How long one push may take, connection and answer included. */
export const pushTimeoutMs = 5_000;
/** How long a push service keeps a message for an offline device. */
const pushTtlSeconds = 24 * 60 * 60;

function isLoopback(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.process(address).range() === 'loopback';
}

/**
 * Where a push endpoint may be (we POST to it, so it is an SSRF vector): https on 443 at a
 * public address. `PUSH_ALLOW_LOOPBACK` (tests, local development) also admits loopback
 * addresses on any port; every other private or special address stays refused.
 */
export function endpointPolicy(config: Config): SafeFetchPolicy & { allowsHttp(host: string): boolean } {
  const loopback = config.pushAllowLoopback;
  return {
    isAllowedPort: (port) => loopback || port === 443,
    isAllowedAddress: (address, port) =>
      (isPublicAddress(address) && port === 443) || (loopback && isLoopback(address)),
    allowsHttp: (host) => loopback && (isLoopback(host) || host === 'localhost'),
  };
}

/** Whether the scheme is allowed: https, or http to loopback when loopback is allowed. */
function schemeAllowed(config: Config, url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && endpointPolicy(config).allowsHttp(url.hostname.replace(/^\[|\]$/g, ''));
}

/** Why an endpoint is refused (a SafeFetchReason or 'scheme'); undefined when it is acceptable. */
export async function checkEndpoint(config: Config, endpoint: string): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'invalid-url';
  }
  if (!schemeAllowed(config, url)) return 'scheme';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('deadline passed')), pushTimeoutMs);
  try {
    await checkUrl(url, endpointPolicy(config), undefined, controller.signal);
    return undefined;
  } catch (error) {
    return error instanceof SafeFetchError ? error.reason : 'dns';
  } finally {
    clearTimeout(timer);
  }
}

/** The outcome of one push: delivered, gone (the subscription must be deleted), or failed. */
export type PushOutcome = 'delivered' | 'gone' | 'failed';

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** Answers the socket's lookup with the addresses already checked: no second, rebound answer. */
function pinnedLookup(addresses: { address: string; family: 4 | 6 }[]): LookupFunction {
  return (_hostname, options, callback) => {
    const first = addresses[0]!;
    if (options.all) callback(null, addresses);
    else callback(null, first.address, first.family);
  };
}

/**
 * Encrypts `payload` for one subscription (aes128gcm, VAPID-signed by `web-push`) and POSTs it
 * ourselves rather than through `web-push`'s client, so the endpoint passes the SSRF guard
 * again at send time and the connection is pinned to the addresses the guard checked.
 */
export async function sendPush(
  config: Config,
  keys: VapidKeys,
  target: PushTarget,
  payload: string,
  options: { urgency: 'normal' | 'high' },
): Promise<PushOutcome> {
  const details = webpush.generateRequestDetails(
    { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
    payload,
    {
      vapidDetails: { subject: vapidSubject(config), publicKey: keys.publicKey, privateKey: keys.privateKey },
      TTL: pushTtlSeconds,
      urgency: options.urgency,
      contentEncoding: 'aes128gcm',
    },
  );
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('push timed out')), pushTimeoutMs);
  try {
    // Checked again at send time: a host that now resolves to a private address is refused.
    const url = new URL(details.endpoint);
    if (!schemeAllowed(config, url)) return 'gone';
    const checked = await checkUrl(url, endpointPolicy(config), undefined, controller.signal);
    const status = await post(checked, details.headers, details.body, controller.signal);
    if (status >= 200 && status < 300) return 'delivered';
    return status === 404 || status === 410 ? 'gone' : 'failed';
  } catch (error) {
    // An endpoint the guard refuses will never become acceptable; DNS and network errors may pass.
    const refused = error instanceof SafeFetchError && error.reason.startsWith('blocked');
    return refused ? 'gone' : 'failed';
  } finally {
    clearTimeout(timer);
  }
}

function post(
  target: Awaited<ReturnType<typeof checkUrl>>,
  headers: Record<string, string | number>,
  body: Buffer | null,
  signal: AbortSignal,
): Promise<number> {
  const { url, addresses } = target;
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port === '' ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { ...headers, host: url.host },
        agent: false,
        signal,
        ...(addresses.length > 0 ? { lookup: pinnedLookup(addresses) } : {}),
      },
      (response) => {
        // The answer's body says nothing we act on; drain it so the socket closes.
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body ?? undefined);
  });
}
