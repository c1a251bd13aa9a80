import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { connectRedis } from '../redis.js';
import {
  combine,
  type LiveState,
  LocalPresence,
  type NodeState,
  type PresenceOptions,
  type PresenceRegistry,
} from './presence.js';

export interface RedisPresenceOptions extends PresenceOptions {
  /** How long a node's part of a person lives unless the node refreshes it (a dead node's expires). */
  ttlMs?: number;
}

/**
 * Presence shared by several nodes (presence.ts has the rules). In Redis, under `<prefix>`:
 * - `pr:u:<userId>` — a hash: one field per node holding sockets of the person
 *   (`online|away` and the time it expires), `h` (hidden: 1/0) and `v` (a version that grows on
 *   every change). Each node rewrites its fields every ttl/3; a field past its time is ignored.
 * - `pr:nodes` — a sorted set of node ids by the time they expire; `pr:n:<nodeId>` the people
 *   each node holds. A node that finds another expired (killed, cut off) takes its place: it
 *   removes that node's fields and announces the changes, so watchers see the people go offline.
 * - `pr:changes` — the channel every change is announced on: `{ u, s, h, v, t }`. Watchers keep
 *   the highest version per person, so two nodes announcing at once cannot leave a stale state.
 * While Redis is away, this node's own changes reach its own watchers only, and its state is
 * written again on the next refresh once Redis is back.
 */
export function createRedisPresence(
  url: string,
  prefix: string,
  options: RedisPresenceOptions,
): PresenceRegistry {
  const nodeId = randomUUID();
  const ttlMs = options.ttlMs ?? 30_000;
  const userKey = (userId: string) => `${prefix}pr:u:${userId}`;
  const nodesKey = `${prefix}pr:nodes`;
  const nodeUsersKey = (id: string) => `${prefix}pr:n:${id}`;
  const channel = `${prefix}pr:changes`;
  const redis = connectRedis(url);
  const subscriber = new Redis(url, {
    enableOfflineQueue: true,
    autoResubscribe: true,
    maxRetriesPerRequest: null,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  subscriber.on('error', () => {});
  const subscribed = subscriber.subscribe(channel).then(
    () => undefined,
    () => undefined,
  );
  /** The highest version seen per watched person. */
  const versions = new Map<string, number>();

  const local: LocalPresence = new LocalPresence(options, (userId, state, hidden) => {
    void write(userId, nodeId, state, hidden);
  });

  /** The state the fields of one person's hash say, ignoring parts past their time. */
  function liveOf(hash: Record<string, string>, now: number): LiveState & { version: number } {
    const states: NodeState[] = [];
    for (const [field, value] of Object.entries(hash)) {
      if (field === 'h' || field === 'v') continue;
      const [state, expires] = value.split('|');
      if (Number(expires) > now && (state === 'online' || state === 'away')) states.push(state);
    }
    return { state: combine(states), hidden: hash.h === '1', version: Number(hash.v ?? 0) };
  }

  /** Writes (or removes) `node`'s part of a person, then announces the person's new state. */
  async function write(
    userId: string,
    node: string,
    state: NodeState | null,
    hidden: boolean,
  ): Promise<void> {
    const key = userKey(userId);
    const now = Date.now();
    try {
      const multi = redis.multi();
      if (state) {
        multi.hset(key, node, `${state}|${now + ttlMs}`, 'h', hidden ? '1' : '0');
        multi.sadd(nodeUsersKey(node), userId);
      } else {
        multi.hdel(key, node);
        multi.srem(nodeUsersKey(node), userId);
      }
      multi.hincrby(key, 'v', 1);
      multi.pexpire(key, ttlMs * 2);
      multi.hgetall(key);
      const replies = await multi.exec();
      const hash = replies?.at(-1)?.[1] as Record<string, string> | undefined;
      if (!hash) throw new Error('presence write failed');
      const live = liveOf(hash, now);
      await redis.publish(
        channel,
        JSON.stringify({ u: userId, s: live.state, h: live.hidden ? 1 : 0, v: live.version, t: now }),
      );
    } catch {
      // Redis away: this node's watchers still learn of its own people.
      if (node === nodeId) {
        local.notify(userId, { state: state ?? 'offline', hidden }, new Date(now).toISOString());
      }
    }
  }

  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    let change: { u: string; s: LiveState['state']; h: number; v: number; t: number };
    try {
      change = JSON.parse(message);
    } catch {
      return;
    }
    if (!local.watchers.has(change.u)) return;
    if ((versions.get(change.u) ?? -1) >= change.v) return;
    versions.set(change.u, change.v);
    local.notify(change.u, { state: change.s, hidden: change.h === 1 }, new Date(change.t).toISOString());
  });

  /** Rewrites this node's parts with a new expiry, then clears the parts of nodes that died. */
  async function refresh(): Promise<void> {
    const now = Date.now();
    try {
      const pipeline = redis.pipeline();
      pipeline.zadd(nodesKey, now + ttlMs, nodeId);
      for (const [userId, entry] of local.sockets) {
        const state = local.nodeState(userId);
        if (!state) continue;
        // `h` belongs to whoever last changed it (PUT /me/presence on any node): only restored if lost.
        pipeline.hset(userKey(userId), nodeId, `${state}|${now + ttlMs}`);
        pipeline.hsetnx(userKey(userId), 'h', entry.hidden ? '1' : '0');
        pipeline.pexpire(userKey(userId), ttlMs * 2);
        pipeline.sadd(nodeUsersKey(nodeId), userId);
      }
      pipeline.pexpire(nodeUsersKey(nodeId), ttlMs * 2);
      await pipeline.exec();
      const dead = await redis.zrangebyscore(nodesKey, '-inf', now);
      for (const id of dead) {
        if (id === nodeId) continue;
        // Exactly one node wins the removal and announces the dead node's people.
        if ((await redis.zrem(nodesKey, id)) !== 1) continue;
        const userIds = await redis.smembers(nodeUsersKey(id));
        for (const userId of userIds) await write(userId, id, null, false);
        await redis.del(nodeUsersKey(id));
      }
    } catch {
      // Redis away: the next refresh writes everything again.
    }
  }
  const timer = setInterval(() => void refresh(), Math.max(1000, Math.floor(ttlMs / 3)));
  timer.unref();
  void refresh();

  async function lookup(userIds: readonly string[]): Promise<Map<string, LiveState>> {
    const result = new Map<string, LiveState>();
    if (userIds.length === 0) return result;
    try {
      const pipeline = redis.pipeline();
      for (const userId of userIds) pipeline.hgetall(userKey(userId));
      const replies = (await pipeline.exec()) ?? [];
      const now = Date.now();
      userIds.forEach((userId, i) => {
        const hash = replies[i]?.[1] as Record<string, string> | undefined;
        if (!hash || Object.keys(hash).length === 0) return;
        const live = liveOf(hash, now);
        if (live.state !== 'offline') result.set(userId, { state: live.state, hidden: live.hidden });
      });
    } catch {
      for (const userId of userIds) {
        const state = local.nodeState(userId);
        if (state) result.set(userId, { state, hidden: local.sockets.get(userId)?.hidden ?? false });
      }
    }
    return result;
  }

  return {
    attach: (userId, hidden) => local.attach(userId, hidden),
    lookup,
    async isOnline(userId) {
      return (await lookup([userId])).has(userId);
    },
    watch(userId, listener) {
      const off = local.watch(userId, listener);
      return () => {
        off();
        if (!local.watchers.has(userId)) versions.delete(userId);
      };
    },
    async setHidden(userId, hidden) {
      local.setHidden(userId, hidden);
      const now = Date.now();
      try {
        const replies = await redis
          .multi()
          .hset(userKey(userId), 'h', hidden ? '1' : '0')
          .hincrby(userKey(userId), 'v', 1)
          .pexpire(userKey(userId), ttlMs * 2)
          .hgetall(userKey(userId))
          .exec();
        const live = liveOf((replies?.at(-1)?.[1] as Record<string, string>) ?? {}, now);
        await redis.publish(
          channel,
          JSON.stringify({ u: userId, s: live.state, h: hidden ? 1 : 0, v: live.version, t: now }),
        );
      } catch {
        local.notify(
          userId,
          { state: local.nodeState(userId) ?? 'offline', hidden },
          new Date(now).toISOString(),
        );
      }
    },
    async close() {
      clearInterval(timer);
      // Only a live connection completes the SUBSCRIBE; while Redis is away it stays queued
      // forever, and disconnect() below rejects it (handled above) rather than hanging close.
      if (subscriber.status === 'ready') await subscribed;
      // Leaving cleanly: this node's people are announced offline here rather than on expiry.
      const userIds = [...local.sockets.keys()];
      await local.touchAll();
      local.sockets.clear();
      await Promise.all(userIds.map((userId) => write(userId, nodeId, null, false)));
      await redis.zrem(nodesKey, nodeId).catch(() => 0);
      await redis.del(nodeUsersKey(nodeId)).catch(() => 0);
      local.close();
      subscriber.disconnect();
      redis.disconnect();
    },
  };
}
