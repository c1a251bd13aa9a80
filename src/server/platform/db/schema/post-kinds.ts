import type { Generated } from 'kysely';

/*
 * What the kinds of post beyond a plain one add: events and answers, polls and quizzes,
 * must-read announcements, vacancies and referrals.
 * Part of the `Database` that schema.ts assembles; import these types from there.
 */

export interface EventDetailsTable {
  post_id: string;
  title: string;
  starts_at: string;
  ends_at: string | null;
  location: string | null;
  online_url: string | null;
  remind_at: string | null;
  reminded_at: string | null;
}

export type RsvpAnswer = 'going' | 'maybe' | 'no';

export interface EventRsvpsTable {
  post_id: string;
  user_id: string;
  answer: RsvpAnswer;
  updated_at: string;
}

export interface PollsTable {
  post_id: string;
  question: string;
  multiple: Generated<number>;
  anonymous: Generated<number>;
  /** A quiz marks its correct options and shows them once the person has answered. */
  quiz: Generated<number>;
  closes_at: string | null;
}

export interface PollOptionsTable {
  id: string;
  post_id: string;
  position: number;
  text: string;
  correct: Generated<number>;
}

export interface PollVotesTable {
  post_id: string;
  option_id: string;
  user_id: string;
  created_at: string;
}

export interface AnnouncementReadsTable {
  post_id: string;
  user_id: string;
  confirmed_at: string;
}

export interface MustReadRemindersTable {
  post_id: string;
  next_at: string;
  sent_count: Generated<number>;
}

export interface VacancyDetailsTable {
  post_id: string;
  title: string;
  department_id: string | null;
  location: string | null;
  closes_at: string | null;
}

export interface ReferralsTable {
  id: string;
  post_id: string;
  referrer_id: string;
  candidate_name: string;
  candidate_email: string;
  candidate_phone: string | null;
  note: string | null;
  created_at: string;
}
