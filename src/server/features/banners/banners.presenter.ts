import type { Banner } from '../../../shared/api/banners.js';
import type { Actor } from '../../platform/context.js';
import { canManageBanners } from './banners.policy.js';
import type { BannerRow } from './banners.queries.js';

export function presentBanner(row: BannerRow, viewer: Actor | null): Banner {
  const manage = canManageBanners(viewer);
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    html: row.html,
    linkUrl: row.link_url,
    endsAt: row.ends_at,
    createdAt: row.created_at,
    createdBy: row.created_by && row.creator_name ? { id: row.created_by, name: row.creator_name } : null,
    abilities: { edit: manage, delete: manage },
  };
}
