import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Why an outbound fetch was refused or failed; stable, for callers to branch on. */
export type SafeFetchReason =
  | 'invalid-url'
  | 'scheme'
  | 'blocked-port'
  | 'blocked-address'
  | 'too-many-redirects'
  | 'timeout'
  | 'too-large'
  | 'dns'
  | 'http';

/** The one error `safeFetch` throws. `status` is set when the remote answered outside 2xx. */
export class SafeFetchError extends Error {
  override readonly name = 'SafeFetchError';

  constructor(
    readonly reason: SafeFetchReason,
    message: string,
    readonly url: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface SafeFetchOptions {
  /** Largest body accepted, in bytes (default 2 MiB). */
  maxBytes?: number;
  /** When the body passes `maxBytes`: fail with 'too-large' (default) or keep the first `maxBytes`. */
  truncate?: boolean;
  /** Deadline for the whole exchange, redirects included (default 5 s). */
  timeoutMs?: number;
  /** Redirects followed before giving up (default 3). */
  maxRedirects?: number;
  /** The Accept header sent. */
  accept?: string;
  /** Resolves a host name to addresses. Tests pass one so no real DNS is asked. */
  resolve?: (host: string) => Promise<string[]>;
}

export interface SafeFetchResponse {
  /** The URL finally fetched, after redirects, without credentials. */
  url: string;
  status: number;
  /** The Content-Type header, or '' when the server sent none. */
  contentType: string;
  body: Buffer;
  /** True when `truncate` was asked for and the body was cut at `maxBytes`. */
  truncated: boolean;
}

export type SafeFetch = (url: string, options?: SafeFetchOptions) => Promise<SafeFetchResponse>;

/**
 * Where a fetcher may connect. Production uses {@link publicInternetPolicy}; the only other
 * policies are built in tests, in code, so no configuration value can open the guard.
 */
export interface SafeFetchPolicy {
  /** Checked before any DNS lookup. */
  isAllowedPort(port: number): boolean;
  /** Checked for every address a host resolves to (or the literal address in the URL). */
  isAllowedAddress(address: string, port: number): boolean;
}

/** A URL that passed the guard, with the addresses to connect to (empty for an IP literal host). */
export interface CheckedTarget {
  url: URL;
  addresses: { address: string; family: 4 | 6 }[];
}

const defaultMaxBytes = 2 * 1024 * 1024;
const defaultTimeoutMs = 5_000;
const defaultMaxRedirects = 3;
const userAgent = 'AtriumBot/1.0 (link preview)';
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

const nat64WellKnown = ipaddr.parseCIDR('64:ff9b::/96');
const sixToFour = ipaddr.parseCIDR('2002::/16');

/**
 * Whether an address is ordinary public unicast (RELIABILITY.md R30). Refuses loopback, private,
 * CGNAT, link-local (169.254.169.254 included), unique-local, multicast, unspecified, broadcast,
 * documentation, benchmarking and other special ranges, as classified by ipaddr.js; refuses
 * IPv4-mapped, IPv4-compatible, Teredo and local-use NAT64 outright; judges well-known NAT64 and
 * 6to4 by the IPv4 address they carry. Anything that does not parse is refused.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return (parsed as ipaddr.IPv4).range() === 'unicast';
  const v6 = parsed as ipaddr.IPv6;
  if (v6.zoneId !== undefined) return false;
  if (v6.match(nat64WellKnown)) return isPublicAddress(embeddedIPv4(v6, 6));
  if (v6.match(sixToFour)) return isPublicAddress(embeddedIPv4(v6, 1));
  // Global unicast is 2000::/3; everything else (::/96 IPv4-compatible, ::ffff:0:0/96, fc00::/7,
  // fe80::/10, ff00::/8, 64:ff9b:1::/48 …) is special.
  if ((v6.parts[0]! & 0xe000) !== 0x2000) return false;
  return v6.range() === 'unicast';
}

/** The IPv4 address held in two 16-bit groups of an IPv6 address, starting at group `at`. */
function embeddedIPv4(v6: ipaddr.IPv6, at: number): string {
  const high = v6.parts[at]!;
  const low = v6.parts[at + 1]!;
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}

/** The production policy: public unicast addresses on ports 80 and 443. */
export const publicInternetPolicy: SafeFetchPolicy = {
  isAllowedPort: (port) => port === 80 || port === 443,
  isAllowedAddress: (address) => isPublicAddress(address),
};

async function systemResolve(host: string): Promise<string[]> {
  const found = await dnsLookup(host, { all: true, verbatim: true });
  return found.map((entry) => entry.address);
}

function portOf(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/** The host without IPv6 brackets. */
function bareHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** The URL for messages: a user's `user:password@` never reaches a log. */
function withoutCredentials(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return '(invalid URL)';
  }
}

/** Rejects when the signal aborts, so a hung DNS lookup cannot outlive the deadline. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Parses a URL and applies the guard: http or https only, an allowed port, and every address the
 * host resolves to allowed. The WHATWG parser has already turned decimal, octal, hex and short
 * IPv4 forms, percent-encoding, upper case and trailing dots into canonical hosts; userinfo is
 * dropped so it can neither be sent nor confuse the host. Throws {@link SafeFetchError}.
 */
export async function checkUrl(
  input: string | URL,
  policy: SafeFetchPolicy = publicInternetPolicy,
  resolve: (host: string) => Promise<string[]> = systemResolve,
  signal?: AbortSignal,
): Promise<CheckedTarget> {
  const raw = String(input);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SafeFetchError('invalid-url', 'not a valid absolute URL', withoutCredentials(raw));
  }
  url.username = '';
  url.password = '';
  url.hash = '';
  const shown = url.href;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SafeFetchError('scheme', `scheme ${url.protocol} is not allowed`, shown);
  }
  const port = portOf(url);
  if (!policy.isAllowedPort(port)) {
    throw new SafeFetchError('blocked-port', `port ${port} is not allowed`, shown);
  }
  const host = bareHost(url);
  if (host === '') throw new SafeFetchError('invalid-url', 'URL has no host', shown);

  if (ipaddr.isValid(host)) {
    if (!policy.isAllowedAddress(host, port)) {
      throw new SafeFetchError('blocked-address', `address ${host} is not allowed`, shown);
    }
    return { url, addresses: [] };
  }

  let found: string[];
  try {
    found = await untilAborted(resolve(host), signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new SafeFetchError('dns', `could not resolve ${host}`, shown, undefined, { cause: error });
  }
  if (found.length === 0) throw new SafeFetchError('dns', `${host} has no addresses`, shown);
  // One bad record refuses the host: a mix of public and private answers is a rebinding attempt.
  for (const address of found) {
    if (!ipaddr.isValid(address) || !policy.isAllowedAddress(address, port)) {
      throw new SafeFetchError('blocked-address', `${host} resolves to ${address}, not allowed`, shown);
    }
  }
  return {
    url,
    addresses: found.map((address) => ({ address, family: ipaddr.IPv4.isIPv4(address) ? 4 : 6 })),
  };
}

/**
 * A `lookup` for the socket that answers with the addresses already checked, so the connection
 * goes where the guard looked and a second, rebound DNS answer is never asked for.
 */
function pinnedLookup(addresses: CheckedTarget['addresses']): LookupFunction {
  return (_hostname, options, callback) => {
    const first = addresses[0]!;
    if (options.all) callback(null, addresses);
    else callback(null, first.address, first.family);
  };
}

function send(target: CheckedTarget, accept: string, signal: AbortSignal): Promise<IncomingMessage> {
  const { url, addresses } = target;
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(
      {
        protocol: url.protocol,
        hostname: bareHost(url),
        port: portOf(url),
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        // No cookies, no credentials: only what a preview needs.
        headers: { host: url.host, accept, 'accept-encoding': 'identity', 'user-agent': userAgent },
        agent: false,
        signal,
        ...(addresses.length > 0 ? { lookup: pinnedLookup(addresses) } : {}),
      },
      resolve,
    );
    request.on('error', reject);
    request.end();
  });
}

async function readBody(
  response: IncomingMessage,
  maxBytes: number,
  truncate: boolean,
  url: string,
): Promise<{ body: Buffer; truncated: boolean }> {
  const declared = Number(response.headers['content-length']);
  if (!truncate && Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new SafeFetchError('too-large', `body of ${declared} bytes exceeds ${maxBytes}`, url);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    if (size + chunk.length > maxBytes) {
      response.destroy();
      if (!truncate) throw new SafeFetchError('too-large', `body exceeds ${maxBytes} bytes`, url);
      chunks.push(chunk.subarray(0, maxBytes - size));
      return { body: Buffer.concat(chunks, maxBytes), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { body: Buffer.concat(chunks, size), truncated: false };
}

/**
 * Builds a fetcher bound to a policy. Production code uses {@link safeFetch}; tests build one whose
 * policy also admits their own 127.0.0.1 server. The redirect and re-check logic is the same for
 * both.
 */
export function createSafeFetch(policy: SafeFetchPolicy): SafeFetch {
  return async (input, options = {}) => {
    const maxBytes = options.maxBytes ?? defaultMaxBytes;
    const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    const maxRedirects = options.maxRedirects ?? defaultMaxRedirects;
    const accept = options.accept ?? '*/*';
    const resolve = options.resolve ?? systemResolve;

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('deadline passed')), timeoutMs);
    const { signal } = controller;
    let current: string | URL = input;
    let shown = withoutCredentials(input);
    try {
      for (let redirects = 0; ; redirects++) {
        const target = await checkUrl(current, policy, resolve, signal);
        shown = target.url.href;
        const response = await send(target, accept, signal);
        const status = response.statusCode ?? 0;
        const location = response.headers.location;

        if (redirectStatuses.has(status) && location !== undefined) {
          response.destroy();
          if (redirects >= maxRedirects) {
            throw new SafeFetchError('too-many-redirects', `more than ${maxRedirects} redirects`, shown);
          }
          try {
            current = new URL(location, target.url);
          } catch {
            throw new SafeFetchError('http', 'redirect to an invalid URL', shown, status);
          }
          continue;
        }
        if (status < 200 || status > 299) {
          response.destroy();
          throw new SafeFetchError('http', `remote answered ${status}`, shown, status);
        }
        const abortBody = () => response.destroy(signal.reason);
        signal.addEventListener('abort', abortBody, { once: true });
        try {
          const { body, truncated } = await readBody(response, maxBytes, options.truncate === true, shown);
          return { url: shown, status, contentType: response.headers['content-type'] ?? '', body, truncated };
        } finally {
          signal.removeEventListener('abort', abortBody);
        }
      }
    } catch (error) {
      if (signal.aborted) {
        throw new SafeFetchError('timeout', `no complete answer within ${timeoutMs} ms`, shown, undefined, {
          cause: error,
        });
      }
      if (error instanceof SafeFetchError) throw error;
      throw new SafeFetchError('http', 'request failed', shown, undefined, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Fetches a URL from the public internet for the server (RELIABILITY.md R30): GET only, http or
 * https on ports 80/443, private and special addresses refused in every spelling, DNS resolved once
 * and the connection pinned to the checked address, at most 3 redirects each checked again, a total
 * deadline and a body cap. Returns only 2xx answers; everything else is a {@link SafeFetchError}.
 */
export const safeFetch: SafeFetch = createSafeFetch(publicInternetPolicy);
