import type { ChatClient } from './client.js';
import type { StoredMessage } from './harness.js';

/**
 * The fault tests' verdict (RELIABILITY.md §6.2), per chat: every acknowledged message is
 * stored, under the seq and id it was acknowledged with; every clientId is stored once; every
 * client rendered exactly the stored messages, each once, in seq order; the wire never repeated
 * or skipped a seq on one socket. Returns readable problems (the first few of each kind).
 */
export function checkRun(clients: ChatClient[], stored: Map<string, StoredMessage[]>): string[] {
  const problems: string[] = [];
  const limited = (kind: string, items: string[]) => {
    if (items.length === 0) return;
    problems.push(`${kind}: ${items.length}\n    ${items.slice(0, 8).join('\n    ')}`);
  };

  const byId = new Map<string, StoredMessage & { chatId: string }>();
  const byClientId = new Map<string, StoredMessage[]>();
  const badOrder: string[] = [];
  for (const [chatId, messages] of stored) {
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i]!;
      byId.set(m.id, { ...m, chatId });
      if (m.clientId) byClientId.set(m.clientId, [...(byClientId.get(m.clientId) ?? []), m]);
      if (i > 0 && m.seq <= messages[i - 1]!.seq)
        badOrder.push(`${chatId}: seq ${m.seq} after ${messages[i - 1]!.seq}`);
    }
  }
  limited('stored seqs not strictly increasing', badOrder);

  const ackedMissing: string[] = [];
  const ackedWrong: string[] = [];
  const unacked: string[] = [];
  const storedTwice: string[] = [];
  for (const client of clients) {
    for (const ack of client.ackLog) {
      const m = byId.get(ack.messageId);
      if (!m)
        ackedMissing.push(
          `${client.name}: ${ack.clientId} acked as ${ack.messageId}@${ack.seq} (${ack.via})`,
        );
      else if (m.chatId !== ack.chatId || m.seq !== ack.seq || m.clientId !== ack.clientId) {
        ackedWrong.push(`${client.name}: ack ${JSON.stringify(ack)} but stored ${JSON.stringify(m)}`);
      }
    }
    for (const [clientId, chatId] of client.sent) {
      if (!client.acks.has(clientId)) unacked.push(`${client.name}: ${clientId} in ${chatId}`);
      const copies = byClientId.get(clientId) ?? [];
      if (copies.length > 1) storedTwice.push(`${client.name}: ${clientId} stored ${copies.length} times`);
    }
  }
  limited('acknowledged but missing from the database', ackedMissing);
  limited('acknowledged differently from what is stored', ackedWrong);
  limited('sends never acknowledged', unacked);
  limited('one clientId stored more than once', storedTwice);

  const renderProblems: string[] = [];
  for (const client of clients) {
    for (const [chatId, rendered] of client.rendered) {
      const expected = stored.get(chatId) ?? [];
      const seen = new Set<string>();
      for (let i = 0; i < rendered.length; i++) {
        const r = rendered[i]!;
        if (seen.has(r.id)) renderProblems.push(`${client.name} ${chatId}: ${r.id} rendered twice (#${i})`);
        seen.add(r.id);
        if (i > 0 && r.seq <= rendered[i - 1]!.seq) {
          renderProblems.push(
            `${client.name} ${chatId}: seq ${r.seq} rendered after ${rendered[i - 1]!.seq}`,
          );
        }
      }
      const first = expected.findIndex((m, i) => rendered[i]?.id !== m.id);
      if (first >= 0 || rendered.length !== expected.length) {
        const at = first >= 0 ? first : Math.min(rendered.length, expected.length);
        renderProblems.push(
          `${client.name} ${chatId}: rendered ${rendered.length} of ${expected.length}; first difference at #${at}: ` +
            `rendered ${JSON.stringify(rendered[at] ?? null)}, stored ${JSON.stringify(expected[at] ?? null)}`,
        );
      }
    }
  }
  limited('rendered sequences differ from the database', renderProblems);
  limited(
    'protocol anomalies seen by clients',
    clients.flatMap((c) => c.anomalies),
  );
  return problems;
}

/** A one-line summary per client, for the test output. */
export function summary(clients: ChatClient[]): string {
  return clients
    .map(
      (c) =>
        `${c.name}: sent ${c.sent.size}, acked ${c.acks.size}, rendered ${[...c.rendered.values()].reduce((n, r) => n + r.length, 0)}, ` +
        `connects ${c.connects}, resets ${c.resets}, gaps ${c.wireGaps}, repeats ${c.wireDuplicates}, ` +
        `outstanding ${c.outstanding}, cursors ${[...c.rendered.keys()].map((id) => c.cursor(id)).join(',')}\n    ${c.trail.join(' | ')}`,
    )
    .join('\n');
}

/** Waits until every client rendered up to the stored head of each of its chats. */
export function caughtUp(clients: ChatClient[], heads: Map<string, number>): boolean {
  return clients.every((c) =>
    [...c.rendered.keys()].every((chatId) => c.cursor(chatId) >= (heads.get(chatId) ?? 0)),
  );
}
