import { z } from 'zod';
import { pageQuerySchema, pageSchema } from './pagination.js';

/**
 * Contracts of the kinds of posts (P5, P6, P8, P11): events with RSVP and reminders, polls and
 * quizzes, announcements with "must read" confirmations, vacancies with referrals. A kind post
 * is a post (`kind` says which) whose view embeds the fields of `postKindViewsSchema`.
 *
 * Titles, questions, options and places are plain text, never HTML: stored after the one
 * documented normalisation of `src/shared/text.ts` (`cleanLine`; notes `cleanText`) and shown
 * as text by the client.
 */

/** Length and count limits shared by the server's validation and the web forms. */
export const postKindLimits = {
  body: 20_000,
  title: 200,
  location: 300,
  url: 2000,
  question: 300,
  option: 200,
  optionsMin: 2,
  optionsMax: 20,
  /** Minutes before the start an event reminder may be set to: 30 days. */
  remindBeforeMax: 43_200,
  departments: 100,
  candidateName: 200,
  candidateEmail: 320,
  candidatePhone: 64,
  note: 4000,
} as const;

const id = z.uuid();
const isoDateTime = z.iso.datetime({ offset: true });
const body = z.string().max(postKindLimits.body).default('');

/** Where a new event or poll is published, as for plain posts (`spaceRefSchema` of posts.ts). */
export const kindSpaceSchema = z.strictObject({
  type: z.enum(['company', 'group', 'profile']),
  id: id.optional(),
});

function isWebUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}

/** A person as the kind lists show them. */
export const personRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  photoUrl: z.string().nullable(),
  /** An external guest (issue 4): the UI marks them. */
  isGuest: z.boolean(),
});
export type PersonRef = z.infer<typeof personRefSchema>;

/** `{ id }` of the post a kind route acts on. */
export const kindPostParamsSchema = z.object({ id });

export const rsvpAnswerSchema = z.enum(['going', 'maybe', 'no']);
export type RsvpAnswerValue = z.infer<typeof rsvpAnswerSchema>;

export const createEventBodySchema = z.strictObject({
  space: kindSpaceSchema,
  body,
  title: z.string().max(postKindLimits.title),
  startsAt: isoDateTime,
  endsAt: isoDateTime.optional(),
  location: z.string().max(postKindLimits.location).optional(),
  onlineUrl: z
    .string()
    .max(postKindLimits.url)
    .refine(isWebUrl, { message: 'Only http and https links are accepted' })
    .optional(),
  /** Minutes before the start to remind those going or maybe; no reminder when absent. */
  remindBefore: z.number().int().min(0).max(postKindLimits.remindBeforeMax).optional(),
});
export type CreateEventBody = z.infer<typeof createEventBodySchema>;

export const eventViewSchema = z.object({
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  location: z.string().nullable(),
  /** An http or https address (checked on the way in). */
  onlineUrl: z.string().nullable(),
  remindBefore: z.number().int().nullable(),
  /** Answers so far, by kind. */
  rsvps: z.object({ going: z.number().int(), maybe: z.number().int(), no: z.number().int() }),
  myAnswer: rsvpAnswerSchema.nullable(),
  /** Has the event ended (its end, or its start when it has no end, has passed)? */
  ended: z.boolean(),
  /** Where the calendar file is downloaded. */
  icsUrl: z.string(),
  abilities: z.object({ rsvp: z.boolean() }),
});
export type EventView = z.infer<typeof eventViewSchema>;

export const rsvpBodySchema = z.strictObject({ answer: rsvpAnswerSchema });
export const rsvpListQuerySchema = pageQuerySchema.extend({ answer: rsvpAnswerSchema.optional() });
export const rsvpItemSchema = z.object({
  user: personRefSchema,
  answer: rsvpAnswerSchema,
  answeredAt: z.string(),
});
export const rsvpPageSchema = pageSchema(rsvpItemSchema);

export const createPollBodySchema = z.strictObject({
  space: kindSpaceSchema,
  body,
  question: z.string().max(postKindLimits.question),
  options: z
    .array(z.string().max(postKindLimits.option))
    .min(postKindLimits.optionsMin)
    .max(postKindLimits.optionsMax),
  multiple: z.boolean().optional(),
  anonymous: z.boolean().optional(),
  /** Makes the poll a quiz: the indexes (into `options`) of the correct answers. */
  quiz: z
    .strictObject({
      correct: z
        .array(
          z
            .number()
            .int()
            .min(0)
            .max(postKindLimits.optionsMax - 1),
        )
        .min(1)
        .max(postKindLimits.optionsMax),
    })
    .optional(),
  closesAt: isoDateTime.optional(),
});
export type CreatePollBody = z.infer<typeof createPollBodySchema>;

export const pollOptionViewSchema = z.object({
  id: z.string(),
  text: z.string(),
  votes: z.number().int(),
  votedByMe: z.boolean(),
  /** Quizzes only, once revealed (the viewer answered, the quiz closed, or it is theirs); else null. */
  correct: z.boolean().nullable(),
});

export const pollViewSchema = z.object({
  question: z.string(),
  multiple: z.boolean(),
  anonymous: z.boolean(),
  quiz: z.boolean(),
  closesAt: z.string().nullable(),
  closed: z.boolean(),
  options: z.array(pollOptionViewSchema),
  /** People who voted (a person choosing several options counts once). */
  totalVoters: z.number().int(),
  /** The option ids the viewer chose; empty before they vote. */
  myChoice: z.array(z.string()),
  /** A quiz the viewer answered: whether the answer was exactly the correct options. */
  quizResult: z.enum(['correct', 'incorrect']).nullable(),
  abilities: z.object({
    vote: z.boolean(),
    /** See who voted for what: never for anonymous polls, not even their author. */
    listVoters: z.boolean(),
  }),
});
export type PollView = z.infer<typeof pollViewSchema>;

export const voteBodySchema = z.strictObject({
  optionIds: z.array(id).min(1).max(postKindLimits.optionsMax),
});
export const voteListQuerySchema = pageQuerySchema.extend({ optionId: id.optional() });
export const voteItemSchema = z.object({
  user: personRefSchema,
  optionId: z.string(),
  votedAt: z.string(),
});
export const votePageSchema = pageSchema(voteItemSchema);

export const createAnnouncementBodySchema = z.strictObject({
  body,
  /** Shown as the announcement's heading. */
  title: z.string().max(postKindLimits.title).optional(),
  mustRead: z.boolean().optional(),
  /** The departments it is for, each with its sub-departments; empty or absent: everyone. */
  departmentIds: z.array(id).max(postKindLimits.departments).optional(),
});
export type CreateAnnouncementBody = z.infer<typeof createAnnouncementBodySchema>;

export const announcementViewSchema = z.object({
  mustRead: z.boolean(),
  /** The departments chosen (sub-departments are included without being listed); null: everyone. */
  audience: z.array(z.object({ id: z.string(), name: z.string() })).nullable(),
  /** When the viewer confirmed having read it. */
  confirmedAt: z.string().nullable(),
  /** Must-read progress, for its author and moderators only. */
  readStats: z.object({ confirmed: z.number().int(), pending: z.number().int() }).nullable(),
  abilities: z.object({
    /** The viewer is a recipient of a must-read announcement and has not confirmed yet. */
    confirm: z.boolean(),
    seeReaders: z.boolean(),
    remind: z.boolean(),
  }),
});
export type AnnouncementView = z.infer<typeof announcementViewSchema>;

export const readConfirmationSchema = z.object({ confirmedAt: z.string() });
export const readerStatusSchema = z.enum(['confirmed', 'pending']);
export const readerListQuerySchema = pageQuerySchema.extend({
  status: readerStatusSchema.default('pending'),
});
export const readerItemSchema = z.object({ user: personRefSchema, confirmedAt: z.string().nullable() });
export const readerPageSchema = pageSchema(readerItemSchema).extend({
  counts: z.object({ confirmed: z.number().int(), pending: z.number().int() }),
});
export const remindResponseSchema = z.object({ notified: z.number().int() });

export const createVacancyBodySchema = z.strictObject({
  body,
  title: z.string().max(postKindLimits.title),
  departmentId: id.optional(),
  location: z.string().max(postKindLimits.location).optional(),
  closesAt: isoDateTime.optional(),
});
export type CreateVacancyBody = z.infer<typeof createVacancyBodySchema>;

export const vacancyViewSchema = z.object({
  title: z.string(),
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
  location: z.string().nullable(),
  closesAt: z.string().nullable(),
  closed: z.boolean(),
  /** Referrals received: for the author and administrators only. */
  referralCount: z.number().int().nullable(),
  /** Referrals the viewer made for it. */
  myReferralCount: z.number().int(),
  abilities: z.object({ refer: z.boolean(), listReferrals: z.boolean() }),
});
export type VacancyView = z.infer<typeof vacancyViewSchema>;

export const createReferralBodySchema = z.strictObject({
  candidateName: z.string().max(postKindLimits.candidateName),
  candidateEmail: z.string().max(postKindLimits.candidateEmail),
  candidatePhone: z.string().max(postKindLimits.candidatePhone).optional(),
  note: z.string().max(postKindLimits.note).optional(),
});
export type CreateReferralBody = z.infer<typeof createReferralBodySchema>;

export const referralSchema = z.object({
  id: z.string(),
  referrer: personRefSchema,
  candidateName: z.string(),
  candidateEmail: z.string(),
  candidatePhone: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type Referral = z.infer<typeof referralSchema>;
export const referralPageSchema = pageSchema(referralSchema);

/** The kind-specific part of a post as the viewer sees it; at most one is present. */
export const postKindViewsSchema = z.object({
  event: eventViewSchema.optional(),
  poll: pollViewSchema.optional(),
  announcement: announcementViewSchema.optional(),
  vacancy: vacancyViewSchema.optional(),
});
export type PostKindViews = z.infer<typeof postKindViewsSchema>;
