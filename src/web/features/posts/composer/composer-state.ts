import type {
  CreateAnnouncementBody,
  CreateEventBody,
  CreatePollBody,
  CreateVacancyBody,
} from '../../../../shared/api/post-kinds.js';
import type { CreatePostBody, SpaceType } from '../../../../shared/api/posts.js';

/** What the composer publishes. */
export type ComposerMode = 'post' | 'poll' | 'event' | 'announcement' | 'vacancy';

/** Where a post goes: the company, the author's own profile, or a group (by id). */
export interface SpaceRef {
  type: SpaceType;
  id?: string;
}

export interface PollDraft {
  question: string;
  options: string[];
  multiple: boolean;
  anonymous: boolean;
  quiz: boolean;
  /** Indexes into `options` of the right answers (quizzes). */
  correct: number[];
  /** `datetime-local` value, or empty. */
  closesAt: string;
}

export interface EventDraft {
  title: string;
  startsAt: string;
  endsAt: string;
  location: string;
  onlineUrl: string;
  /** Minutes before the start, as text for the select; empty: no reminder. */
  remindBefore: string;
}

export interface AnnouncementDraft {
  title: string;
  mustRead: boolean;
  departmentIds: string[];
}

export interface VacancyDraft {
  title: string;
  departmentId: string | null;
  location: string;
  closesAt: string;
}

export interface ComposerDraft {
  mode: ComposerMode;
  body: string;
  /** Upload ids of the images attached (plain posts). */
  attachments: string[];
  /** Ids of the documents attached from the author's "My files" (plain posts). */
  files: string[];
  poll: PollDraft;
  event: EventDraft;
  announcement: AnnouncementDraft;
  vacancy: VacancyDraft;
}

export function emptyDraft(mode: ComposerMode = 'post'): ComposerDraft {
  return {
    mode,
    body: '',
    attachments: [],
    files: [],
    poll: {
      question: '',
      options: ['', ''],
      multiple: false,
      anonymous: false,
      quiz: false,
      correct: [],
      closesAt: '',
    },
    event: { title: '', startsAt: '', endsAt: '', location: '', onlineUrl: '', remindBefore: '' },
    announcement: { title: '', mustRead: false, departmentIds: [] },
    vacancy: { title: '', departmentId: null, location: '', closesAt: '' },
  };
}

/** The ISO instant of a `datetime-local` value read in the browser's time zone; undefined when empty or invalid. */
export function fromLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const text = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());

/** The request that publishes a draft: which endpoint kind, and its body. */
export type ComposerRequest =
  | { kind: 'post'; body: CreatePostBody }
  | { kind: 'poll'; body: CreatePollBody }
  | { kind: 'event'; body: CreateEventBody }
  | { kind: 'announcement'; body: CreateAnnouncementBody }
  | { kind: 'vacancy'; body: CreateVacancyBody };

/**
 * Turns a draft into the request the server expects. Empty poll options are dropped (and the
 * quiz's correct answers renumbered to match); blank optional fields are left out, so the server
 * reports only what is really missing or wrong.
 */
export function buildRequest(draft: ComposerDraft, space: SpaceRef): ComposerRequest {
  const spaceRef = space.id ? { type: space.type, id: space.id } : { type: space.type };
  switch (draft.mode) {
    case 'post':
      return {
        kind: 'post',
        body: {
          space: spaceRef,
          body: draft.body,
          ...(draft.attachments.length > 0 ? { attachments: draft.attachments } : {}),
          ...(draft.files.length > 0 ? { files: draft.files } : {}),
        },
      };
    case 'poll': {
      const { poll } = draft;
      const kept = poll.options
        .map((option, index) => ({ option: option.trim(), index }))
        .filter((o) => o.option);
      const correct = kept.flatMap((o, position) => (poll.correct.includes(o.index) ? [position] : []));
      const closesAt = fromLocalInput(poll.closesAt);
      return {
        kind: 'poll',
        body: {
          space: spaceRef,
          body: draft.body,
          question: poll.question.trim(),
          options: kept.map((o) => o.option),
          multiple: poll.multiple,
          anonymous: poll.anonymous,
          ...(poll.quiz ? { quiz: { correct } } : {}),
          ...(closesAt ? { closesAt } : {}),
        },
      };
    }
    case 'event': {
      const { event } = draft;
      const endsAt = fromLocalInput(event.endsAt);
      const location = text(event.location);
      const onlineUrl = text(event.onlineUrl);
      return {
        kind: 'event',
        body: {
          space: spaceRef,
          body: draft.body,
          title: event.title.trim(),
          // An empty start is sent as such, so the server names the field that is missing.
          startsAt: fromLocalInput(event.startsAt) ?? event.startsAt,
          ...(endsAt ? { endsAt } : {}),
          ...(location ? { location } : {}),
          ...(onlineUrl ? { onlineUrl } : {}),
          ...(event.remindBefore ? { remindBefore: Number(event.remindBefore) } : {}),
        },
      };
    }
    case 'announcement': {
      const { announcement } = draft;
      const title = text(announcement.title);
      return {
        kind: 'announcement',
        body: {
          body: draft.body,
          ...(title ? { title } : {}),
          mustRead: announcement.mustRead,
          ...(announcement.departmentIds.length > 0 ? { departmentIds: announcement.departmentIds } : {}),
        },
      };
    }
    case 'vacancy': {
      const { vacancy } = draft;
      const location = text(vacancy.location);
      const closesAt = fromLocalInput(vacancy.closesAt);
      return {
        kind: 'vacancy',
        body: {
          body: draft.body,
          title: vacancy.title.trim(),
          ...(vacancy.departmentId ? { departmentId: vacancy.departmentId } : {}),
          ...(location ? { location } : {}),
          ...(closesAt ? { closesAt } : {}),
        },
      };
    }
  }
}

/** Keys of the fields left empty that the mode needs, to flag before asking the server. */
export function missingFields(draft: ComposerDraft): string[] {
  const missing: string[] = [];
  const blank = (value: string) => value.trim() === '';
  switch (draft.mode) {
    case 'post':
      if (blank(draft.body) && draft.attachments.length === 0 && draft.files.length === 0) {
        missing.push('body');
      }
      break;
    case 'poll':
      if (blank(draft.poll.question)) missing.push('question');
      if (draft.poll.options.filter((o) => !blank(o)).length < 2) missing.push('options');
      if (draft.poll.quiz && !draft.poll.correct.some((i) => !blank(draft.poll.options[i] ?? ''))) {
        missing.push('quiz.correct');
      }
      break;
    case 'event':
      if (blank(draft.event.title)) missing.push('title');
      if (!fromLocalInput(draft.event.startsAt)) missing.push('startsAt');
      break;
    case 'announcement':
      if (blank(draft.body)) missing.push('body');
      break;
    case 'vacancy':
      if (blank(draft.vacancy.title)) missing.push('title');
      break;
  }
  return missing;
}
