import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { jobsIdle, ledgerOf, uploadRaw } from './files.fixtures.js';

/**
 * Upload limits (R26): the per-file limit and the quota, refused by Content-Length before the
 * body is read, or while it streams, at the limit; and the administrator's settings.
 */

let t: TestApp;
let admin: Person;
let anna: Person;
let boris: Person;

async function setLimits(maxFileMb: number, quotaMb: number) {
  const res = await call(t, admin, {
    method: 'PUT',
    url: '/api/v1/settings/files',
    payload: { maxFileMb, quotaMb },
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** The test app listening on a loopback port (raw HTTP clients control how the body is sent). */
async function serverPort(): Promise<number> {
  if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
  return (t.app.server.address() as AddressInfo).port;
}

const tmpFiles = () => {
  const dir = path.join(t.config.dataDir, 'files', 'tmp');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin');
  anna = await signedIn(t);
  boris = await signedIn(t);
});
afterAll(async () => {
  await jobsIdle();
  await t?.close();
});

describe('size limits and quota', () => {
  it('refuses by Content-Length above the limit (413) before reading the body', async () => {
    await setLimits(1, 1000);
    const big = Buffer.alloc(2 * 1024 * 1024, 0x61);
    const res = await uploadRaw(
      t,
      boris,
      { space: { type: 'profile' } },
      { filename: 'big.txt', content: big },
    );
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('FILE_TOO_LARGE');
    expect(res.json().detail).toContain('1 MB');
    expect(res.headers.connection).toBe('close');
    await setLimits(100, 10 * 1024);
  });

  it('answers 413 to a Content-Length above the limit without waiting for the body', async () => {
    await setLimits(1, 1000);
    try {
      const port = await serverPort();
      const outcome = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/files',
          headers: {
            ...boris.session.headers,
            'content-type': 'multipart/form-data; boundary=x',
            'content-length': String(50 * 1024 * 1024),
          },
        });
        req.on('response', (res) => {
          let body = '';
          res.on('data', (d) => {
            body += d;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        // Only the start of the body is ever sent: the answer must not wait for the rest.
        req.write('--x\r\n');
      });
      expect(outcome.status).toBe(413);
      expect(JSON.parse(outcome.body).code).toBe('FILE_TOO_LARGE');
    } finally {
      await setLimits(100, 10 * 1024);
    }
  });

  it('answers 413 while a body without a length is still arriving, and stops reading it', async () => {
    await setLimits(1, 1000);
    try {
      const port = await serverPort();
      const boundary = '----atriumslow';
      const total = 20 * 1024 * 1024;
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const outcome = await new Promise<{ status: number; sentWhenAnswered: number; body: string }>(
        (resolve, reject) => {
          const req = http.request({
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/v1/files',
            headers: {
              ...boris.session.headers,
              'content-type': `multipart/form-data; boundary=${boundary}`,
              'transfer-encoding': 'chunked',
            },
          });
          let stopped = false;
          req.on('response', (res) => {
            const sentWhenAnswered = sent;
            stopped = true;
            let body = '';
            res.on('data', (d) => {
              body += d;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, sentWhenAnswered, body }));
          });
          // The server closes the connection: writes after that fail, which is the point.
          req.on('error', (error) => {
            if (!stopped) reject(error);
          });
          req.write(
            `--${boundary}\r\nContent-Disposition: form-data; name="space"\r\n\r\n{"type":"profile"}\r\n` +
              `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n` +
              'Content-Type: text/plain\r\n\r\n',
          );
          const pump = () => {
            if (stopped || sent >= total) return;
            req.write(chunk);
            sent += chunk.length;
            setTimeout(pump, 5);
          };
          pump();
        },
      );
      expect(outcome.status).toBe(413);
      expect(JSON.parse(outcome.body).code).toBe('FILE_TOO_LARGE');
      // Refused once a little over the limit had come, long before the 20 MB would have been sent.
      expect(outcome.sentWhenAnswered).toBeGreaterThan(1024 * 1024);
      expect(outcome.sentWhenAnswered).toBeLessThan(4 * 1024 * 1024);
      await new Promise((r) => setTimeout(r, 50));
      expect(tmpFiles()).toEqual([]);
    } finally {
      await setLimits(100, 10 * 1024);
    }
  });

  it('cuts a body that is longer than its Content-Length said at the limit too (413)', async () => {
    await setLimits(1, 1000);
    const big = Buffer.alloc(1024 * 1024 + 10, 0x61);
    // Just over the limit: within the multipart allowance, so only the streaming count refuses it.
    const res = await uploadRaw(
      t,
      boris,
      { space: { type: 'profile' } },
      { filename: 'big.txt', content: big },
    );
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('FILE_TOO_LARGE');
    expect(tmpFiles()).toEqual([]);
    await setLimits(100, 10 * 1024);
  });

  it('refuses what does not fit in the quota, naming the quota when it is the smaller bound', async () => {
    const carol = await signedIn(t);
    await setLimits(5, 1);
    try {
      const half = Buffer.alloc(600 * 1024, 0x62);
      const first = await uploadRaw(
        t,
        carol,
        { space: { type: 'profile' } },
        { filename: 'a.txt', content: half },
      );
      expect(first.statusCode, first.body).toBe(201);
      const quota = await call(t, carol, { method: 'GET', url: '/api/v1/files/quota' });
      expect(quota.json()).toEqual({
        maxFileBytes: 5 * 1024 * 1024,
        quotaBytes: 1024 * 1024,
        usedBytes: half.length,
      });
      const second = await uploadRaw(
        t,
        carol,
        { space: { type: 'profile' } },
        { filename: 'b.txt', content: half },
      );
      expect(second.statusCode).toBe(413);
      expect(second.json().code).toBe('FILE_QUOTA_EXCEEDED');
      // Deleting frees the quota.
      expect(
        (await call(t, carol, { method: 'DELETE', url: `/api/v1/files/${first.json().id}` })).statusCode,
      ).toBe(204);
      const third = await uploadRaw(
        t,
        carol,
        { space: { type: 'profile' } },
        { filename: 'c.txt', content: half },
      );
      expect(third.statusCode).toBe(201);
    } finally {
      await setLimits(100, 10 * 1024);
    }
  });
});

describe('settings', () => {
  it('GET|PUT /settings/files: admins only, validated, recorded', async () => {
    expect((await call(t, anna, { method: 'GET', url: '/api/v1/settings/files' })).statusCode).toBe(403);
    expect((await call(t, null, { method: 'GET', url: '/api/v1/settings/files' })).statusCode).toBe(401);
    const read = await call(t, admin, { method: 'GET', url: '/api/v1/settings/files' });
    expect(read.json().defaults).toEqual({ maxFileMb: 100, quotaMb: 10 * 1024 });
    const bad = await call(t, admin, {
      method: 'PUT',
      url: '/api/v1/settings/files',
      payload: { maxFileMb: 0, quotaMb: 10 },
    });
    expect(bad.statusCode).toBe(400);
    await setLimits(50, 2048);
    const again = await call(t, admin, { method: 'GET', url: '/api/v1/settings/files' });
    expect(again.json().settings).toEqual({ maxFileMb: 50, quotaMb: 2048 });
    const entries = await ledgerOf(t, 'settings.files.changed');
    expect(entries.at(-1)?.payload).toMatchObject({ after: { maxFileMb: 50, quotaMb: 2048 } });
    await setLimits(100, 10 * 1024);
  });
});
