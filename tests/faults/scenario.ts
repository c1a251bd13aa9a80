import fs from 'node:fs';
import { caughtUp, checkRun, summary } from './checker.js';
import { type Ack, ChatClient } from './client.js';
import {
  createGroupChat,
  diagnose,
  readMessages,
  type SeededPerson,
  type ServerNode,
  waitUntil,
} from './harness.js';

/**
 * What the three fault tests share: people spread over the nodes and over a few group chats,
 * one client each, and the end of a run (wait for every send to be acknowledged and every
 * client to catch up, then compare with the database).
 */

export interface Layout {
  chatIds: string[];
  clients: ChatClient[];
}

/**
 * `chats` group chats of `people.length / chats` members each; person i connects to node
 * i % nodes and consecutive people share a chat, so every chat has members on every node.
 */
export async function layOut(
  nodes: ServerNode[],
  people: SeededPerson[],
  chats: number,
  options: { failover?: boolean } = {},
): Promise<Layout> {
  // Consecutive people alternate nodes and fill a chat before the next one starts.
  const chatOf = (i: number) => Math.floor(i / nodes.length) % chats;
  const chatIds: string[] = [];
  for (let c = 0; c < chats; c++) {
    const members = people.filter((_, i) => chatOf(i) === c);
    const [creator, ...rest] = members;
    chatIds.push(
      await createGroupChat(
        nodes[c % nodes.length]!.address,
        creator!,
        rest.map((p) => p.id),
        `Fault chat ${c + 1}`,
      ),
    );
  }
  const clients = people.map(
    (person, i) =>
      new ChatClient({
        name: `c${i}@${nodes[i % nodes.length]!.name}`,
        person,
        nodes: nodes.map((n) => n.address),
        home: i % nodes.length,
        // Half the clients of a node that goes away try the other nodes meanwhile.
        failover: options.failover === true && chatOf(i) % 2 === 0,
        chatIds: [chatIds[chatOf(i)]!],
      }),
  );
  return { chatIds, clients };
}

/** Distinct messages acknowledged so far over all clients. */
export function ackedCount(clients: ChatClient[]): number {
  return clients.reduce((n, c) => n + c.acks.size, 0);
}

export async function connectAll(clients: ChatClient[], timeoutMs = 15_000): Promise<void> {
  for (const c of clients) c.start();
  const ok = await waitUntil(() => clients.every((c) => c.connected), timeoutMs);
  if (!ok)
    throw new Error(`clients not connected: ${clients.filter((c) => !c.connected).map((c) => c.name)}`);
}

/**
 * Ends a run: waits (bounded) until nothing is outstanding and every client has rendered up to
 * the stored head of its chats, stops the clients and returns the checker's problems with a
 * diagnosis (client summary, node log tails) attached when there are any.
 */
export async function finish(
  dbUrl: string,
  layout: Layout,
  nodes: ServerNode[],
  timeouts: { acksMs: number; catchUpMs: number } = { acksMs: 60_000, catchUpMs: 15_000 },
): Promise<{ problems: string[]; diagnosis: string; acked: number }> {
  const { clients, chatIds } = layout;
  await waitUntil(() => clients.every((c) => c.outstanding === 0), timeouts.acksMs, 100);
  let stored = await readMessages(dbUrl, chatIds);
  const heads = new Map([...stored].map(([id, list]) => [id, list.at(-1)?.seq ?? 0]));
  await waitUntil(() => caughtUp(clients, heads), timeouts.catchUpMs, 100);
  for (const c of clients) c.stop();
  stored = await readMessages(dbUrl, chatIds);
  const problems = checkRun(clients, stored);
  const state = problems.length ? await diagnose(dbUrl, nodes) : '';
  const acked = new Set(clients.flatMap((c) => c.ackLog.map((a: Ack) => a.messageId))).size;
  const diagnosis = problems.length
    ? `${problems.join('\n')}\n\n${summary(clients)}\n\n${state}\n\n${nodes.map((n) => n.tail(15)).join('\n')}`
    : '';
  return { problems, diagnosis, acked };
}

export function removeDir(dir: string, keep: boolean): void {
  if (keep) {
    console.error(`fault test files kept in ${dir}`);
    return;
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
