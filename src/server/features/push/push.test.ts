import { createECDH, randomBytes } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, listen } from '../../../../tests/realtime/support.js';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, systemCtx, type TestApp } from '../../../../tests/support/test-app.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { transact } from '../../platform/context.js';
import type { ChatKind, ChatNotify } from '../../platform/db/schema.js';
import { queueChatPush, whenPushesSettled } from './chat-push.js';

// `http_ece` comes with web-push (its own encryption); here it plays the browser and decrypts.
const ece = createRequire(import.meta.url)('http_ece') as {
  decrypt(body: Buffer, params: { version: string; privateKey: unknown; authSecret: string }): Buffer;
};

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A stand-in push service on 127.0.0.1: records every POST, answers with the status set per path. */
function startPushService() {
  const received: Received[] = [];
  const statusOf = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks) });
      response.statusCode = statusOf.get(path) ?? 201;
      response.end();
    });
  });
  return { server, received, statusOf };
}

/** A browser's subscription: its own P-256 key pair and auth secret, at a path of the service. */
function browserSubscription(base: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16).toString('base64url');
  const path = `/push/${uuidv7()}`;
  return {
    ecdh,
    path,
    json: { endpoint: `${base}${path}`, keys: { p256dh: ecdh.getPublicKey('base64url'), auth } },
    decrypt(body: Buffer) {
      return JSON.parse(
        ece.decrypt(body, { version: 'aes128gcm', privateKey: ecdh, authSecret: auth }).toString(),
      );
    },
  };
}

describe('web push', () => {
  let t: TestApp;
  let address: string;
  let base: string;
  const push = startPushService();
  let publicKey: string;

  beforeAll(async () => {
    t = await buildTestApp({ PUSH_ALLOW_LOOPBACK: 'true' });
    address = await listen(t.app);
    await new Promise<void>((resolve) => push.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(push.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    push.server.close();
    await t.close();
  });

  describe('keys and subscriptions', () => {
    it('generates the VAPID key once and keeps it across restarts', async () => {
      const me = await signedIn(t);
      const first = await call(t, me, { method: 'GET', url: '/api/v1/push/key' });
      expect(first.statusCode).toBe(200);
      publicKey = first.json().publicKey;
      expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65);
      const again = await call(t, me, { method: 'GET', url: '/api/v1/push/key' });
      expect(again.json().publicKey).toBe(publicKey);

      // Another node (or this one restarted) on the same database signs with the same key.
      const other = await buildApp({ config: t.config, database: t.database.handle, logger: false });
      try {
        await other.ready();
        const res = await other.inject({
          method: 'GET',
          url: '/api/v1/push/key',
          headers: me.session.headers,
        });
        expect(res.json().publicKey).toBe(publicKey);
      } finally {
        await other.close();
      }
      const rows = await t.database.handle.db
        .selectFrom('settings')
        .select('key')
        .where('key', 'like', 'push.%')
        .execute();
      expect(rows).toHaveLength(1);
      expect((await call(t, null, { method: 'GET', url: '/api/v1/push/key' })).statusCode).toBe(401);
    });

    it('upserts a subscription by endpoint; only its owner can delete it', async () => {
      const [a, b] = [await signedIn(t), await signedIn(t)];
      const sub = browserSubscription(base);
      const post = (who: Person, body: unknown) =>
        call(t, who, { method: 'POST', url: '/api/v1/push/subscriptions', payload: body as object });
      const rowsAt = () =>
        t.database.handle.db
          .selectFrom('push_subscriptions')
          .selectAll()
          .where('endpoint', '=', sub.json.endpoint)
          .execute();

      expect((await post(a, sub.json)).statusCode).toBe(204);
      expect((await post(a, { ...sub.json, expirationTime: null })).statusCode).toBe(204);
      expect(await rowsAt()).toMatchObject([{ user_id: a.id, p256dh: sub.json.keys.p256dh }]);

      // The same browser, now signed in as b, with renewed keys: the endpoint becomes b's.
      const renewed = { ...sub.json, keys: { ...sub.json.keys, auth: 'renewed-auth' } };
      expect((await post(b, renewed)).statusCode).toBe(204);
      expect(await rowsAt()).toMatchObject([{ user_id: b.id, auth: 'renewed-auth' }]);

      const remove = (who: Person | null) =>
        call(t, who, {
          method: 'DELETE',
          url: '/api/v1/push/subscriptions',
          payload: { endpoint: sub.json.endpoint },
        });
      expect((await remove(a)).statusCode).toBe(204);
      expect(await rowsAt()).toHaveLength(1);
      expect((await remove(null)).statusCode).toBe(401);
      expect((await remove(b)).statusCode).toBe(204);
      expect(await rowsAt()).toHaveLength(0);
    });

    it('refuses malformed subscriptions with 400', async () => {
      const me = await signedIn(t);
      const good = browserSubscription(base).json;
      for (const body of [
        {},
        { endpoint: good.endpoint },
        { ...good, endpoint: 'not a url' },
        { ...good, keys: { p256dh: '', auth: 'x' } },
        { ...good, extra: 1 },
        { ...good, endpoint: `https://push.example/${'x'.repeat(2100)}` },
      ]) {
        const res = await call(t, me, { method: 'POST', url: '/api/v1/push/subscriptions', payload: body });
        expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      }
      const res = await call(t, me, { method: 'DELETE', url: '/api/v1/push/subscriptions', payload: {} });
      expect(res.statusCode).toBe(400);
    });

    it('refuses endpoints that are not https to a public host (SSRF)', async () => {
      const me = await signedIn(t);
      const keys = browserSubscription(base).json.keys;
      const refused = [
        'http://push.example.com/x',
        'ftp://push.example.com/x',
        'https://10.0.0.1/x',
        'https://169.254.169.254/latest/meta-data',
        'https://192.168.1.1/x',
        'https://[fd00::1]/x',
        'https://[::ffff:10.0.0.1]/x',
        'https://8.8.8.8:8443/x',
      ];
      for (const endpoint of refused) {
        const res = await call(t, me, {
          method: 'POST',
          url: '/api/v1/push/subscriptions',
          payload: { endpoint, keys },
        });
        expect(res.statusCode, endpoint).toBe(400);
        expect(res.json().code, endpoint).toBe('PUSH_ENDPOINT_REFUSED');
      }
      // Loopback is admitted only with PUSH_ALLOW_LOOPBACK (this app); without it, refused too.
      const strict = await buildApp({
        config: loadConfig({ ...process.env, ...configEnv(t) }),
        database: t.database.handle,
        logger: false,
      });
      try {
        for (const endpoint of [
          'https://127.0.0.1/x',
          'https://0x7f000001/x',
          'https://[::1]/x',
          'https://localhost/x',
        ]) {
          const res = await strict.inject({
            method: 'POST',
            url: '/api/v1/push/subscriptions',
            headers: me.session.headers,
            payload: { endpoint, keys },
          });
          expect(res.statusCode, endpoint).toBe(400);
        }
      } finally {
        await strict.close();
      }
    });
  });

  describe('chat messages', () => {
    const db = () => t.database.handle.db;

    async function chatWith(kind: ChatKind, members: Person[]): Promise<string> {
      const id = uuidv7();
      const now = new Date().toISOString();
      await db()
        .insertInto('chats')
        .values({
          id,
          kind,
          name: kind === 'direct' ? null : `Project ${id.slice(-4)}`,
          direct_key:
            kind === 'direct'
              ? members
                  .map((m) => m.id)
                  .sort()
                  .join(':')
              : null,
          created_by: members[0]!.id,
          member_count: members.length,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await db()
        .insertInto('chat_members')
        .values(
          members.map((m, i) => ({
            chat_id: id,
            user_id: m.id,
            role: i === 0 ? ('admin' as const) : ('member' as const),
            via: 'added' as const,
            joined_at: now,
          })),
        )
        .execute();
      return id;
    }

    let seq = 0;
    /** Stores a message and queues its push as the send transaction does; waits until tried. */
    async function sendAndSettle(chatId: string, author: Person, body: string, mentioned: Person[] = []) {
      const before = push.received.length;
      const ctx = systemCtx(t);
      await transact(ctx, async (tx) => {
        const id = uuidv7();
        seq += 1;
        await tx
          .insertInto('messages')
          .values({
            id,
            chat_id: chatId,
            seq,
            author_id: author.id,
            kind: 'text',
            body,
            html: `<p>${body}</p>`,
            created_at: new Date().toISOString(),
          })
          .execute();
        const chat = await tx
          .selectFrom('chats')
          .select('kind')
          .where('id', '=', chatId)
          .executeTakeFirstOrThrow();
        queueChatPush(ctx, tx, {
          chatId,
          chatKind: chat.kind,
          messageId: id,
          authorId: author.id,
          mentionedIds: mentioned.map((m) => m.id),
        });
      });
      await whenPushesSettled(t.app.bus);
      return push.received.slice(before);
    }

    async function subscribed(who: Person) {
      const sub = browserSubscription(base);
      const res = await call(t, who, {
        method: 'POST',
        url: '/api/v1/push/subscriptions',
        payload: sub.json,
      });
      expect(res.statusCode).toBe(204);
      return sub;
    }

    function setMember(chatId: string, who: Person, set: { muted?: number; notify?: ChatNotify }) {
      return db()
        .updateTable('chat_members')
        .set(set)
        .where('chat_id', '=', chatId)
        .where('user_id', '=', who.id)
        .execute();
    }

    it('pushes a direct message, VAPID-signed and encrypted, to a person with no tab open', async () => {
      const [a, b] = [await signedIn(t, 'employee', { name: 'Alice Sender' }), await signedIn(t)];
      const sub = await subscribed(b);
      const chatId = await chatWith('direct', [a, b]);
      const got = await sendAndSettle(chatId, a, 'Hello **Bob**, see [the plan](https://x.example)');
      expect(got).toHaveLength(1);
      const [request] = got;
      expect(request!.path).toBe(sub.path);
      expect(request!.headers['content-encoding']).toBe('aes128gcm');
      expect(request!.headers.ttl).toBeDefined();
      expect(request!.headers.authorization).toMatch(
        new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${publicKey}$`),
      );
      const jwt = JSON.parse(
        Buffer.from(request!.headers.authorization!.split(/[ .,]/)[2]!, 'base64url').toString(),
      );
      expect(jwt.aud).toBe(base);
      expect(sub.decrypt(request!.body)).toEqual({
        title: 'Alice Sender',
        body: 'Hello Bob, see the plan',
        url: `/chats/${chatId}`,
        tag: `chat:${chatId}`,
      });
      const row = await db()
        .selectFrom('push_subscriptions')
        .selectAll()
        .where('user_id', '=', b.id)
        .executeTakeFirstOrThrow();
      expect(row.last_success_at).not.toBeNull();
      // The author is never pushed their own message.
      await subscribed(a);
      expect(await sendAndSettle(chatId, a, 'again')).toHaveLength(1);
    });

    it('does not push to a person with a tab open', async () => {
      const [a, b] = [await signedIn(t), await signedIn(t)];
      await subscribed(b);
      const chatId = await chatWith('direct', [a, b]);
      const socket = await connect(address, b);
      try {
        await socket.waitFor((frame) => frame.type === 'hello');
        expect(await sendAndSettle(chatId, a, 'you are here')).toHaveLength(0);
      } finally {
        socket.ws.close();
        await socket.closed;
      }
      await expect.poll(() => t.app.bus.hasListeners(`user:${b.id}`)).toBe(false);
      expect(await sendAndSettle(chatId, a, 'now you are gone')).toHaveLength(1);
    });

    it('honours mute and notification settings, and deactivation', async () => {
      const [a, b] = [await signedIn(t), await signedIn(t)];
      await subscribed(b);
      const chatId = await chatWith('direct', [a, b]);
      await setMember(chatId, b, { muted: 1 });
      expect(await sendAndSettle(chatId, a, 'muted')).toHaveLength(0);
      await setMember(chatId, b, { muted: 0, notify: 'none' });
      expect(await sendAndSettle(chatId, a, 'none')).toHaveLength(0);
      await setMember(chatId, b, { notify: 'mentions' });
      expect(await sendAndSettle(chatId, a, 'not a mention')).toHaveLength(0);
      expect(await sendAndSettle(chatId, a, '@b', [b])).toHaveLength(1);
      await setMember(chatId, b, { notify: 'all' });
      await db().updateTable('users').set({ status: 'deactivated' }).where('id', '=', b.id).execute();
      expect(await sendAndSettle(chatId, a, 'gone')).toHaveLength(0);
    });

    it('pushes in group chats only to the people mentioned', async () => {
      const [a, b, c] = [
        await signedIn(t),
        await signedIn(t, 'employee', { name: 'Bea' }),
        await signedIn(t),
      ];
      const subB = await subscribed(b);
      await subscribed(c);
      const chatId = await chatWith('group', [a, b, c]);
      expect(await sendAndSettle(chatId, a, 'hello all')).toHaveLength(0);
      const got = await sendAndSettle(chatId, a, 'ping @bea', [b]);
      expect(got.map((r) => r.path)).toEqual([subB.path]);
      const chat = await db()
        .selectFrom('chats')
        .select('name')
        .where('id', '=', chatId)
        .executeTakeFirstOrThrow();
      expect(subB.decrypt(got[0]!.body)).toMatchObject({ title: chat.name, body: `${a.name}: ping @bea` });
    });

    it('pushes a message sent through the messages API, after the send answered', async () => {
      const [a, b] = [await signedIn(t, 'employee', { name: 'Api Sender' }), await signedIn(t)];
      const sub = await subscribed(b);
      const created = await call(t, a, {
        method: 'POST',
        url: '/api/v1/chats',
        payload: { kind: 'direct', memberIds: [b.id] },
      });
      expect(created.statusCode).toBeLessThan(300);
      const chatId = created.json().id as string;
      const before = push.received.length;
      const sent = await call(t, a, {
        method: 'POST',
        url: `/api/v1/chats/${chatId}/messages`,
        payload: { clientId: uuidv7(), body: 'through the API' },
      });
      expect(sent.statusCode).toBeLessThan(300);
      await whenPushesSettled(t.app.bus);
      const got = push.received.slice(before);
      expect(got).toHaveLength(1);
      expect(sub.decrypt(got[0]!.body)).toMatchObject({ title: 'Api Sender', body: 'through the API' });
    });

    it('deletes a subscription the push service says is gone and counts other failures', async () => {
      const [a, b] = [await signedIn(t), await signedIn(t)];
      const gone = await subscribed(b);
      const failing = await subscribed(b);
      push.statusOf.set(gone.path, 410);
      push.statusOf.set(failing.path, 500);
      const chatId = await chatWith('direct', [a, b]);
      expect(await sendAndSettle(chatId, a, 'anyone?')).toHaveLength(2);
      const rows = await db()
        .selectFrom('push_subscriptions')
        .selectAll()
        .where('user_id', '=', b.id)
        .execute();
      expect(rows).toMatchObject([{ endpoint: failing.json.endpoint, failures: 1 }]);
    });
  });
});

/** The test app's environment without the loopback allowance. */
function configEnv(t: TestApp): Record<string, string> {
  return {
    NODE_ENV: 'test',
    ATRIUM_DATA_DIR: t.config.dataDir,
    DATABASE_URL: t.config.databaseUrl,
    LOG_LEVEL: 'silent',
    PUSH_ALLOW_LOOPBACK: 'false',
  };
}
