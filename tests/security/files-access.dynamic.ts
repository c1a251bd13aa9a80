import type { LightMyRequestResponse } from 'fastify';
import { expect, vi } from 'vitest';
import { call, type Person, signedIn } from '../support/people.js';
import type { MatrixCell } from './files-access.cells.js';
import type { GroupKey } from './files-access.plan.js';
import {
  api,
  filesWorld,
  insertDepartment,
  type Method,
  multipart,
  next,
  setGuestAccessEnd,
} from './files-access.world.js';

/**
 * Access that follows live facts (issue 4: "Removing someone from a group or department removes
 * their access at once"): each cell gives a fresh person access, checks it works, takes the
 * reason away through the API (or lets the clock run out for a guest), and checks the very next
 * request is refused. Fresh people and files only, so the matrix's world is untouched.
 */

const w = filesWorld;

function get(who: Person | null, url: string, method: Method = 'GET', payload?: object) {
  return call(w().t, who, { method, url: `/api/v1${url}`, payload });
}

function status(res: LightMyRequestResponse): string {
  return `${res.statusCode} ${res.body.slice(0, 300)}`;
}

async function expectStatus(who: Person | null, url: string, want: number, what: string) {
  const res = await get(who, url);
  expect(res.statusCode, `${what}: GET ${url} → ${status(res)}`).toBe(want);
}

async function joinDirectly(group: GroupKey, person: Person): Promise<void> {
  await w()
    .db.insertInto('group_members')
    .values({
      group_id: w().groups[group],
      user_id: person.id,
      role: 'member',
      created_at: new Date().toISOString(),
    })
    .execute();
}

export const dynamicCells: MatrixCell[] = [
  {
    name: 'a member removed from the secret group loses its files and its library at once',
    async run() {
      const person = await signedIn(w().t, 'employee');
      await joinDirectly('secret', person);
      const file = w().files.secretRoot.id;
      await expectStatus(person, `/files/${file}`, 200, 'as a member');
      await expectStatus(person, `/libraries/groups/${w().groups.secret}`, 200, 'as a member');
      await api(w().as.groupAdmin, 'DELETE', `/groups/${w().groups.secret}/members/${person.id}`);
      await expectStatus(person, `/files/${file}`, 404, 'once removed');
      await expectStatus(person, `/files/${file}/content`, 404, 'once removed');
      await expectStatus(person, `/files/${file}/text`, 404, 'once removed');
      await expectStatus(person, `/libraries/groups/${w().groups.secret}`, 404, 'once removed');
    },
  },
  {
    name: 'a member removed from a group loses what was shared to the group at once',
    async run() {
      const person = await signedIn(w().t, 'employee');
      await joinDirectly('partners', person);
      const file = w().files.closedDeep.id;
      await expectStatus(person, `/files/${file}`, 200, 'in Partners');
      await expectStatus(
        person,
        `/libraries/groups/${w().groups.closed}?folderId=${w().folders.kB}`,
        200,
        'in Partners',
      );
      await api(w().as.hr, 'DELETE', `/groups/${w().groups.partners}/members/${person.id}`);
      await expectStatus(person, `/files/${file}`, 404, 'once removed from Partners');
      await expectStatus(person, `/files/${file}/content`, 404, 'once removed from Partners');
      const listing = await get(person, `/libraries/groups/${w().groups.closed}?folderId=${w().folders.kB}`);
      expect(listing.statusCode, status(listing)).toBe(404);
    },
  },
  {
    name: 'an uploader removed from the closed group loses their own file at once',
    async run() {
      const person = await signedIn(w().t, 'employee');
      await joinDirectly('closed', person);
      const upload = await call(w().t, person, {
        method: 'POST',
        url: '/api/v1/files',
        ...multipart(
          { space: JSON.stringify({ type: 'group', id: w().groups.closed }) },
          { name: `mine-${next()}.txt`, content: 'My own notes\n' },
        ),
      });
      expect(upload.statusCode, status(upload)).toBe(201);
      const file = upload.json().id as string;
      const renamed = await get(person, `/files/${file}`, 'PATCH', { name: 'still-mine.txt' });
      expect(renamed.statusCode, status(renamed)).toBe(200);
      await api(w().as.groupAdmin, 'DELETE', `/groups/${w().groups.closed}/members/${person.id}`);
      await expectStatus(person, `/files/${file}`, 404, 'once removed');
      const refused = await get(person, `/files/${file}`, 'PATCH', { name: 'not-mine.txt' });
      expect(refused.statusCode, status(refused)).toBe(404);
      const row = await w()
        .db.selectFrom('files')
        .select('name')
        .where('id', '=', file)
        .executeTakeFirstOrThrow();
      expect(row.name).toBe('still-mine.txt');
    },
  },
  {
    name: 'a person moved out of the shared department loses its files (and its edit share) at once',
    async run() {
      const person = await signedIn(w().t, 'employee');
      await w()
        .db.updateTable('users')
        .set({ department_id: w().departments.design })
        .where('id', '=', person.id)
        .execute();
      const secret = w().files.secretDeep.id;
      const company = w().files.companyDeptEdit;
      await expectStatus(person, `/files/${secret}`, 200, 'in Design');
      const rename = await get(person, `/files/${company.id}`, 'PATCH', { name: company.name });
      expect(rename.statusCode, `an edit share to Design: ${status(rename)}`).toBe(200);
      await api(w().as.admin, 'PATCH', `/users/${person.id}`, { departmentId: w().departments.ops });
      await expectStatus(person, `/files/${secret}`, 404, 'moved to Operations');
      await expectStatus(person, `/files/${secret}/content`, 404, 'moved to Operations');
      const refused = await get(person, `/files/${company.id}`, 'PATCH', { name: 'moved-away.txt' });
      expect(refused.statusCode, `the company file, now read-only: ${status(refused)}`).toBe(403);
    },
  },
  {
    name: 'a sub-department moved out from under the shared department loses its files at once',
    async run() {
      const db = w().db;
      const sub = await insertDepartment(db, `Research ${next()}`, w().departments.design);
      const person = await signedIn(w().t, 'employee');
      await db.updateTable('users').set({ department_id: sub }).where('id', '=', person.id).execute();
      const secret = w().files.secretDeep.id;
      await expectStatus(person, `/files/${secret}`, 200, 'under Design');
      await api(w().as.admin, 'PATCH', `/departments/${sub}`, { parentId: w().departments.ops });
      await expectStatus(person, `/files/${secret}`, 404, 'moved under Operations');
    },
  },
  {
    name: 'an expired guest loses everything at once: group files, shares, links, lists',
    async run() {
      const guest = await signedIn(w().t, 'guest');
      await joinDirectly('open', guest);
      await setGuestAccessEnd(w().db, guest.id, new Date(Date.now() + 60_000).toISOString());
      const shared = await call(w().t, w().as.uploader, {
        method: 'POST',
        url: '/api/v1/files',
        ...multipart(
          { space: JSON.stringify({ type: 'profile' }) },
          { name: `for-guest-${next()}.txt`, content: 'For you\n' },
        ),
      });
      expect(shared.statusCode, status(shared)).toBe(201);
      const sharedId = shared.json().id as string;
      await api(w().as.uploader, 'POST', `/files/${sharedId}/shares`, {
        granteeType: 'user',
        granteeId: guest.id,
        permission: 'read',
      });
      const urls = [
        `/files/${w().files.openRoot.id}`,
        `/files/${w().files.openRoot.id}/content`,
        `/files/${sharedId}`,
        `/file-links/${w().links.valid.token}`,
        `/file-links/${w().links.valid.token}/content`,
        `/libraries/groups/${w().groups.open}`,
        '/files/shared-with-me',
      ];
      for (const url of urls) await expectStatus(guest, url, 200, 'before the access end');
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 120_000 });
      try {
        for (const url of urls) await expectStatus(guest, url, 401, 'after the access end');
        // The clock moved for everyone: an employee still reads (the refusal is the guest's end).
        await expectStatus(
          w().as.nonMember,
          `/files/${w().files.openRoot.id}`,
          200,
          'an employee, same clock',
        );
      } finally {
        vi.useRealTimers();
      }
    },
  },
];
