import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkUrl,
  createSafeFetch,
  isPublicAddress,
  type SafeFetch,
  SafeFetchError,
  type SafeFetchPolicy,
  safeFetch,
} from './safe-fetch.js';

/** Stands in for DNS: known names answer from the table, anything else fails the test loudly. */
function fakeDns(table: Record<string, string[]> = {}) {
  const asked: string[] = [];
  const resolve = async (host: string) => {
    asked.push(host);
    const found = table[host];
    if (!found) throw new Error(`unexpected DNS lookup of ${host}`);
    return found;
  };
  return { resolve, asked };
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SafeFetchError) return error.reason;
    throw error;
  }
  return 'allowed';
}

const names = fakeDns({
  localhost: ['127.0.0.1', '::1'],
  'localhost.': ['127.0.0.1'],
  'metadata.google.internal': ['169.254.169.254'],
  'intranet.example': ['10.1.2.3'],
  'rebind.example': ['93.184.216.34', '192.168.1.1'],
  'six.example': ['fd00::1'],
});

/** Every spelling we know of for an address the server must never reach (RELIABILITY.md R30). */
const hostile = [
  'http://127.0.0.1/',
  'http://2130706433/',
  'http://0177.0.0.1/',
  'http://0177.0000.0000.0001/',
  'http://0x7f.1/',
  'http://0x7F000001/',
  'http://0x7f.0x0.0x0.0x1/',
  'http://127.1/',
  'http://127.0.1/',
  'http://127.0.0.1./',
  'HTTP://127.0.0.1/',
  'http://good.example@127.0.0.1/',
  'http://good.example:pw@127.0.0.1:80/',
  'http://%31%32%37.0.0.1/',
  'http://%30x7f.1/',
  'http://127%2e0%2e0%2e1/',
  'http://①②⑦.0.0.1/',
  'http://127。0。0。1/',
  'http://0/',
  'http://0.0.0.0/',
  'http://10.0.0.1/',
  'http://012.0.0.1/',
  'http://172.16.0.1/',
  'http://172.31.255.255/',
  'http://192.168.0.1/',
  'http://3232235521/',
  'http://169.254.169.254/latest/meta-data/',
  'http://0xa9fea9fe/',
  'http://100.64.0.1/',
  'http://224.0.0.1/',
  'http://239.255.255.250/',
  'http://255.255.255.255/',
  'http://4294967295/',
  'http://192.0.2.1/',
  'http://198.51.100.1/',
  'http://203.0.113.1/',
  'http://198.18.0.1/',
  'http://240.0.0.1/',
  'https://127.0.0.1/',
  'http://[::1]/',
  'http://[0:0:0:0:0:0:0:1]/',
  'http://[::]/',
  'http://[fe80::1]/',
  'http://[FE80::1]/',
  'http://[fc00::1]/',
  'http://[fd12:3456::1]/',
  'http://[ff02::1]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:7f00:1]/',
  'http://[::FFFF:169.254.169.254]/',
  'http://[::ffff:8.8.8.8]/',
  'http://[0:0:0:0:0:ffff:10.0.0.1]/',
  'http://[::ffff:0:127.0.0.1]/',
  'http://[::127.0.0.1]/',
  'http://[::7f00:1]/',
  'http://[64:ff9b::7f00:1]/',
  'http://[64:ff9b::127.0.0.1]/',
  'http://[64:ff9b::a9fe:a9fe]/',
  'http://[64:ff9b:1::808:808]/',
  'http://[2002:7f00:1::]/',
  'http://[2002:a00:1::1]/',
  'http://[2002:a9fe:a9fe::]/',
  'http://[2001:db8::1]/',
  'http://[2001::1]/',
  'http://[fec0::1]/',
  'http://localhost/',
  'http://LOCALHOST/',
  'http://localhost./',
  'http://metadata.google.internal/',
  'http://intranet.example/',
  'http://rebind.example/',
  'http://six.example/',
];

describe('the address guard', () => {
  it.each(hostile)('refuses %s', async (url) => {
    // The pure check first: should the guard ever break, the test fails before any socket opens.
    expect(await reasonOf(checkUrl(url, undefined, names.resolve))).toBe('blocked-address');
    expect(await reasonOf(safeFetch(url, { resolve: names.resolve }))).toBe('blocked-address');
  });

  it.each([
    ['file:///etc/passwd', 'scheme'],
    ['ftp://example.com/', 'scheme'],
    ['gopher://127.0.0.1:6379/_INFO', 'scheme'],
    ['dict://127.0.0.1:11211/stats', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['data:text/html,hi', 'scheme'],
    ['ws://example.com/', 'scheme'],
    ['http://example.com:22/', 'blocked-port'],
    ['http://example.com:8080/', 'blocked-port'],
    ['https://example.com:6379/', 'blocked-port'],
    ['not a url', 'invalid-url'],
    ['/relative/path', 'invalid-url'],
    ['http://[fe80::1%25eth0]/', 'invalid-url'],
    ['http://1.1.1.1%09/', 'invalid-url'],
  ])('refuses %s (%s) before any lookup', async (url, reason) => {
    const dns = fakeDns();
    expect(await reasonOf(safeFetch(url, { resolve: dns.resolve }))).toBe(reason);
    expect(dns.asked).toEqual([]);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '2606:4700:4700::1111',
    '2a00:1450:4001::1',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('accepts the public address %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('accepts a public name and pins the answers it checked', async () => {
    const dns = fakeDns({ 'www.example.com.': ['93.184.216.34', '2606:2800:220:1::1'] });
    const target = await checkUrl('https://user:pw@WWW.Example.COM./a?b#c', undefined, dns.resolve);
    expect(target.url.href).toBe('https://www.example.com./a?b');
    expect(target.addresses).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::1', family: 6 },
    ]);
  });
});

/** Special-purpose IPv4 blocks (IANA registry), written out independently of the library. */
const blockedV4: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
// Anycast blocks ipaddr.js also sets apart; refusing them costs nothing.
const specialButHarmlessV4: [string, number][] = [
  ['192.31.196.0', 24],
  ['192.52.193.0', 24],
  ['192.175.48.0', 24],
];

const toInt = (dotted: string) => dotted.split('.').reduce((n, part) => n * 256 + Number(part), 0);
const inBlock = (n: number, [base, bits]: [string, number]) =>
  Math.floor(n / 2 ** (32 - bits)) === Math.floor(toInt(base) / 2 ** (32 - bits));
const octetsOf = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

/** The spellings browsers and the WHATWG parser accept for one IPv4 address. */
const spellings: ((n: number) => string)[] = [
  (n) => octetsOf(n).join('.'),
  (n) => String(n),
  (n) => `0x${n.toString(16)}`,
  (n) => `0X${n.toString(16).toUpperCase()}`,
  (n) => `0${n.toString(8)}`,
  (n) =>
    octetsOf(n)
      .map((o) => `0${o.toString(8)}`)
      .join('.'),
  (n) =>
    octetsOf(n)
      .map((o) => `0x${o.toString(16)}`)
      .join('.'),
  (n) => `${n >>> 24}.${(n >>> 16) & 255}.${n & 0xffff}`,
  (n) => `${n >>> 24}.${n & 0xffffff}`,
  (n) => `${octetsOf(n).join('.')}.`,
  (n) =>
    octetsOf(n)
      .join('.')
      .split('')
      .map((c) => `%${c.charCodeAt(0).toString(16)}`)
      .join(''),
];

const ipv4In = (block: [string, number]) =>
  fc
    .integer({ min: 0, max: 2 ** (32 - block[1]) - 1 })
    .map((host) => toInt(block[0]) + host)
    .map((n) => n >>> 0);

describe('the address guard, by property', () => {
  const dns = fakeDns();

  it('refuses every spelling of every address in a blocked IPv4 range', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...blockedV4).chain(ipv4In),
        fc.constantFrom(...spellings),
        fc.constantFrom('http', 'https', 'HTTP'),
        fc.constantFrom('', 'user@', 'good.example:x@'),
        async (n, spell, scheme, userinfo) => {
          const url = `${scheme}://${userinfo}${spell(n)}/x`;
          expect(await reasonOf(checkUrl(url, undefined, dns.resolve)), url).toBe('blocked-address');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('agrees with the IANA table on any IPv4 address, whatever its spelling', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 2 ** 32 - 1 }), fc.constantFrom(...spellings), async (n, spell) => {
        const url = `http://${spell(n)}/`;
        const reason = await reasonOf(checkUrl(url, undefined, dns.resolve));
        if (blockedV4.some((block) => inBlock(n, block))) expect(reason, url).toBe('blocked-address');
        else if (!specialButHarmlessV4.some((block) => inBlock(n, block)))
          expect(reason, url).toBe('allowed');
      }),
      { numRuns: 1000 },
    );
  });

  const group = fc.integer({ min: 0, max: 0xffff });
  const hex = (g: number) => g.toString(16);
  const v4Groups = (n: number) => [n >>> 16, n & 0xffff];
  const blockedV4Address = fc.constantFrom(...blockedV4).chain(ipv4In);
  /** IPv6 addresses in refused ranges, as eight groups. */
  const blockedV6 = fc.oneof(
    fc.constant([0, 0, 0, 0, 0, 0, 0, 1]),
    fc.constant([0, 0, 0, 0, 0, 0, 0, 0]),
    fc
      .array(group, { minLength: 7, maxLength: 7 })
      .map((rest) => [0xfe80 | (rest[0]! & 0x3f), ...rest.slice(1), 1]),
    fc
      .array(group, { minLength: 7, maxLength: 7 })
      .map((rest) => [0xfc00 | (rest[0]! & 0x1ff), ...rest.slice(1), 1]),
    fc
      .array(group, { minLength: 7, maxLength: 7 })
      .map((rest) => [0xff00 | (rest[0]! & 0xff), ...rest.slice(1), 1]),
    fc.nat({ max: 2 ** 32 - 1 }).map((n) => [0, 0, 0, 0, 0, 0xffff, ...v4Groups(n)]),
    fc.nat({ max: 2 ** 32 - 1 }).map((n) => [0, 0, 0, 0, 0, 0, ...v4Groups(n)]),
    blockedV4Address.map((n) => [0x64, 0xff9b, 0, 0, 0, 0, ...v4Groups(n)]),
    fc.array(group, { minLength: 5, maxLength: 5 }).map((rest) => [0x64, 0xff9b, 1, ...rest]),
    fc
      .tuple(blockedV4Address, fc.array(group, { minLength: 5, maxLength: 5 }))
      .map(([n, rest]) => [0x2002, ...v4Groups(n), ...rest]),
    fc.array(group, { minLength: 6, maxLength: 6 }).map((rest) => [0x2001, 0xdb8, ...rest]),
    fc.array(group, { minLength: 6, maxLength: 6 }).map((rest) => [0x2001, 0, ...rest]),
  );

  it('refuses every address in a blocked IPv6 range, written long, short or upper case', async () => {
    await fc.assert(
      fc.asyncProperty(blockedV6, fc.boolean(), fc.boolean(), async (groups, compress, upper) => {
        let text = groups.map(hex).join(':');
        if (compress) text = text.replace(/(^|:)0(:0)+(:|$)/, '::');
        if (upper) text = text.toUpperCase();
        const url = `http://[${text}]/`;
        expect(await reasonOf(checkUrl(url, undefined, dns.resolve)), url).toBe('blocked-address');
      }),
      { numRuns: 500 },
    );
  });
});

/** A local server standing in for the internet, and a canary no request may ever reach. */
let server: Server;
let canary: Server;
let port = 0;
let canaryPort = 0;
let canaryHits = 0;
const seen: string[] = [];

function route(request: IncomingMessage, response: ServerResponse) {
  const path = request.url ?? '/';
  seen.push(path);
  const hop = /^\/redirect\/(\d+)$/.exec(path);
  if (hop) {
    const left = Number(hop[1]);
    response.writeHead(302, { location: left > 1 ? `/redirect/${left - 1}` : '/ok' }).end();
  } else if (path === '/ok') {
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('hello');
  } else if (path === '/headers') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(request.headers));
  } else if (path.startsWith('/to?')) {
    response.writeHead(307, { location: new URLSearchParams(path.slice(4)).get('url')! }).end();
  } else if (path === '/big') {
    response.writeHead(200, { 'content-length': '10000' }).end(Buffer.alloc(10_000, 97));
  } else if (path === '/big-chunked') {
    response.writeHead(200);
    for (let i = 0; i < 10; i++) response.write(Buffer.alloc(1000, 98));
    response.end();
  } else if (path === '/hang') {
    // Never answers.
  } else if (path === '/stall-body') {
    response.writeHead(200, { 'content-length': '100' });
    response.write('partial');
  } else {
    response.writeHead(500).end('broken');
  }
}

/** A fetcher for tests: the production rules, plus our own server's port on 127.0.0.1. */
function localPolicy(): SafeFetchPolicy {
  return {
    isAllowedPort: (p) => p === 80 || p === 443 || p === port,
    isAllowedAddress: (address, p) => isPublicAddress(address) || (address === '127.0.0.1' && p === port),
  };
}

let localFetch: SafeFetch;
const local = (path: string) => `http://127.0.0.1:${port}${path}`;

beforeAll(async () => {
  server = createServer(route);
  canary = createServer((_request, response) => {
    canaryHits++;
    response.end('canary');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  canaryPort = (canary.address() as AddressInfo).port;
  localFetch = createSafeFetch(localPolicy());
});

afterAll(async () => {
  server.closeAllConnections();
  canary.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => canary.close(resolve));
  // R30's pass condition: nothing the guard refused was ever contacted.
  expect(canaryHits).toBe(0);
});

describe('fetching through the guard', () => {
  it('fetches an allowed page', async () => {
    const response = await localFetch(local('/ok'));
    expect(response).toMatchObject({ url: local('/ok'), status: 200, truncated: false });
    expect(response.contentType).toBe('text/plain; charset=utf-8');
    expect(response.body.toString()).toBe('hello');
  });

  it('sends no credentials, cookies or auth headers, and reports the URL without them', async () => {
    const response = await localFetch(`http://user:secret@127.0.0.1:${port}/headers`, {
      accept: 'text/html',
    });
    const headers = JSON.parse(response.body.toString());
    expect(headers).not.toHaveProperty('authorization');
    expect(headers).not.toHaveProperty('cookie');
    expect(headers.accept).toBe('text/html');
    expect(response.url).toBe(local('/headers'));
  });

  it('follows three redirects and refuses the fourth', async () => {
    expect((await localFetch(local('/redirect/3'))).url).toBe(local('/ok'));
    seen.length = 0;
    expect(await reasonOf(localFetch(local('/redirect/4')))).toBe('too-many-redirects');
    expect(seen).toEqual(['/redirect/4', '/redirect/3', '/redirect/2', '/redirect/1']);
    expect(await reasonOf(localFetch(local('/redirect/2'), { maxRedirects: 1 }))).toBe('too-many-redirects');
  });

  it.each([
    ['http://10.0.0.1/', 'blocked-address'],
    ['http://169.254.169.254/latest/meta-data/iam/', 'blocked-address'],
    ['http://[::ffff:127.0.0.1]:PORT/', 'blocked-address'],
    ['http://2130706433:CANARY/', 'blocked-port'],
    ['http://127.0.0.1:CANARY/', 'blocked-port'],
    ['http://intranet.example:PORT/ok', 'blocked-address'],
    ['file:///etc/passwd', 'scheme'],
  ])('refuses a redirect from an allowed page to %s', async (target, reason) => {
    const url = target.replace('PORT', String(port)).replace('CANARY', String(canaryPort));
    const dns = fakeDns({ 'intranet.example': ['10.1.2.3'] });
    const result = localFetch(local(`/to?url=${encodeURIComponent(url)}`), { resolve: dns.resolve });
    expect(await reasonOf(result)).toBe(reason);
  });

  it('refuses loopback in any spelling even on an allowed port, and the canary hears nothing', async () => {
    const fetcher = createSafeFetch({
      isAllowedPort: (p) => p === canaryPort,
      isAllowedAddress: (address) => isPublicAddress(address),
    });
    for (const host of ['127.0.0.1', '2130706433', '0x7f.1', '0177.0.0.1', '127.1', '[::ffff:127.0.0.1]']) {
      expect(await reasonOf(fetcher(`http://${host}:${canaryPort}/`))).toBe('blocked-address');
    }
    const dns = fakeDns({ 'canary.example': ['127.0.0.1'] });
    expect(await reasonOf(fetcher(`http://canary.example:${canaryPort}/`, { resolve: dns.resolve }))).toBe(
      'blocked-address',
    );
    expect(canaryHits).toBe(0);
  });

  it('refuses a name that resolves to a private address without connecting', async () => {
    const dns = fakeDns({ 'internal.example': ['10.20.30.40'] });
    expect(await reasonOf(safeFetch('https://internal.example/', { resolve: dns.resolve }))).toBe(
      'blocked-address',
    );
    expect(dns.asked).toEqual(['internal.example']);
  });

  it('connects to the address it checked, not to a second DNS answer', async () => {
    // `.test` names resolve nowhere: success proves the socket used the pinned answer.
    const dns = fakeDns({ 'preview.test': ['127.0.0.1'] });
    const response = await localFetch(`http://preview.test:${port}/headers`, { resolve: dns.resolve });
    expect(JSON.parse(response.body.toString()).host).toBe(`preview.test:${port}`);
    expect(dns.asked).toEqual(['preview.test']);
  });

  it('checks the host again on every hop, so a rebinding answer is refused', async () => {
    let answers = 0;
    const resolve = async () => (answers++ === 0 ? ['127.0.0.1'] : ['10.0.0.1']);
    expect(await reasonOf(localFetch(`http://rebind.test:${port}/redirect/1`, { resolve }))).toBe(
      'blocked-address',
    );
    expect(answers).toBe(2);
  });

  it('caps the body, whether or not the length is announced', async () => {
    expect(await reasonOf(localFetch(local('/big'), { maxBytes: 1000 }))).toBe('too-large');
    expect(await reasonOf(localFetch(local('/big-chunked'), { maxBytes: 1000 }))).toBe('too-large');
    expect((await localFetch(local('/big'), { maxBytes: 10_000 })).body.length).toBe(10_000);
    const cut = await localFetch(local('/big-chunked'), { maxBytes: 1500, truncate: true });
    expect(cut.truncated).toBe(true);
    expect(cut.body.length).toBe(1500);
  });

  it('gives up at the deadline, before headers or during the body', async () => {
    for (const path of ['/hang', '/stall-body']) {
      const started = Date.now();
      expect(await reasonOf(localFetch(local(path), { timeoutMs: 300 }))).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });

  it('gives up when DNS never answers', async () => {
    const resolve = () => new Promise<string[]>(() => {});
    expect(await reasonOf(safeFetch('https://slow-dns.example/', { resolve, timeoutMs: 300 }))).toBe(
      'timeout',
    );
  });

  it('reports DNS failures and error statuses', async () => {
    expect(await reasonOf(safeFetch('https://nowhere.example/', { resolve: fakeDns().resolve }))).toBe('dns');
    const error = await localFetch(local('/missing')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SafeFetchError);
    expect(error).toMatchObject({ reason: 'http', status: 500, url: local('/missing') });
  });
});
