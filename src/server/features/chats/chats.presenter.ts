import type { ChatAbilities, ChatMember, ChatPerson, ChatView } from '../../../shared/api/chats.js';
import type { UserRole } from '../../platform/db/schema.js';
import { plainExcerpt } from '../notifications/notifications.presenter.js';
import { photoUrlOf } from '../users/users.presenter.js';
import type { ChatMemberListRow } from './chat-members.queries.js';
import type { ChatStanding } from './chats.policy.js';
import type { ChatListRow, LastMessageRow, PeerRow } from './chats.queries.js';

/** The chat list shows a line of the newest message. */
const excerptLength = 120;

export function presentChatPerson(row: {
  id: string;
  name: string;
  photo_key: string | null;
  role: UserRole;
}): ChatPerson {
  return {
    id: row.id,
    name: row.name,
    photoUrl: photoUrlOf({ id: row.id, photo_key: row.photo_key }),
    isGuest: row.role === 'guest',
  };
}

function presentPeer(row: PeerRow): ChatPerson {
  return presentChatPerson({
    id: row.user_id,
    name: row.name,
    photo_key: row.photo_key,
    role: row.platform_role,
  });
}

function presentLastMessage(row: LastMessageRow): ChatView['lastMessage'] {
  const deleted = row.deleted_at !== null;
  return {
    id: row.id,
    seq: Number(row.seq),
    author:
      row.author_id && row.author_name !== null && row.author_role !== null
        ? presentChatPerson({
            id: row.author_id,
            name: row.author_name,
            photo_key: row.author_photo_key,
            role: row.author_role,
          })
        : null,
    excerpt: deleted || row.kind === 'sticker' ? '' : plainExcerpt(row.body, excerptLength),
    kind: row.kind,
    deleted,
    createdAt: row.created_at,
  };
}

/** Where the viewer stands in the chat, as the policy reads it. */
export function standingOf(row: ChatListRow, otherActiveAdmins: number): ChatStanding {
  return {
    kind: row.kind,
    linked: row.group_id !== null || row.department_id !== null,
    role: row.role,
    memberCount: Number(row.member_count),
    otherActiveAdmins,
  };
}

/** What a page of chats needs besides its rows, loaded once per page. */
export interface ChatViewExtras {
  peers: Map<string, PeerRow>;
  lastMessages: Map<string, LastMessageRow>;
  unread: Map<string, number>;
}

export function presentChatView(
  row: ChatListRow,
  extras: ChatViewExtras,
  abilities: ChatAbilities,
): ChatView {
  const peerRow = row.kind === 'direct' ? extras.peers.get(row.id) : undefined;
  const peer = peerRow ? presentPeer(peerRow) : null;
  const last = extras.lastMessages.get(row.id);
  // A linked chat is called what its group or department is called now.
  const name = peer?.name ?? row.group_name ?? row.department_name ?? row.name ?? '';
  return {
    id: row.id,
    kind: row.kind,
    name,
    photoUrl: peer?.photoUrl ?? null,
    peer,
    linkedGroupId: row.group_id,
    linkedDepartmentId: row.department_id,
    memberCount: Number(row.member_count),
    lastSeq: Number(row.last_seq),
    lastMessage: last ? presentLastMessage(last) : null,
    createdAt: row.created_at,
    viewer: {
      role: row.role,
      lastReadSeq: Number(row.last_read_seq),
      unread: extras.unread.get(row.id) ?? 0,
      muted: Number(row.muted) === 1,
      notify: row.notify,
      pinned: row.pinned_at !== null,
      archived: row.archived_at !== null,
      folderId: row.folder_id,
    },
    abilities,
  };
}

export function presentChatMember(row: ChatMemberListRow): ChatMember {
  return {
    ...presentChatPerson({
      id: row.user_id,
      name: row.name,
      photo_key: row.photo_key,
      role: row.platform_role,
    }),
    role: row.role,
    via: row.via,
    joinedAt: row.joined_at,
  };
}
