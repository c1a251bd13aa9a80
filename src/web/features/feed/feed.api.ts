import { api } from '../../lib/api.js';
import type { PostPage, PostPageFetcher } from '../posts/posts.api.js';

/** Which feed the feed page shows. */
export type FeedScope = 'personal' | 'company';

const pageSize = 20;

/**
 * The personal feed (followed people, member groups, followed and priority topics, company
 * announcements; pinned and must-read first) with each item's `isNew` and the last visit.
 */
export const fetchPersonalFeed: PostPageFetcher = (cursor, signal) =>
  api.get<PostPage>('/feed', { query: { limit: pageSize, cursor }, signal });

/** Everything in the company space, newest first. */
export const fetchCompanyFeed: PostPageFetcher = (cursor, signal) =>
  api.get<PostPage>('/company/feed', { query: { limit: pageSize, cursor }, signal });
