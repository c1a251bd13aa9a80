import { z } from 'zod';
import type { Page, PageQuery } from '../../../shared/api/pagination.js';
import type { PostVersion } from '../../../shared/api/posts.js';
import { requireActor } from '../../platform/auth/guards.js';
import type { Ctx } from '../../platform/context.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { renderMarkdown } from '../../platform/markdown/render.js';
import { authorize } from '../users/users.policy.js';
import { findReadablePost } from './post-readers.service.js';
import { canViewPostVersions } from './posts.policy.js';
import { presentVersion } from './posts.presenter.js';
import { listPeople, listPostVersionEntries } from './posts.queries.js';

/**
 * A post's edit history (X6): every version is read back from the ledger, where `post.created`
 * and each `post.edited` keep the full content; the live row holds only the latest.
 */

const versionCursor = z.strictObject({ s: z.number().int().min(0) });

/** `GET /posts/{id}/versions` (author and the space's moderators): every version, newest first. */
export async function listPostVersions(ctx: Ctx, id: string, query: PageQuery): Promise<Page<PostVersion>> {
  const actor = requireActor(ctx);
  const { post, space } = await findReadablePost(ctx, id);
  authorize(canViewPostVersions(actor, space, post));
  const entries = await listPostVersionEntries(
    ctx.db,
    id,
    decodeCursor(versionCursor, query.cursor)?.s,
    query.limit + 1,
  );
  const editors = new Map(
    (await listPeople(ctx.db, [...new Set(entries.flatMap((e) => (e.actor_id ? [e.actor_id] : [])))])).map(
      (p) => [p.id, p.name],
    ),
  );
  return pageOf(
    entries,
    query.limit,
    (e) => ({ s: e.seq }),
    (e) => {
      const payload = JSON.parse(e.payload) as { version?: unknown; body?: unknown };
      const body = typeof payload.body === 'string' ? payload.body : '';
      const editor = e.actor_id ? { id: e.actor_id, name: editors.get(e.actor_id) ?? '' } : null;
      return presentVersion(Number(payload.version ?? 1), body, renderMarkdown(body), e.ts, editor);
    },
  );
}
