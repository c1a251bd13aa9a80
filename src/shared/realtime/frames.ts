import { z } from 'zod';
import { sendMessageBodySchema } from '../api/chats.js';

/**
 * The WebSocket protocol of `/api/v1/realtime` (DESIGN.md "Realtime protocol"), shared by the
 * gateway and the browser client.
 *
 * Server → client:
 * - `hello` on open: the streams the server subscribed this socket to and each one's head `seq`.
 * - events `{ type, stream, seq, data }`: durable ones carry `seq` (gapless per stream, never
 *   repeated on one socket); ephemeral ones (typing, presence) carry none.
 * - `reset`: the client's cursor for `stream` is too old to replay (or unknown); refetch what it
 *   shows over HTTP and continue from `seq`.
 * - `streams`: the set changed (joined or left a group); added streams start at their head.
 * - `pong`: the answer to `ping`.
 *
 * Client → server: `resume` once after opening (the last `seq` seen per stream; streams the
 * socket is not subscribed to are ignored), and `ping` as a keepalive.
 */

export interface HelloFrame {
  type: 'hello';
  data: { streams: Record<string, number> };
}

export interface StreamsFrame {
  type: 'streams';
  data: { added: Record<string, number>; removed: string[] };
}

export interface ResetFrame {
  type: 'reset';
  stream: string;
  /** The stream's head: the client's cursor from now on. */
  seq: number;
}

export interface PongFrame {
  type: 'pong';
}

/** A `send` was stored (or had been, under the same `clientId`): its place in the chat. */
export interface AckFrame {
  type: 'ack';
  data: { chatId: string; clientId: string; messageId: string; seq: number };
}

/** A `send` was refused; `error` is the same problem an HTTP send would have answered with. */
export interface NackFrame {
  type: 'nack';
  data: { chatId: string; clientId: string; error: { code: string; status: number; message: string } };
}

/** An event on a stream; `seq` only on durable events. */
export interface EventFrame<T extends string = string, D = unknown> {
  type: T;
  stream: string;
  seq?: number;
  data: D;
}

export type ControlFrame = HelloFrame | StreamsFrame | ResetFrame | PongFrame | AckFrame | NackFrame;
export type ServerFrame = ControlFrame | EventFrame;

export const controlFrameTypes: ReadonlySet<string> = new Set([
  'hello',
  'streams',
  'reset',
  'pong',
  'ack',
  'nack',
]);

/** Limits of what a client may send: one frame, the number of cursors and a stream's name. */
export const realtimeLimits = {
  messageBytes: 64 * 1024,
  cursors: 1000,
  streamName: 200,
  /** Events replayed per stream on resume; further behind gets a `reset`. */
  replay: 1000,
} as const;

export const resumeMessageSchema = z.object({
  type: z.literal('resume'),
  cursors: z
    .record(
      z.string().min(1).max(realtimeLimits.streamName),
      z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    )
    .refine((c) => Object.keys(c).length <= realtimeLimits.cursors),
});

export const pingMessageSchema = z.object({ type: z.literal('ping') });

/** Sends a chat message, exactly as `POST /chats/{id}/messages` would; answered by `ack` or `nack`. */
export const sendFrameSchema = z.object({
  type: z.literal('send'),
  chatId: z.uuid(),
  message: sendMessageBodySchema,
});

/** "I am typing in this chat": relayed to its members' sockets as `chat.typing`, never stored. */
export const typingFrameSchema = z.object({ type: z.literal('typing'), chatId: z.uuid() });

/**
 * Presence: `watch` replaces the set of people whose presence this socket is told about
 * (`presence.changed` frames on stream `presence`); `state` says the tab is in use or idle.
 */
export const presenceFrameSchema = z.object({
  type: z.literal('presence'),
  watch: z.array(z.uuid()).max(500).optional(),
  state: z.enum(['online', 'away']).optional(),
});

export const clientMessageSchema = z.discriminatedUnion('type', [
  resumeMessageSchema,
  pingMessageSchema,
  sendFrameSchema,
  typingFrameSchema,
  presenceFrameSchema,
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/**
 * Close codes. 4001: the session ended (signed out, expired, deactivated) — do not reconnect
 * with it. 1013: the socket fell too far behind (slow consumer) — reconnect and resume. 4400:
 * the client sent something that is not a protocol message. 1001 and 1011: the server is
 * stopping or failed — reconnect.
 */
export const realtimeCloseCodes = {
  sessionEnded: 4001,
  badMessage: 4400,
  tooSlow: 1013,
  serverClosing: 1001,
  serverError: 1011,
} as const;
