import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { type ErrorCode, errorMessage, type Locale } from '../../../shared/errors.js';
import type { AckFrame, NackFrame } from '../../../shared/realtime/frames.js';
import { sendMessage } from '../../features/chats/messages.service.js';
import type { Ctx } from '../context.js';
import { AppError } from '../http/errors.js';
import { storageErrorCode } from '../http/problem.js';

/**
 * The chat frames a socket sends (frames.ts): `send` stores a message exactly as
 * `POST /chats/{id}/messages` would and is answered by `ack` or `nack`; `typing` is relayed as
 * an ephemeral `chat.typing`. Limits keep one tab from flooding a chat: sends through a token
 * bucket (a refused one is nacked, the socket stays open), typing once per chat every few seconds.
 */

export const chatFrameLimits = {
  /** Sends a socket may make per second, on average. */
  sendsPerSecond: 20,
  /** Sends a socket may make at once after a quiet while. */
  sendBurst: 50,
  /** One `chat.typing` per chat per socket in this long. */
  typingEveryMs: 2000,
} as const;

/** A token bucket: `take()` is false once the socket sends faster than the limit. */
export function createSendBucket(
  rate: number = chatFrameLimits.sendsPerSecond,
  burst: number = chatFrameLimits.sendBurst,
) {
  let tokens = burst;
  let at = Date.now();
  return {
    take(): boolean {
      const now = Date.now();
      tokens = Math.min(burst, tokens + ((now - at) / 1000) * rate);
      at = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    /** Seconds until the next send would be taken. */
    retryAfter(): number {
      return Math.max(1, Math.ceil((1 - tokens) / rate));
    },
  };
}

/** Lets through one typing relay per chat in `everyMs`; forgets old chats as it goes. */
export function createTypingThrottle(everyMs: number = chatFrameLimits.typingEveryMs) {
  const last = new Map<string, number>();
  return (chatId: string): boolean => {
    const now = Date.now();
    const before = last.get(chatId);
    if (before !== undefined && now - before < everyMs) return false;
    if (last.size > 64) {
      for (const [id, at] of last) if (now - at >= everyMs) last.delete(id);
    }
    last.set(chatId, now);
    return true;
  };
}

/**
 * The part of a `send` frame that must be readable to answer it at all: a frame of type `send`
 * whose message failed validation is nacked with VALIDATION_FAILED (it names the chat and the
 * client's id), not treated as a protocol violation.
 */
export const sendEnvelopeSchema = z.object({
  type: z.literal('send'),
  chatId: z.string().max(100),
  message: z.object({ clientId: z.string().max(200) }).loose(),
});

export function nackFrame(
  chatId: string,
  clientId: string,
  code: ErrorCode,
  locale: Locale,
  params: Record<string, unknown> = {},
): NackFrame {
  const status = new AppError(code).status;
  return {
    type: 'nack',
    data: { chatId, clientId, error: { code, status, message: errorMessage(code, locale, params) } },
  };
}

/** Stores one message for the socket's person and says how it went. */
export async function handleSend(
  ctx: Ctx,
  log: FastifyBaseLogger,
  chatId: string,
  message: Parameters<typeof sendMessage>[2],
): Promise<AckFrame | NackFrame> {
  try {
    const { message: stored } = await sendMessage(ctx, chatId, message);
    return {
      type: 'ack',
      data: { chatId, clientId: message.clientId, messageId: stored.id, seq: stored.seq },
    };
  } catch (error) {
    if (error instanceof AppError) {
      return nackFrame(chatId, message.clientId, error.code, ctx.locale, error.params);
    }
    const storage = storageErrorCode(error);
    if (storage) {
      log.warn({ err: error }, 'storage refused a realtime send');
      return nackFrame(chatId, message.clientId, storage, ctx.locale);
    }
    log.error({ err: error, chatId }, 'realtime send failed');
    return nackFrame(chatId, message.clientId, 'INTERNAL', ctx.locale);
  }
}
