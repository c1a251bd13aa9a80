import type { TopicSummary, TopicView } from '../../../shared/api/topics.js';
import type { Actor } from '../../platform/context.js';
import { canSetTopicPriority, canUseTopics } from './topics.policy.js';
import type { TopicRow } from './topics.queries.js';

export function presentTopicSummary(row: TopicRow): TopicSummary {
  return { tag: row.tag, name: row.name, priority: row.priority === 1, followedByMe: row.followed === 1 };
}

export function presentTopic(actor: Actor, row: TopicRow, followersCount: number): TopicView {
  return {
    ...presentTopicSummary(row),
    followersCount,
    abilities: { follow: canUseTopics(actor), setPriority: canSetTopicPriority(actor) },
  };
}
