import { describe, expect, it } from 'vitest';
import {
  createRealtimeClient,
  SendRefusedError,
  SendTimeoutError,
  type SocketLike,
} from '../../src/web/lib/realtime.js';

/**
 * The browser client's chat sends (C7) against a scripted socket: `send` settles on the ack or
 * nack with its clientId; a send whose socket dropped before the answer goes out again, with the
 * same clientId, right after the next `resume`; the presence watch list and state are re-sent on
 * every connect.
 */

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  open() {
    this.readyState = 1;
    this.onopen?.({});
    this.receive({ type: 'hello', data: { streams: {} } });
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.readyState = 3;
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({ code: 1006 });
  }
}

const chatId = '01990000-0000-7000-8000-000000000001';
const tick = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const sockets: FakeSocket[] = [];
  const client = createRealtimeClient({
    url: 'ws://test/api/v1/realtime',
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    storage: null,
    random: () => 0,
    minDelayMs: 1,
    maxDelayMs: 1,
  });
  client.start();
  return { client, sockets };
}

describe('the web realtime client sends chat messages', () => {
  it('resolves on the ack and rejects on the nack of its clientId', async () => {
    const { client, sockets } = setup();
    sockets[0]!.open();
    const acked = client.send(chatId, { clientId: 'a', body: 'hi' });
    const refused = client.send(chatId, { clientId: 'b', body: 'no' });
    expect(sockets[0]!.sent.filter((f) => f.type === 'send')).toEqual([
      { type: 'send', chatId, message: { clientId: 'a', body: 'hi' } },
      { type: 'send', chatId, message: { clientId: 'b', body: 'no' } },
    ]);
    sockets[0]!.receive({
      type: 'nack',
      data: { chatId, clientId: 'b', error: { code: 'CHAT_READ_ONLY', status: 403, message: 'Only admins' } },
    });
    sockets[0]!.receive({ type: 'ack', data: { chatId, clientId: 'a', messageId: 'm1', seq: 7 } });
    await expect(acked).resolves.toEqual({ chatId, clientId: 'a', messageId: 'm1', seq: 7 });
    const error = await refused.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendRefusedError);
    expect(error).toMatchObject({ code: 'CHAT_READ_ONLY', status: 403, message: 'Only admins' });
    client.stop();
  });

  it('sends an unanswered message again with the same clientId after reconnecting, once', async () => {
    const { client, sockets } = setup();
    sockets[0]!.open();
    client.watchPresence(['u2', 'u1']);
    client.setPresenceState('online');
    const sending = client.send(chatId, { clientId: 'c', body: 'lost?' });
    sockets[0]!.drop();
    await new Promise((r) => setTimeout(r, 60));
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    const types = sockets[1]!.sent.map((f) => f.type);
    expect(types).toEqual(['resume', 'presence', 'presence', 'send']);
    expect(sockets[1]!.sent[1]).toEqual({ type: 'presence', watch: ['u1', 'u2'] });
    expect(sockets[1]!.sent[2]).toEqual({ type: 'presence', state: 'online' });
    expect(sockets[1]!.sent[3]).toEqual({ type: 'send', chatId, message: { clientId: 'c', body: 'lost?' } });
    sockets[1]!.receive({ type: 'ack', data: { chatId, clientId: 'c', messageId: 'm2', seq: 8 } });
    await expect(sending).resolves.toMatchObject({ seq: 8 });
    // Settled: a later reconnect does not send it a third time.
    sockets[1]!.drop();
    await new Promise((r) => setTimeout(r, 60));
    sockets[2]!.open();
    expect(sockets[2]!.sent.filter((f) => f.type === 'send')).toEqual([]);
    client.stop();
  });

  it('gives up after the timeout so the caller can send over HTTP', async () => {
    const { client, sockets } = setup();
    sockets[0]!.open();
    const error = await client.send(chatId, { clientId: 'd', body: 'slow' }, 20).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendTimeoutError);
    await tick();
    // A late ack for it is ignored.
    sockets[0]!.receive({ type: 'ack', data: { chatId, clientId: 'd', messageId: 'm3', seq: 9 } });
    client.stop();
  });
});
