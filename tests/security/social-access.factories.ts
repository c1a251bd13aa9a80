import { v7 as uuidv7 } from 'uuid';
import type { GroupVisibility } from '../../src/server/platform/db/schema.js';
import { setupThroughApi } from '../support/auth-helpers.js';
import { call, type Person, signedIn } from '../support/people.js';
import type { TestApp } from '../support/test-app.js';
import { freshGroup, insertComment, setPost } from './social-access.inserts.js';
import { type Caller, callers, type Space } from './social-access.table.js';
import { api, days, idOf, next, now, setWorld, spaceRef, type World, world } from './social-access.world.js';

/**
 * Content made through the API as the world's author (or HR), for the world itself and for rows
 * that need a fresh object of their own, and `buildWorld`.
 */

/** A 1×1 PNG. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** A multipart body with one PNG in the field `file`. */
export function pngUpload(): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----social-access-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="dot.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads an image as `who`; its id. */
export async function upload(who: Person): Promise<string> {
  const res = await call(world().t, who, { method: 'POST', url: '/api/v1/uploads', ...pngUpload() });
  if (res.statusCode !== 201) throw new Error(`upload → ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

/** A post by the author (or `by`) through the API; its id. */
export async function post(
  space: Space,
  props: { body?: string; by?: Person; attachments?: string[]; sharedPostId?: string } = {},
): Promise<string> {
  const body = await api(props.by ?? world().author, 'POST', '/posts', {
    space: spaceRef(space),
    body: props.body ?? `A post ${next()}`,
    ...(props.attachments ? { attachments: props.attachments } : {}),
    ...(props.sharedPostId ? { sharedPostId: props.sharedPostId } : {}),
  });
  return body.id as string;
}

/** A post of the author hidden by a moderator. */
export async function hiddenPost(space: Space, props: { attachments?: string[] } = {}): Promise<string> {
  const id = await post(space, props);
  await world()
    .db.updateTable('posts')
    .set({ hidden_at: now(), hidden_by: world().hr.id })
    .where('id', '=', id)
    .execute();
  return id;
}

/** An event by the author, a week ahead; its post id. */
export async function event(space: Space): Promise<string> {
  const body = await api(world().author, 'POST', '/events', {
    space: spaceRef(space),
    title: `Event ${next()}`,
    startsAt: days(7),
  });
  return body.id as string;
}

/** A poll by the author; its post id and first option. */
export async function poll(space: Space, anonymous = false): Promise<{ id: string; optionId: string }> {
  const body = await api(world().author, 'POST', '/polls', {
    space: spaceRef(space),
    question: `Question ${next()}?`,
    options: ['Yes', 'No'],
    anonymous,
  });
  const options = (body.poll as { options: { id: string }[] }).options;
  return { id: body.id as string, optionId: options[0]!.id };
}

/** A must-read announcement by HR, for everyone or for the sales department. */
export async function announcement(forSales = false): Promise<string> {
  const w = world();
  const body = await api(w.hr, 'POST', '/announcements', {
    title: `Notice ${next()}`,
    body: 'Please read.',
    mustRead: true,
    ...(forSales ? { departmentIds: [w.salesId] } : {}),
  });
  return body.id as string;
}

/** A comment by the author (or `by`) through the API; its id. */
export async function comment(postId: string, by?: Person): Promise<string> {
  const body = await api(by ?? world().author, 'POST', `/posts/${postId}/comments`, {
    body: `A comment ${next()}`,
  });
  return body.id as string;
}

/** A report on a post (or one of its comments) by `by`; its id. */
export async function report(postId: string, by: Person, commentId?: string): Promise<string> {
  const body = await api(by, 'POST', `/posts/${postId}/reports`, {
    reason: 'Please look at this',
    ...(commentId ? { commentId } : {}),
  });
  return body.id as string;
}

/** A banner by HR running for a week; its id. */
export async function banner(): Promise<string> {
  const body = await api(world().hr, 'POST', '/banners', { title: `Banner ${next()}`, endsAt: days(7) });
  return body.id as string;
}

/** A text story by the author (or `by`); its id. */
export async function story(by?: Person, uploadId?: string): Promise<string> {
  const body = await api(by ?? world().author, 'POST', '/stories', {
    text: `Story ${next()}`,
    ...(uploadId ? { uploadId } : {}),
  });
  return body.id as string;
}

async function group(name: string, handle: string, visibility: GroupVisibility) {
  const w = world();
  const id = await freshGroup(visibility, {
    [w.author.id]: 'member',
    [idOf('groupAdmin')]: 'admin',
    [idOf('groupModerator')]: 'moderator',
    [idOf('member')]: 'member',
    [idOf('guestMember')]: 'member',
    [idOf('deactivated')]: 'admin',
  });
  await w.db
    .updateTable('groups')
    .set({ name, name_search: name.toLowerCase(), handle })
    .where('id', '=', id)
    .execute();
  return { id, handle };
}

/** Builds the world on a fresh test app: people, groups, posts of every kind. */
export async function buildWorld(t: TestApp): Promise<World> {
  const db = t.database.handle.db;
  const setup = await setupThroughApi(t);
  const admin: Person = {
    id: setup.userId,
    email: setup.email,
    name: 'Founding Admin',
    role: 'admin',
    session: setup.session,
  };
  const as: Record<Caller, Person | null> = {
    admin,
    moderator: await signedIn(t, 'moderator'),
    groupAdmin: await signedIn(t, 'employee'),
    groupModerator: await signedIn(t, 'employee'),
    member: await signedIn(t, 'employee'),
    guestMember: await signedIn(t, 'guest'),
    nonMember: await signedIn(t, 'employee'),
    guest: await signedIn(t, 'guest'),
    // The strongest standing there is, deactivated: an administrator and a group admin.
    deactivated: await signedIn(t, 'admin', { status: 'deactivated' }),
    anonymous: null,
  };
  const author = await signedIn(t, 'employee', { name: 'Ada Author' });
  const hr = await signedIn(t, 'moderator', { name: 'Harriet People' });
  const salesId = uuidv7();
  await db
    .insertInto('departments')
    .values({
      id: salesId,
      name: 'Sales',
      name_search: 'sales',
      parent_id: null,
      head_user_id: null,
      external_id: null,
      created_at: now(),
      updated_at: now(),
    })
    .execute();
  await db.updateTable('users').set({ department_id: salesId }).where('id', '=', as.member!.id).execute();

  const partial = { t, db, as, author, hr, salesId } as World;
  setWorld(partial);
  partial.groups = {
    open: await group('Open Square', 'open-square', 'open'),
    closed: await group('Closed Circle', 'closed-circle', 'closed'),
    secret: await group('Skunkworks', 'skunkworks', 'secret'),
  };

  // Every caller follows the author and a topic, and one topic is a priority topic: the feeds
  // have every reason to show the author's secret posts, and must not.
  for (const caller of callers) {
    const person = as[caller];
    if (!person) continue;
    await db
      .insertInto('follows')
      .values({ follower_id: person.id, followee_id: author.id, created_at: now() })
      .execute();
    await db
      .insertInto('topic_follows')
      .values({ user_id: person.id, tag: 'hushtopic', created_at: now() })
      .execute();
  }
  await api(admin, 'PUT', '/admin/topics/priotopic/priority', { priority: true });

  const uploads = {
    secret: await upload(author),
    company: await upload(author),
    secretHidden: await upload(author),
    loose: await upload(author),
  };
  const secret = await post('secret', { body: 'The plan #secrettopic', attachments: [uploads.secret] });
  partial.posts = {
    company: await post('company', { body: 'Hello everyone #opentopic', attachments: [uploads.company] }),
    profile: await post('profile'),
    open: await post('open'),
    closed: await post('closed'),
    secret,
    sales: await announcement(true),
    mustRead: await announcement(),
    secretHidden: await hiddenPost('secret', { attachments: [uploads.secretHidden] }),
    closedHidden: await hiddenPost('closed'),
    companyHidden: await hiddenPost('company'),
    secretLocked: await post('secret'),
    companyShare: await post('company', { body: 'Look at this', sharedPostId: secret }),
    vacancy: (await api(hr, 'POST', '/vacancies', { title: 'Engineer', body: 'Join us' })).id as string,
  };
  await setPost(partial.posts.secretLocked, { comments_locked: 1 });
  partial.uploads = uploads;
  partial.events = {
    secret: await event('secret'),
    closed: await event('closed'),
    company: await event('company'),
  };
  partial.polls = {
    secret: await poll('secret'),
    closed: await poll('closed'),
    company: await poll('company'),
    secretAnonymous: await poll('secret', true),
  };
  partial.comments = {
    secret: await comment(secret),
    secretHidden: await insertComment(secret, author.id, true),
  };
  partial.banner = await banner();
  partial.story = await story(author, await upload(author));
  return partial;
}
