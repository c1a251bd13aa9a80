/**
 * Error codes of posts and what hangs off them: comments, reactions, mentions, uploads, the
 * kinds of post (events, polls, quizzes, announcements, vacancies), reports, pins, banners and
 * stories, part of the one catalogue in errors.ts (kept apart so that file stays readable).
 */
export const postErrors = {
  POST_NOT_FOUND: { status: 404, en: 'This post was not found.', ru: 'Публикация не найдена.' },
  TOPIC_NOT_FOUND: { status: 404, en: 'This topic was not found.', ru: 'Тема не найдена.' },
  POST_BODY_EMPTY: {
    status: 400,
    en: 'Write something first (invisible characters do not count), or attach an image.',
    ru: 'Сначала напишите что-нибудь (невидимые символы не считаются) или приложите изображение.',
  },
  SPACE_NOT_FOUND: {
    status: 404,
    en: 'The place to publish in was not found.',
    ru: 'Место для публикации не найдено.',
  },
  SHARED_POST_NOT_FOUND: {
    status: 400,
    en: 'The post you are sharing does not exist or is not visible to you.',
    ru: 'Публикация, которой вы делитесь, не существует или вам недоступна.',
  },
  ATTACHMENT_INVALID: {
    status: 400,
    en: 'Attachments must be images you uploaded yourself.',
    ru: 'Прикладывать можно только изображения, загруженные вами.',
  },
  POST_FILES_INVALID: {
    status: 400,
    en: 'Only files you uploaded to your own library and have not attached elsewhere can be attached (at most {max}).',
    ru: 'Прикладывать можно только файлы из вашей библиотеки, ещё не прикреплённые к другим публикациям (не больше {max}).',
  },
  COMMENT_NOT_FOUND: { status: 404, en: 'This comment was not found.', ru: 'Комментарий не найден.' },
  COMMENT_BODY_EMPTY: {
    status: 400,
    en: 'The comment is empty (invisible characters do not count).',
    ru: 'Комментарий пустой (невидимые символы не считаются).',
  },
  COMMENTS_LOCKED: {
    status: 409,
    en: 'Comments on this post are closed.',
    ru: 'Комментарии к этой публикации закрыты.',
  },
  REACTION_NOT_ALLOWED: {
    status: 400,
    en: 'This reaction is not available. Choose one of: {allowed}',
    ru: 'Такой реакции нет. Выберите одну из: {allowed}',
  },
  MENTION_RATE_LIMITED: {
    status: 429,
    en: 'You have notified whole groups or departments too often. Wait {retryAfter} seconds, or publish without the group or department mention.',
    ru: 'Вы слишком часто оповещали целые группы или подразделения. Подождите {retryAfter} с или опубликуйте без упоминания группы или подразделения.',
  },
  UPLOAD_NOT_FOUND: { status: 404, en: 'This file was not found.', ru: 'Файл не найден.' },
  UPLOAD_MISSING: {
    status: 400,
    en: 'Send the image as multipart/form-data in the field "file".',
    ru: 'Отправьте изображение как multipart/form-data в поле «file».',
  },
  UPLOAD_NOT_IMAGE: {
    status: 415,
    en: 'Only JPEG, PNG, GIF and WebP images can be uploaded.',
    ru: 'Загружать можно только изображения JPEG, PNG, GIF и WebP.',
  },
  UPLOAD_TOO_LARGE: {
    status: 413,
    en: 'The image is larger than {maxMb} MB.',
    ru: 'Изображение больше {maxMb} МБ.',
  },
  NOT_AN_EVENT: { status: 404, en: 'This post is not an event.', ru: 'Эта публикация — не событие.' },
  NOT_A_POLL: { status: 404, en: 'This post is not a poll.', ru: 'Эта публикация — не опрос.' },
  NOT_AN_ANNOUNCEMENT: {
    status: 404,
    en: 'This post is not an announcement.',
    ru: 'Эта публикация — не объявление.',
  },
  NOT_A_VACANCY: { status: 404, en: 'This post is not a vacancy.', ru: 'Эта публикация — не вакансия.' },
  KIND_TITLE_EMPTY: {
    status: 400,
    en: 'The title cannot be empty (invisible characters do not count).',
    ru: 'Заголовок не может быть пустым (невидимые символы не считаются).',
  },
  EVENT_ENDS_BEFORE_START: {
    status: 400,
    en: 'An event cannot end before it starts.',
    ru: 'Событие не может закончиться раньше, чем начнётся.',
  },
  EVENT_ENDED: {
    status: 409,
    en: 'This event is over: answers are no longer accepted.',
    ru: 'Это событие уже прошло: ответы больше не принимаются.',
  },
  CLOSING_TIME_PAST: {
    status: 400,
    en: 'The closing time must be in the future.',
    ru: 'Время закрытия должно быть в будущем.',
  },
  POLL_QUESTION_EMPTY: {
    status: 400,
    en: 'The question cannot be empty (invisible characters do not count).',
    ru: 'Вопрос не может быть пустым (невидимые символы не считаются).',
  },
  POLL_OPTION_EMPTY: {
    status: 400,
    en: 'Every answer option needs some text (invisible characters do not count).',
    ru: 'У каждого варианта ответа должен быть текст (невидимые символы не считаются).',
  },
  QUIZ_INVALID_ANSWER: {
    status: 400,
    en: 'The correct answers of a quiz must be distinct options of the quiz; a single-choice quiz has exactly one.',
    ru: 'Правильные ответы викторины должны быть разными вариантами из списка; в викторине с одним ответом правильный ровно один.',
  },
  POLL_CLOSED: {
    status: 409,
    en: 'This poll is closed: votes are no longer accepted.',
    ru: 'Опрос закрыт: голоса больше не принимаются.',
  },
  POLL_INVALID_CHOICE: {
    status: 400,
    en: 'Choose options of this poll: one, or several distinct ones if the poll allows it.',
    ru: 'Выберите варианты этого опроса: один или несколько разных, если опрос это допускает.',
  },
  QUIZ_ALREADY_ANSWERED: {
    status: 409,
    en: 'You have already answered this quiz: the first answer counts.',
    ru: 'Вы уже ответили на эту викторину: засчитывается первый ответ.',
  },
  POLL_ANONYMOUS: {
    status: 403,
    en: 'This poll is anonymous: nobody can see who voted for what.',
    ru: 'Опрос анонимный: никто не видит, кто как голосовал.',
  },
  POLL_OPTION_NOT_FOUND: {
    status: 404,
    en: 'This poll has no such option.',
    ru: 'В этом опросе нет такого варианта.',
  },
  ANNOUNCEMENT_FORBIDDEN: {
    status: 403,
    en: 'Only administrators and moderators publish announcements and vacancies.',
    ru: 'Публиковать объявления и вакансии могут только администраторы и модераторы.',
  },
  NOT_MUST_READ: {
    status: 409,
    en: 'This announcement does not ask for a read confirmation.',
    ru: 'Это объявление не требует подтверждения о прочтении.',
  },
  NOT_A_RECIPIENT: {
    status: 403,
    en: 'This announcement is not addressed to you, so there is nothing to confirm.',
    ru: 'Это объявление адресовано не вам, подтверждать нечего.',
  },
  VACANCY_CLOSED: {
    status: 409,
    en: 'This vacancy is closed: recommendations are no longer accepted.',
    ru: 'Вакансия закрыта: рекомендации больше не принимаются.',
  },
  REFERRAL_DUPLICATE: {
    status: 409,
    en: 'This candidate has already been recommended for this vacancy.',
    ru: 'Этого кандидата уже рекомендовали на эту вакансию.',
  },
  CANDIDATE_NAME_EMPTY: {
    status: 400,
    en: 'Give the candidate’s name (invisible characters do not count).',
    ru: 'Укажите имя кандидата (невидимые символы не считаются).',
  },
  REPORT_NOT_FOUND: { status: 404, en: 'This report was not found.', ru: 'Жалоба не найдена.' },
  ALREADY_REPORTED: {
    status: 409,
    en: 'You have already reported this; the moderators have not decided yet.',
    ru: 'Вы уже пожаловались на это; модераторы ещё не приняли решение.',
  },
  REPORT_ALREADY_RESOLVED: {
    status: 409,
    en: 'This report has already been resolved.',
    ru: 'По этой жалобе уже принято решение.',
  },
  REPORT_REASON_EMPTY: {
    status: 400,
    en: 'Say what is wrong (invisible characters do not count).',
    ru: 'Опишите, что не так (невидимые символы не считаются).',
  },
  CANNOT_REPORT_OWN: {
    status: 400,
    en: 'You cannot report what you wrote yourself.',
    ru: 'Нельзя пожаловаться на собственную публикацию или комментарий.',
  },
  PIN_LIMIT: {
    status: 409,
    en: 'At most {max} posts can be pinned here. Unpin one first.',
    ru: 'Здесь можно закрепить не больше {max} публикаций. Сначала открепите одну из них.',
  },
  BANNER_NOT_FOUND: { status: 404, en: 'This banner was not found.', ru: 'Баннер не найден.' },
  BANNER_TITLE_EMPTY: {
    status: 400,
    en: 'The banner needs a title (invisible characters do not count).',
    ru: 'У баннера должен быть заголовок (невидимые символы не считаются).',
  },
  BANNER_ENDS_IN_PAST: {
    status: 400,
    en: 'The end date of a banner must be in the future.',
    ru: 'Дата окончания баннера должна быть в будущем.',
  },
  STORY_NOT_FOUND: {
    status: 404,
    en: 'This story was not found or has expired.',
    ru: 'История не найдена или её срок истёк.',
  },
  STORY_EMPTY: {
    status: 400,
    en: 'A story needs text or a picture.',
    ru: 'В истории должен быть текст или картинка.',
  },
  STORY_UPLOAD_INVALID: {
    status: 400,
    en: 'The picture of a story must be an image you uploaded yourself.',
    ru: 'Картинкой истории может быть только изображение, загруженное вами.',
  },
  STORY_LIMIT: {
    status: 409,
    en: 'You already have {max} stories running. Wait for one to expire or delete one.',
    ru: 'У вас уже {max} активных историй. Дождитесь окончания одной из них или удалите её.',
  },
} as const satisfies Record<string, { status: number; en: string; ru: string }>;
