import { describe, expect, test } from 'vitest';
import {
  buildRequest,
  type ComposerDraft,
  emptyDraft,
  fromLocalInput,
  missingFields,
} from './composer-state.js';

function draft(patch: (d: ComposerDraft) => void, mode: ComposerDraft['mode']): ComposerDraft {
  const d = emptyDraft(mode);
  patch(d);
  return d;
}

describe('the composer turns drafts into requests', () => {
  test('a post keeps its Markdown as typed and sends attachments only when there are some', () => {
    const d = draft((x) => {
      x.body = '  **hi** @anna #news  ';
    }, 'post');
    expect(buildRequest(d, { type: 'company' })).toEqual({
      kind: 'post',
      body: { space: { type: 'company' }, body: '  **hi** @anna #news  ' },
    });
    d.attachments = ['a', 'b'];
    expect(buildRequest(d, { type: 'group', id: 'g1' }).body).toMatchObject({
      space: { type: 'group', id: 'g1' },
      attachments: ['a', 'b'],
    });
    expect(buildRequest(d, { type: 'company' }).body).not.toHaveProperty('files');
    d.files = ['f1'];
    expect(buildRequest(d, { type: 'company' }).body).toMatchObject({ files: ['f1'] });
  });

  test('a quiz drops empty options and renumbers its correct answers to match', () => {
    const d = draft((x) => {
      x.poll = {
        ...x.poll,
        question: ' Capital? ',
        options: ['Sydney', ' ', 'Canberra', ''],
        quiz: true,
        correct: [2],
      };
    }, 'poll');
    expect(buildRequest(d, { type: 'company' }).body).toEqual({
      space: { type: 'company' },
      body: '',
      question: 'Capital?',
      options: ['Sydney', 'Canberra'],
      multiple: false,
      anonymous: false,
      quiz: { correct: [1] },
    });
  });

  test('an event sends instants in UTC and leaves blank optional fields out', () => {
    const d = draft((x) => {
      x.event = {
        ...x.event,
        title: 'Dinner',
        startsAt: '2030-05-01T19:00',
        location: ' ',
        remindBefore: '60',
      };
    }, 'event');
    const body = buildRequest(d, { type: 'profile' }).body;
    expect(body).toEqual({
      space: { type: 'profile' },
      body: '',
      title: 'Dinner',
      startsAt: new Date('2030-05-01T19:00').toISOString(),
      remindBefore: 60,
    });
  });

  test('announcements and vacancies have no space', () => {
    const a = draft((x) => {
      x.body = 'Read me';
      x.announcement = { title: '', mustRead: true, departmentIds: ['d1'] };
    }, 'announcement');
    expect(buildRequest(a, { type: 'company' }).body).toEqual({
      body: 'Read me',
      mustRead: true,
      departmentIds: ['d1'],
    });
    const v = draft((x) => {
      x.vacancy = { title: 'Designer', departmentId: null, location: 'London', closesAt: '' };
    }, 'vacancy');
    expect(buildRequest(v, { type: 'company' }).body).toEqual({
      body: '',
      title: 'Designer',
      location: 'London',
    });
  });
});

describe('the composer names what is missing before asking the server', () => {
  test.each([
    ['post', (d: ComposerDraft) => d, ['body']],
    ['post', (d: ComposerDraft) => ({ ...d, attachments: ['img'] }), []],
    ['post', (d: ComposerDraft) => ({ ...d, files: ['doc'] }), []],
    ['poll', (d: ComposerDraft) => ({ ...d, files: ['doc'] }), ['question', 'options']],
    [
      'poll',
      (d: ComposerDraft) => ({ ...d, poll: { ...d.poll, options: ['one', ''] } }),
      ['question', 'options'],
    ],
    [
      'poll',
      (d: ComposerDraft) => ({ ...d, poll: { ...d.poll, question: 'Q', options: ['a', 'b'], quiz: true } }),
      ['quiz.correct'],
    ],
    [
      'event',
      (d: ComposerDraft) => ({ ...d, event: { ...d.event, startsAt: 'soon' } }),
      ['title', 'startsAt'],
    ],
    ['announcement', (d: ComposerDraft) => d, ['body']],
    ['vacancy', (d: ComposerDraft) => d, ['title']],
  ] as const)('%s', (mode, change, missing) => {
    expect(missingFields(change(emptyDraft(mode)))).toEqual(missing);
  });

  test('datetime-local values are read in the local time zone; anything else is no date', () => {
    expect(fromLocalInput('2030-05-01T19:00')).toBe(new Date('2030-05-01T19:00').toISOString());
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('2030-13-45T99:00')).toBeUndefined();
  });
});
