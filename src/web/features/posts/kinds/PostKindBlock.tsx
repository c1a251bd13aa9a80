import type { EmbeddedPost } from '../../../../shared/api/posts.js';
import { AnnouncementBlock } from './AnnouncementBlock.js';
import { EventBlock } from './EventBlock.js';
import { PollBlock } from './PollBlock.js';
import { VacancyBlock } from './VacancyBlock.js';

/** The part of a post its kind adds (event, poll, announcement, vacancy); nothing for plain posts. */
export function PostKindBlock({ post }: { post: EmbeddedPost }) {
  if (post.event) return <EventBlock postId={post.id} event={post.event} />;
  if (post.poll) return <PollBlock postId={post.id} poll={post.poll} />;
  if (post.announcement) return <AnnouncementBlock postId={post.id} announcement={post.announcement} />;
  if (post.vacancy) return <VacancyBlock postId={post.id} vacancy={post.vacancy} />;
  return null;
}
