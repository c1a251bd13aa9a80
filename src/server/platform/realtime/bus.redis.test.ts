import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus, StreamFrame } from './bus.js';
import { createRedisBus } from './bus.redis.js';

const redisUrl = process.env.TEST_REDIS_URL;

/** Frames `listener` collects until `count` have arrived (or the timeout). */
function collector(count: number, timeoutMs = 2000) {
  const frames: StreamFrame[] = [];
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    setTimeout(() => reject(new Error(`${frames.length} of ${count} frames`)), timeoutMs).unref();
  });
  return {
    frames,
    done,
    listener: (frame: StreamFrame) => {
      frames.push(frame);
      if (frames.length >= count) resolveDone();
    },
  };
}

describe.runIf(redisUrl)('the Redis bus', () => {
  // Every run publishes under its own prefix: the Redis server is shared with other runs.
  const prefix = `atrium-test-${randomBytes(6).toString('hex')}:`;
  let a: Bus;
  let b: Bus;

  beforeAll(() => {
    a = createRedisBus(redisUrl!, prefix);
    b = createRedisBus(redisUrl!, prefix);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('delivers a frame published on one node to listeners on every node, in order', async () => {
    const onA = collector(3);
    const onB = collector(3);
    a.subscribe('group:1', onA.listener);
    b.subscribe('group:1', onB.listener);
    await Promise.all([a.whenSubscribed('group:1'), b.whenSubscribed('group:1')]);
    for (let seq = 1; seq <= 3; seq++)
      b.publish({ type: 'post.created', stream: 'group:1', seq, data: { seq } });
    await Promise.all([onA.done, onB.done]);
    expect(onA.frames.map((f) => f.seq)).toEqual([1, 2, 3]);
    expect(onB.frames).toEqual(onA.frames);
  });

  it('keeps one channel per stream while it has listeners, and leaves it after the last', async () => {
    const admin = new Redis(redisUrl!);
    const channels = () => admin.pubsub('CHANNELS', `${prefix}rt:*`);
    const offFirst = a.subscribe('user:9', () => {});
    const offSecond = a.subscribe('user:9', () => {});
    await a.whenSubscribed('user:9');
    expect(await channels()).toContain(`${prefix}rt:user:9`);
    offFirst();
    offFirst();
    await a.whenSubscribed('user:9');
    expect(await channels()).toContain(`${prefix}rt:user:9`);
    offSecond();
    await sleepUntil(async () => !(await channels()).includes(`${prefix}rt:user:9`));
    admin.disconnect();
  });

  it('does not deliver a stream to nodes without listeners for it', async () => {
    const other = collector(1, 300);
    b.subscribe('group:2', other.listener);
    await b.whenSubscribed('group:2');
    const mine = collector(1);
    a.subscribe('group:3', mine.listener);
    await a.whenSubscribed('group:3');
    b.publish({ type: 'x', stream: 'group:3', data: {} });
    await mine.done;
    await expect(other.done).rejects.toThrow();
  });
});

describe('the Redis bus while Redis is unreachable', () => {
  it('delivers to its own node, does not hang subscriptions, and closes', async () => {
    // Nothing listens on port 1.
    const fallbacks: unknown[] = [];
    const bus = createRedisBus('redis://127.0.0.1:1', 'atrium-test:', {
      subscribeTimeoutMs: 100,
      onFallback: (e) => fallbacks.push(e),
    });
    const got = collector(1);
    bus.subscribe('company', got.listener);
    await bus.whenSubscribed('company');
    bus.publish({ type: 'post.created', stream: 'company', seq: 1, data: {} });
    await got.done;
    expect(got.frames[0]).toMatchObject({ seq: 1 });
    expect(fallbacks.length).toBe(1);
    await bus.close();
  });
});

async function sleepUntil(condition: () => Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
