import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createLocalPresence } from './presence.js';

const log = { warn() {} } as unknown as FastifyBaseLogger;

describe('last seen of people leaving', () => {
  it('is written for many people who leave at once in one write, not one each', async () => {
    const writes: string[][] = [];
    const presence = createLocalPresence({
      log,
      writeLastSeen: async (userIds) => {
        writes.push(userIds);
      },
    });
    const people = Array.from({ length: 300 }, (_, i) => `person-${i}`);
    const sessions = people.map((id) => presence.attach(id, false));
    // A second tab of the first person stays open: they have not left.
    const stays = presence.attach(people[0]!, false);
    for (const session of sessions) session.detach();

    await expect.poll(() => writes.length, { timeout: 5000 }).toBe(1);
    expect(new Set(writes[0])).toEqual(new Set(people.slice(1)));

    stays.detach();
    await expect.poll(() => writes.length, { timeout: 5000 }).toBe(2);
    expect(writes[1]).toEqual([people[0]]);
    await presence.close();
  });

  it('is written on close for those who left just before, with everyone still connected', async () => {
    const writes: string[][] = [];
    const presence = createLocalPresence({
      log,
      writeLastSeen: async (userIds) => {
        writes.push(userIds);
      },
    });
    presence.attach('left', false).detach();
    presence.attach('here', false);
    await presence.close();
    expect(writes).toHaveLength(1);
    expect(new Set(writes[0])).toEqual(new Set(['left', 'here']));
  });
});
