import { addMember, dropGroup, freshGroup, freshPerson, pending } from './social-access.inserts.js';
import {
  byAccess,
  cellsOf,
  E,
  EM,
  each,
  gate,
  knowGroups,
  list,
  M,
  type Row,
} from './social-access.table.js';
import { hasItem, idOf, world } from './social-access.world.js';

/**
 * Rows of groups: the directory, the about page, edits, membership, requests and invitations.
 */

const w = world;
/** Members who are not group admins get 403 on managing a group they see. */
const manageSecret = gate(['groupAdmin'], M, { access: 'employee' });
const manageClosed = gate(['groupAdmin', 'admin'], knowGroups, { access: 'employee' });
const alreadyMember = each(EM, 'ALREADY_MEMBER');

const directoryRows: Row[] = [
  {
    route: 'POST /groups',
    on: 'a secret group',
    expect: byAccess('employee'),
    request: async () => ({
      method: 'POST',
      url: '/groups',
      payload: { name: 'New team', visibility: 'secret' },
      after: dropGroup,
    }),
  },
  {
    route: 'POST /groups',
    on: 'linked to a department (platform admins)',
    expect: gate(['admin'], E, { access: 'employee' }),
    request: async () => ({
      method: 'POST',
      url: '/groups',
      payload: { name: 'Sales team', visibility: 'closed', departmentId: w().salesId },
      after: dropGroup,
    }),
  },
  ...(['secret', 'closed'] as const).map(
    (name): Row => ({
      route: 'GET /groups',
      on: `(is the ${name} group listed?)`,
      expect: list(name === 'secret' ? M : knowGroups),
      request: async () => ({
        method: 'GET',
        url: `/groups?q=${name === 'secret' ? 'skunk' : 'closed%20circle'}`,
        find: hasItem(w().groups[name].id),
      }),
    }),
  ),
  ...(['secret', 'closed'] as const).flatMap((name): Row[] => [
    {
      route: 'GET /groups/{id}',
      on: `of the ${name} group`,
      expect: gate(name === 'secret' ? M : knowGroups),
      request: async () => ({ method: 'GET', url: `/groups/${w().groups[name].id}` }),
    },
    {
      route: 'GET /groups/{id}/members',
      on: `of the ${name} group`,
      expect: gate(name === 'secret' ? M : knowGroups),
      request: async () => ({ method: 'GET', url: `/groups/${w().groups[name].id}/members` }),
    },
    {
      route: 'PATCH /groups/{id}',
      on: `of the ${name} group`,
      expect: name === 'secret' ? manageSecret : manageClosed,
      request: async () => ({
        method: 'PATCH',
        url: `/groups/${w().groups[name].id}`,
        payload: { description: 'Where we meet' },
      }),
    },
    {
      route: 'DELETE /groups/{id}',
      on: `of a fresh ${name} group`,
      expect: name === 'secret' ? manageSecret : manageClosed,
      request: async () => ({ method: 'DELETE', url: `/groups/${await freshGroup(name)}` }),
    },
    {
      route: 'GET /groups/{id}/requests',
      on: `of the ${name} group`,
      expect: name === 'secret' ? manageSecret : manageClosed,
      request: async () => ({ method: 'GET', url: `/groups/${w().groups[name].id}/requests` }),
    },
    ...(['approve', 'reject'] as const).map(
      (decision): Row => ({
        route: `POST /groups/{id}/requests/{userId}/${decision}`,
        // A secret group holds requests made while it was closed.
        on: `of a request to join a fresh ${name} group`,
        expect: name === 'secret' ? manageSecret : manageClosed,
        request: async () => {
          const groupId = await freshGroup(name);
          const userId = await freshPerson();
          await pending('request', groupId, userId);
          return { method: 'POST', url: `/groups/${groupId}/requests/${userId}/${decision}` };
        },
      }),
    ),
    {
      route: 'PUT /groups/{id}/members/{userId}/role',
      on: `of a fresh member of the ${name} group`,
      expect: name === 'secret' ? manageSecret : manageClosed,
      request: async () => {
        const userId = await freshPerson();
        await addMember(w().groups[name].id, userId);
        return {
          method: 'PUT',
          url: `/groups/${w().groups[name].id}/members/${userId}/role`,
          payload: { role: 'moderator' },
        };
      },
    },
    {
      route: 'DELETE /groups/{id}/members/{userId}',
      on: `removing a fresh member of the ${name} group`,
      expect: name === 'secret' ? gate(['groupAdmin'], M) : gate(['groupAdmin', 'admin'], knowGroups),
      request: async () => {
        const userId = await freshPerson();
        await addMember(w().groups[name].id, userId);
        return { method: 'DELETE', url: `/groups/${w().groups[name].id}/members/${userId}` };
      },
    },
  ]),
  {
    route: 'PUT /groups/{id}/members/{userId}/role',
    on: 'promoting oneself to admin of the secret group',
    // The group admin already is one: nothing changes, and nothing is refused.
    expect: manageSecret,
    request: async (caller) => ({
      method: 'PUT',
      url: `/groups/${w().groups.secret.id}/members/${idOf(caller)}/role`,
      payload: { role: 'admin' },
    }),
  },
  {
    route: 'PUT /groups/{id}/members/{userId}/role',
    on: 'making the guest member a moderator of the secret group (guests hold no role)',
    expect: cellsOf({ ...each(M, 403), groupAdmin: 'GROUP_GUEST_ROLE', guest: 403 }, 404),
    request: async () => ({
      method: 'PUT',
      url: `/groups/${w().groups.secret.id}/members/${idOf('guestMember')}/role`,
      payload: { role: 'moderator' },
    }),
  },
  {
    route: 'DELETE /groups/{id}/members/{userId}',
    on: 'leaving a fresh secret group (the caller themselves)',
    expect: gate(M),
    request: async (caller) => ({
      method: 'DELETE',
      url: `/groups/${await freshGroup('secret')}/members/${idOf(caller)}`,
    }),
  },
  ...(['open', 'closed', 'secret'] as const).map(
    (name): Row => ({
      route: 'POST /groups/{id}/join',
      on: `of a fresh ${name} group`,
      expect: gate(name === 'secret' ? [] : ['admin', 'moderator', 'nonMember'], [], {
        access: 'employee',
        overrides: alreadyMember,
      }),
      request: async () => ({ method: 'POST', url: `/groups/${await freshGroup(name)}/join` }),
    }),
  ),
  ...(['closed', 'secret'] as const).map(
    (name): Row => ({
      route: 'DELETE /groups/{id}/join',
      // A closed group turned secret still lets its requesters withdraw.
      on: `withdrawing the caller's own request to join a fresh ${name} group`,
      expect: byAccess('employee'),
      request: async (caller) => {
        const groupId = await freshGroup(name, { [w().author.id]: 'admin' });
        if (caller !== 'anonymous') await pending('request', groupId, idOf(caller));
        return { method: 'DELETE', url: `/groups/${groupId}/join` };
      },
    }),
  ),
  {
    route: 'DELETE /groups/{id}/join',
    on: "withdrawing someone else's request to join a fresh closed group",
    expect: gate([], [], { access: 'employee' }),
    request: async () => {
      const groupId = await freshGroup('closed');
      await pending('request', groupId, await freshPerson());
      return { method: 'DELETE', url: `/groups/${groupId}/join` };
    },
  },
  ...(['accept', 'decline'] as const).flatMap((answer): Row[] => [
    {
      route: `POST /groups/{id}/invite/${answer}`,
      on: 'of an invitation of the caller to a fresh secret group',
      expect: byAccess('employee'),
      request: async (caller) => {
        const groupId = await freshGroup('secret', { [w().author.id]: 'admin' });
        if (caller !== 'anonymous') await pending('invite', groupId, idOf(caller));
        return { method: 'POST', url: `/groups/${groupId}/invite/${answer}` };
      },
    },
    {
      route: `POST /groups/{id}/invite/${answer}`,
      on: 'of the secret group without an invitation',
      expect: gate([], [], { access: 'employee' }),
      request: async () => ({ method: 'POST', url: `/groups/${w().groups.secret.id}/invite/${answer}` }),
    },
  ]),
  {
    route: 'POST /groups/{id}/members',
    on: 'adding a fresh employee to the secret group (members invite)',
    expect: gate(EM, M, { access: 'employee' }),
    request: async () => ({
      method: 'POST',
      url: `/groups/${w().groups.secret.id}/members`,
      payload: { userId: await freshPerson() },
    }),
  },
  {
    route: 'POST /groups/{id}/members',
    on: 'adding a fresh employee to the open group',
    expect: gate([...EM, 'admin'], knowGroups, { access: 'employee' }),
    request: async () => ({
      method: 'POST',
      url: `/groups/${w().groups.open.id}/members`,
      payload: { userId: await freshPerson() },
    }),
  },
  {
    route: 'POST /groups/{id}/members',
    on: 'adding a fresh guest to the closed group (group and platform admins)',
    expect: gate(['groupAdmin', 'admin'], knowGroups, { access: 'employee' }),
    request: async () => ({
      method: 'POST',
      url: `/groups/${w().groups.closed.id}/members`,
      payload: { userId: await freshPerson('guest') },
    }),
  },
];

export const groupRows: Row[] = [...directoryRows];
