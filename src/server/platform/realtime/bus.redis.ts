import { Redis } from 'ioredis';
import { connectRedis } from '../redis.js';
import { type Bus, createLocalBus, type StreamFrame } from './bus.js';

export interface RedisBusOptions {
  /** Told when Redis cannot take a publish and the frame goes to this node's listeners only. */
  onFallback?: (error: unknown) => void;
  /** How long `whenSubscribed` waits for Redis before giving up (the socket still works locally). */
  subscribeTimeoutMs?: number;
}

/**
 * The bus of several nodes: one Redis pub/sub channel per stream (`<prefix>rt:<stream>`), a
 * publisher connection and a subscriber connection per node. A node subscribes to a channel
 * when its first local listener of that stream appears and unsubscribes when the last one
 * leaves, so Redis only sends a node the streams its sockets watch.
 *
 * Frames a node publishes come back to it through Redis like everyone else's, which keeps one
 * order per publisher. While Redis is unreachable a publish is delivered to this node's own
 * listeners instead; other nodes' sockets catch up from the database (durable frames carry a
 * `seq`, and the gateway fills any gap it sees).
 */
export function createRedisBus(url: string, prefix: string, options: RedisBusOptions = {}): Bus {
  const local = createLocalBus();
  const channelPrefix = `${prefix}rt:`;
  const channelOf = (stream: string) => `${channelPrefix}${stream}`;
  const publisher = connectRedis(url);
  // The subscriber queues SUBSCRIBE while disconnected and re-subscribes after a reconnect.
  const subscriber = new Redis(url, {
    enableOfflineQueue: true,
    autoResubscribe: true,
    maxRetriesPerRequest: null,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  subscriber.on('error', () => {});
  const listenerCounts = new Map<string, number>();
  const reconnectListeners = new Set<() => void>();
  // The first connection is not a comeback; every later one is: frames may have been lost, by
  // the subscriber, or by the publisher that fell back to this node alone.
  for (const connection of [subscriber, publisher]) {
    let wasReady = false;
    connection.on('ready', () => {
      if (wasReady) for (const listener of reconnectListeners) listener();
      wasReady = true;
    });
  }
  const confirmations = new Map<string, Promise<void>>();
  const timeoutMs = options.subscribeTimeoutMs ?? 2000;

  subscriber.on('message', (channel: string, message: string) => {
    if (!channel.startsWith(channelPrefix)) return;
    let frame: StreamFrame;
    try {
      frame = JSON.parse(message) as StreamFrame;
    } catch {
      return;
    }
    // A frame is delivered only on the stream its channel names.
    if (frame.stream !== channel.slice(channelPrefix.length)) return;
    local.publish(frame);
  });

  return {
    publish(frame) {
      publisher.publish(channelOf(frame.stream), JSON.stringify(frame)).catch((error: unknown) => {
        options.onFallback?.(error);
        local.publish(frame);
      });
    },
    subscribe(stream, listener) {
      const off = local.subscribe(stream, listener);
      const count = (listenerCounts.get(stream) ?? 0) + 1;
      listenerCounts.set(stream, count);
      if (count === 1) {
        confirmations.set(
          stream,
          subscriber.subscribe(channelOf(stream)).then(
            () => undefined,
            () => undefined,
          ),
        );
      }
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        off();
        const left = (listenerCounts.get(stream) ?? 1) - 1;
        if (left > 0) {
          listenerCounts.set(stream, left);
          return;
        }
        listenerCounts.delete(stream);
        confirmations.delete(stream);
        subscriber.unsubscribe(channelOf(stream)).catch(() => {});
      };
    },
    async whenSubscribed(stream) {
      const confirmation = confirmations.get(stream);
      if (!confirmation) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([confirmation, timeout]);
      clearTimeout(timer);
    },
    async hasListeners(stream) {
      if (listenerCounts.has(stream)) return true;
      try {
        const reply = (await publisher.pubsub('NUMSUB', channelOf(stream))) as [string, number];
        return Number(reply[1]) > 0;
      } catch {
        return false;
      }
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    async close() {
      reconnectListeners.clear();
      listenerCounts.clear();
      confirmations.clear();
      subscriber.disconnect();
      publisher.disconnect();
      await local.close();
    },
  };
}
