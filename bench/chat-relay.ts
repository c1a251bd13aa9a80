/**
 * The chat benchmark's ceiling: a bare `ws` relay doing the same fan-out as Atrium — a send is
 * given the chat's next seq, acknowledged, and the frame (serialised once) written to every
 * member's socket — with no storage, no authentication and no checks. Reads the chats from
 * the JSON file named by RELAY_CHATS (`{ [chatId]: memberIds[] }`); a client names itself with
 * `?user=<id>`. Prints `{"port":N}` once listening; exits on SIGTERM.
 */
import fs from 'node:fs';
import { type WebSocket, WebSocketServer } from 'ws';

const chats = JSON.parse(fs.readFileSync(process.env.RELAY_CHATS!, 'utf8')) as Record<string, string[]>;
const chatsOf = new Map<string, string[]>();
for (const [chatId, members] of Object.entries(chats)) {
  for (const member of members) {
    const list = chatsOf.get(member) ?? [];
    list.push(chatId);
    chatsOf.set(member, list);
  }
}
const seqs = new Map<string, number>();
const sockets = new Map<string, WebSocket>();

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
server.on('connection', (socket, request) => {
  const user = new URL(request.url ?? '/', 'http://relay').searchParams.get('user') ?? '';
  sockets.set(user, socket);
  socket.send(
    JSON.stringify({
      type: 'hello',
      data: { streams: Object.fromEntries((chatsOf.get(user) ?? []).map((c) => [`chat:${c}`, 0])) },
    }),
  );
  socket.on('message', (raw) => {
    const frame = JSON.parse(String(raw)) as {
      type: string;
      chatId: string;
      message: { clientId: string; body: string };
    };
    if (frame.type !== 'send') return;
    const members = chats[frame.chatId];
    if (!members) return;
    const seq = (seqs.get(frame.chatId) ?? 0) + 1;
    seqs.set(frame.chatId, seq);
    socket.send(
      JSON.stringify({ type: 'ack', data: { chatId: frame.chatId, clientId: frame.message.clientId, seq } }),
    );
    const wire = JSON.stringify({
      type: 'chat.message',
      stream: `chat:${frame.chatId}`,
      seq,
      data: { chatId: frame.chatId, seq, clientId: frame.message.clientId, body: frame.message.body },
    });
    for (const member of members) {
      const target = sockets.get(member);
      if (target && target.readyState === target.OPEN) target.send(wire);
    }
  });
  socket.on('close', () => {
    if (sockets.get(user) === socket) sockets.delete(user);
  });
});
server.on('listening', () => {
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
  );
});
process.on('SIGTERM', () => {
  server.close();
  process.exit(0);
});
