import { chatErrors } from './chat-errors.js';

/**
 * The stable catalogue of error codes: each has an HTTP status and a message a person can read,
 * in English and Russian. `{name}` placeholders are filled from the error's params. Clients match
 * on `code`, never on the message.
 */
export const errorCatalogue = {
  ...chatErrors,
  VALIDATION_FAILED: {
    status: 400,
    en: 'Some fields are not valid.',
    ru: 'Некоторые поля заполнены неверно.',
  },
  BAD_REQUEST: {
    status: 400,
    en: 'The request could not be understood.',
    ru: 'Запрос не удалось разобрать.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    en: 'This kind of request body is not accepted here.',
    ru: 'Такой формат тела запроса здесь не принимается.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, en: 'The request is too large.', ru: 'Запрос слишком большой.' },
  NOT_FOUND: { status: 404, en: 'Nothing was found at this address.', ru: 'По этому адресу ничего нет.' },
  METHOD_NOT_ALLOWED: {
    status: 405,
    en: 'This method is not allowed here.',
    ru: 'Этот метод здесь не разрешён.',
  },
  INTERNAL: {
    status: 500,
    en: 'Something went wrong on our side. Please try again; if it keeps happening, tell your administrator the request id.',
    ru: 'Что-то пошло не так на нашей стороне. Попробуйте ещё раз; если ошибка повторяется, сообщите администратору номер запроса.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    en: 'The service is temporarily unavailable. Please try again shortly.',
    ru: 'Сервис временно недоступен. Попробуйте чуть позже.',
  },
  CONFLICT: {
    status: 409,
    en: 'Someone changed the same thing at the same moment. Reload and try again.',
    ru: 'Кто-то изменил то же самое одновременно с вами. Обновите страницу и повторите.',
  },
  RATE_LIMITED: {
    status: 429,
    en: 'Too many attempts. Please wait {retryAfter} seconds and try again.',
    ru: 'Слишком много попыток. Подождите {retryAfter} с и попробуйте снова.',
  },

  UNAUTHENTICATED: { status: 401, en: 'Please sign in first.', ru: 'Сначала войдите в систему.' },
  FORBIDDEN: {
    status: 403,
    en: 'You do not have permission to do this.',
    ru: 'У вас нет прав на это действие.',
  },
  CSRF_TOKEN_INVALID: {
    status: 403,
    en: 'The security token of this page is missing or out of date. Reload the page and try again.',
    ru: 'Токен безопасности страницы отсутствует или устарел. Обновите страницу и повторите.',
  },
  ORIGIN_NOT_ALLOWED: {
    status: 403,
    en: 'Requests from another site are not accepted.',
    ru: 'Запросы с другого сайта не принимаются.',
  },

  SETUP_ALREADY_DONE: {
    status: 409,
    en: 'Atrium is already set up for this company.',
    ru: 'Atrium для этой компании уже настроен.',
  },
  SETUP_REQUIRED: {
    status: 409,
    en: 'Atrium has not been set up yet. Open the setup page first.',
    ru: 'Atrium ещё не настроен. Сначала откройте страницу настройки.',
  },
  INVALID_CREDENTIALS: {
    status: 401,
    en: 'The e-mail or password is not correct.',
    ru: 'Неверный e-mail или пароль.',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    en: 'Too many failed sign-in attempts. Reset your password by e-mail to sign in again.',
    ru: 'Слишком много неудачных попыток входа. Сбросьте пароль через e-mail, чтобы войти снова.',
  },
  PASSWORD_EXPIRED: {
    status: 403,
    en: 'Your password has expired. Set a new one through "Forgot password".',
    ru: 'Срок действия пароля истёк. Задайте новый через «Забыли пароль».',
  },
  REGISTRATION_NOT_ALLOWED: {
    status: 403,
    en: 'This e-mail address cannot be used to register. Use your work e-mail, or ask your administrator for access.',
    ru: 'С этим адресом зарегистрироваться нельзя. Используйте рабочий e-mail или попросите доступ у администратора.',
  },
  TOKEN_INVALID: {
    status: 400,
    en: 'This link is invalid or has expired. Request a new one.',
    ru: 'Ссылка недействительна или устарела. Запросите новую.',
  },
  VERIFY_PASSWORD_MISMATCH: {
    status: 400,
    en: 'This is not the password chosen at sign-up. If you did not sign up yourself, ignore the e-mail; otherwise sign up again to choose a new password.',
    ru: 'Это не тот пароль, что был указан при регистрации. Если вы не регистрировались, просто проигнорируйте письмо; иначе зарегистрируйтесь заново и задайте новый пароль.',
  },
  PASSWORD_TOO_SHORT: {
    status: 400,
    en: 'The password must be at least {min} characters long.',
    ru: 'Пароль должен быть не короче {min} символов.',
  },
  PASSWORD_TOO_LONG: {
    status: 400,
    en: 'The password must be at most {max} characters long.',
    ru: 'Пароль должен быть не длиннее {max} символов.',
  },
  PASSWORD_BLOCKLISTED: {
    status: 400,
    en: 'This password is too common or too easy to guess ({reason}). Choose another one.',
    ru: 'Этот пароль слишком распространён или легко угадывается ({reason}). Выберите другой.',
  },
  PASSWORD_COMPOSITION: {
    status: 400,
    en: 'The password needs at least {count} {kind}.',
    ru: 'В пароле нужно не меньше {count}: {kind}.',
  },
  PASSWORD_REUSED: {
    status: 400,
    en: 'This password was used recently. Choose one you have not used before.',
    ru: 'Этот пароль недавно использовался. Выберите новый.',
  },
  CURRENT_PASSWORD_INCORRECT: {
    status: 400,
    en: 'The current password is not correct.',
    ru: 'Текущий пароль указан неверно.',
  },
  EMAIL_INVALID: {
    status: 400,
    en: 'This is not a valid e-mail address.',
    ru: 'Это неправильный адрес e-mail.',
  },
  DOMAIN_INVALID: {
    status: 400,
    en: '"{domain}" is not a valid domain name.',
    ru: '«{domain}» — неправильное доменное имя.',
  },
  SESSION_NOT_FOUND: { status: 404, en: 'This session does not exist.', ru: 'Такого сеанса нет.' },

  USER_NOT_FOUND: { status: 404, en: 'This person was not found.', ru: 'Сотрудник не найден.' },
  USER_EMAIL_TAKEN: {
    status: 409,
    en: 'A person with this e-mail already exists.',
    ru: 'Сотрудник с таким e-mail уже есть.',
  },
  USER_DEACTIVATED: {
    status: 403,
    en: 'This account has been deactivated. Contact your administrator.',
    ru: 'Эта учётная запись отключена. Обратитесь к администратору.',
  },
  CANNOT_CHANGE_OWN_ROLE: {
    status: 409,
    en: 'You cannot change your own role or deactivate yourself.',
    ru: 'Нельзя менять собственную роль или отключать самого себя.',
  },
  LAST_ADMIN: {
    status: 409,
    en: 'At least one active administrator must remain.',
    ru: 'Должен остаться хотя бы один активный администратор.',
  },
  MANAGER_CYCLE: {
    status: 409,
    en: 'This would make a person their own manager through a chain of managers.',
    ru: 'Так сотрудник стал бы руководителем самого себя через цепочку руководителей.',
  },
  DEPARTMENT_NOT_FOUND: {
    status: 404,
    en: 'This department was not found.',
    ru: 'Подразделение не найдено.',
  },
  DEPARTMENT_CYCLE: {
    status: 409,
    en: 'A department cannot be placed inside itself or its own sub-department.',
    ru: 'Подразделение нельзя вложить в само себя или в своё дочернее подразделение.',
  },
  DEPARTMENT_NOT_EMPTY: {
    status: 409,
    en: 'This department still has people or sub-departments. Move them first.',
    ru: 'В подразделении ещё есть сотрудники или дочерние подразделения. Сначала перенесите их.',
  },
  CANNOT_FOLLOW_SELF: {
    status: 400,
    en: 'You cannot follow yourself.',
    ru: 'Нельзя подписаться на самого себя.',
  },
  IMPORT_INVALID_FILE: {
    status: 400,
    en: 'The CSV file could not be read: {reason}',
    ru: 'CSV-файл не удалось прочитать: {reason}',
  },
  IMPORT_MASS_DEACTIVATION: {
    status: 409,
    en: 'This import would deactivate {count} of {total} people (more than {percent}%). Check the file, or confirm with "force".',
    ru: 'Импорт отключил бы {count} из {total} сотрудников (больше {percent}%). Проверьте файл или подтвердите принудительно.',
  },
  PHOTO_INVALID: {
    status: 400,
    en: 'The photo must be a JPEG, PNG or WebP image of at most 5 MB.',
    ru: 'Фото должно быть в формате JPEG, PNG или WebP и не больше 5 МБ.',
  },
  PHOTO_NOT_FOUND: { status: 404, en: 'This person has no photo.', ru: 'У сотрудника нет фото.' },
  INVALID_CURSOR: {
    status: 400,
    en: 'The page cursor is not valid. Start again from the first page.',
    ru: 'Неверный курсор страницы. Начните с первой страницы.',
  },
  NAME_EMPTY: {
    status: 400,
    en: 'The name cannot be empty (invisible characters do not count).',
    ru: 'Имя не может быть пустым (невидимые символы не считаются).',
  },
  USER_INACTIVE: {
    status: 409,
    en: 'This person has been deactivated.',
    ru: 'Этот сотрудник отключён.',
  },
  EMPLOYEE_ID_TAKEN: {
    status: 409,
    en: 'Another person already has this employee number.',
    ru: 'Этот табельный номер уже у другого сотрудника.',
  },
  MANAGER_NOT_FOUND: {
    status: 400,
    en: 'The manager must be an existing active person.',
    ru: 'Руководителем может быть только существующий активный сотрудник.',
  },
  REFERENCED_DEPARTMENT_NOT_FOUND: {
    status: 400,
    en: 'The chosen department does not exist.',
    ru: 'Выбранное подразделение не существует.',
  },
  DEPARTMENT_HEAD_NOT_FOUND: {
    status: 400,
    en: 'The head of a department must be an existing active person.',
    ru: 'Руководителем подразделения может быть только существующий активный сотрудник.',
  },
  DEPARTMENT_NAME_TAKEN: {
    status: 409,
    en: 'There is already a department with this name at this place in the tree.',
    ru: 'Подразделение с таким названием на этом уровне дерева уже есть.',
  },
  GROUP_NOT_FOUND: { status: 404, en: 'This group was not found.', ru: 'Группа не найдена.' },
  ALREADY_MEMBER: {
    status: 409,
    en: 'This person is already a member of the group.',
    ru: 'Этот сотрудник уже состоит в группе.',
  },
  NOT_A_MEMBER: {
    status: 404,
    en: 'This person is not a member of the group.',
    ru: 'Этот сотрудник не состоит в группе.',
  },
  JOIN_REQUEST_NOT_FOUND: {
    status: 404,
    en: 'There is no request from this person to join the group.',
    ru: 'Заявки этого сотрудника на вступление в группу нет.',
  },
  GROUP_INVITE_NOT_FOUND: {
    status: 404,
    en: 'There is no invitation to this group for you.',
    ru: 'Приглашения в эту группу для вас нет.',
  },
  LAST_GROUP_ADMIN: {
    status: 409,
    en: 'A group needs at least one administrator. Make someone else an administrator first.',
    ru: 'В группе должен остаться хотя бы один администратор. Сначала назначьте администратором кого-то ещё.',
  },
  DEPARTMENT_MEMBERSHIP: {
    status: 409,
    en: 'This membership comes from the department linked to the group: it ends only when the person leaves the department or the link is removed.',
    ru: 'Членство определяется подразделением, привязанным к группе: оно заканчивается, только когда сотрудник уходит из подразделения или привязку снимают.',
  },
  GROUP_GUEST_NEEDS_ADMIN: {
    status: 403,
    en: 'Only the group’s administrators can add a guest.',
    ru: 'Добавить гостя могут только администраторы группы.',
  },
  GROUP_GUEST_ROLE: {
    status: 409,
    en: 'Guests can only be ordinary members of a group.',
    ru: 'Гости могут быть в группе только обычными участниками.',
  },
  IMPORT_HAS_ERRORS: {
    status: 400,
    en: 'The file has {count} rows with errors. Run a dry run to see them, fix the file and import again.',
    ru: 'В файле {count} строк с ошибками. Запустите пробный импорт, чтобы их увидеть, исправьте файл и повторите.',
  },
  DEMO_ALREADY_SEEDED: {
    status: 409,
    en: 'The demo company has already been added.',
    ru: 'Демо-компания уже добавлена.',
  },
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

  NOTIFICATION_NOT_FOUND: {
    status: 404,
    en: 'This notification was not found.',
    ru: 'Уведомление не найдено.',
  },

  // Guests (issue 4): invitations of external people into groups, and their access end.
  GUEST_INVITATION_NOT_FOUND: {
    status: 404,
    en: 'This invitation was not found. Check that the link was copied whole, or ask for a new invitation.',
    ru: 'Приглашение не найдено. Проверьте, что ссылка скопирована целиком, или попросите новое приглашение.',
  },
  GUEST_INVITATION_USED: {
    status: 410,
    en: 'This invitation has already been accepted. Sign in with the e-mail address and password chosen then.',
    ru: 'Это приглашение уже принято. Войдите с адресом e-mail и паролем, выбранными тогда.',
  },
  GUEST_INVITATION_REVOKED: {
    status: 410,
    en: 'This invitation was withdrawn. Ask the person who invited you for a new one.',
    ru: 'Это приглашение отозвано. Попросите пригласившего вас прислать новое.',
  },
  GUEST_INVITATION_EXPIRED: {
    status: 410,
    en: 'This invitation link has expired. Ask the person who invited you for a new invitation.',
    ru: 'Срок действия ссылки-приглашения истёк. Попросите пригласившего вас прислать новое приглашение.',
  },
  GUEST_INVITATION_GROUPS_GONE: {
    status: 410,
    en: 'The groups of this invitation no longer exist, so there is nothing to join.',
    ru: 'Групп из этого приглашения больше нет, присоединиться не к чему.',
  },
  GUEST_INVITATION_ACCEPTED: {
    status: 409,
    en: "This invitation has already been accepted; to end the guest's access, remove them from the group.",
    ru: 'Это приглашение уже принято; чтобы закрыть гостю доступ, удалите его из группы.',
  },
  GUEST_ALREADY_INVITED: {
    status: 409,
    en: 'This address already has a pending invitation to this group. Withdraw it first to send a new one.',
    ru: 'На этот адрес уже отправлено приглашение в эту группу. Чтобы отправить новое, сначала отзовите прежнее.',
  },
  GUEST_EMAIL_EMPLOYEE: {
    status: 409,
    en: 'This address belongs to a person of the company: add them to the group as a member instead.',
    ru: 'Этот адрес принадлежит сотруднику компании: добавьте его в группу как участника.',
  },
  GUEST_EMAIL_COMPANY_DOMAIN: {
    status: 409,
    en: "Addresses on the company's domain {domain} sign up as employees, not guests. Once they have signed up, add them as members.",
    ru: 'Адреса на домене компании {domain} регистрируются как сотрудники, а не гости. После регистрации добавьте их в группу как участников.',
  },
  GUEST_DEACTIVATED: {
    status: 409,
    en: "An administrator deactivated this guest's account; only an administrator can restore it.",
    ru: 'Учётную запись этого гостя отключил администратор; восстановить её может только администратор.',
  },
  GUEST_ACCOUNT_EXISTS: {
    status: 409,
    en: 'An account with this e-mail address already exists. Sign in instead.',
    ru: 'Учётная запись с этим адресом e-mail уже существует. Войдите в неё.',
  },
  GUEST_EXPIRY_PAST: {
    status: 400,
    en: "The date the guest's access ends must be in the future.",
    ru: 'Дата окончания гостевого доступа должна быть в будущем.',
  },
  GUEST_EXPIRY_TOO_FAR: {
    status: 400,
    en: 'Guest access can be given for at most {days} days.',
    ru: 'Гостевой доступ можно дать не больше чем на {days} дней.',
  },
  GUEST_EXPIRY_NOT_GUEST: {
    status: 400,
    en: 'Only a guest’s access has an end date. Make the person a guest to set one.',
    ru: 'Дата окончания доступа бывает только у гостей. Сделайте человека гостем, чтобы её задать.',
  },

  // Document libraries (issue 4): files, folders, versions, shares, links, comments.
  FILE_NOT_FOUND: { status: 404, en: 'This file was not found.', ru: 'Файл не найден.' },
  FOLDER_NOT_FOUND: { status: 404, en: 'This folder was not found.', ru: 'Папка не найдена.' },
  FILE_LIBRARY_NOT_FOUND: {
    status: 404,
    en: 'This document library was not found.',
    ru: 'Библиотека документов не найдена.',
  },
  FILE_VERSION_NOT_FOUND: {
    status: 404,
    en: 'This version of the file was not found.',
    ru: 'Такой версии файла нет.',
  },
  FILE_COMMENT_NOT_FOUND: {
    status: 404,
    en: 'This comment was not found.',
    ru: 'Комментарий не найден.',
  },
  FILE_SHARE_NOT_FOUND: {
    status: 404,
    en: 'This share was not found.',
    ru: 'Такой доступ не найден.',
  },
  FILE_LINK_NOT_FOUND: {
    status: 404,
    en: 'This link was not found. Check that it was copied whole.',
    ru: 'Ссылка не найдена. Проверьте, что она скопирована целиком.',
  },
  FILE_LINK_EXPIRED: {
    status: 410,
    en: 'This link has expired or was revoked. Ask the person who sent it for a new one.',
    ru: 'Срок действия ссылки истёк, или её отозвали. Попросите прислать новую.',
  },
  FILE_TOO_LARGE: {
    status: 413,
    en: 'The file is larger than the limit of {maxMb} MB.',
    ru: 'Файл больше допустимых {maxMb} МБ.',
  },
  FILE_QUOTA_EXCEEDED: {
    status: 413,
    en: 'This upload does not fit in your storage quota of {quotaMb} MB: {leftMb} MB left. Delete files you no longer need.',
    ru: 'Загрузка не помещается в вашу квоту {quotaMb} МБ: осталось {leftMb} МБ. Удалите ненужные файлы.',
  },
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    en: 'Files of this type ({type}) cannot be uploaded. Allowed: images, PDF, text, office documents, ZIP archives, audio and video.',
    ru: 'Файлы такого типа ({type}) загружать нельзя. Можно: изображения, PDF, текст, офисные документы, ZIP-архивы, аудио и видео.',
  },
  FILE_MISSING: {
    status: 400,
    en: 'Choose a file to upload (the multipart part "file").',
    ru: 'Выберите файл для загрузки (часть multipart «file»).',
  },
  FILE_EMPTY: { status: 400, en: 'The file is empty.', ru: 'Файл пустой.' },
  FILE_TARGET_MISSING: {
    status: 400,
    en: 'Say where the file goes: a library (field "space") or a folder (field "folderId").',
    ru: 'Укажите, куда загрузить файл: библиотеку (поле «space») или папку (поле «folderId»).',
  },
  FILE_NAME_EMPTY: {
    status: 400,
    en: 'Give a name (invisible characters do not count).',
    ru: 'Укажите название (невидимые символы не считаются).',
  },
  FILE_MOVE_OTHER_LIBRARY: {
    status: 400,
    en: 'Files and folders can only be moved within their own library.',
    ru: 'Файлы и папки можно перемещать только внутри их библиотеки.',
  },
  FOLDER_MOVE_INTO_ITSELF: {
    status: 400,
    en: 'A folder cannot be moved into itself or into one of its sub-folders.',
    ru: 'Папку нельзя переместить в неё саму или в одну из её вложенных папок.',
  },
  FOLDER_TOO_DEEP: {
    status: 400,
    en: 'Folders can be nested at most {max} levels deep.',
    ru: 'Папки можно вкладывать друг в друга не глубже {max} уровней.',
  },
  FOLDER_NOT_EMPTY: {
    status: 409,
    en: 'This folder is not empty. Empty it first, or ask a manager of the library to delete it with its contents.',
    ru: 'Папка не пуста. Сначала освободите её или попросите администратора библиотеки удалить её вместе с содержимым.',
  },
  FILE_PREVIEW_NOT_AVAILABLE: {
    status: 404,
    en: 'There is no preview of this file (yet). Download it instead.',
    ru: 'Предпросмотра этого файла нет (или он ещё не готов). Скачайте файл.',
  },
  FILE_CONTENT_UNAVAILABLE: {
    status: 503,
    en: 'The content of this file cannot be read right now. Please tell your administrator.',
    ru: 'Содержимое файла сейчас недоступно. Сообщите администратору.',
  },
  FILE_RANGE_NOT_SATISFIABLE: {
    status: 416,
    en: 'The requested part of the file is outside the file.',
    ru: 'Запрошенная часть файла выходит за его пределы.',
  },
  FILE_VERSION_IS_CURRENT: {
    status: 409,
    en: 'This already is the current version.',
    ru: 'Это и так текущая версия.',
  },
  FILE_GRANTEE_NOT_FOUND: {
    status: 400,
    en: 'The person, group or department to share with was not found.',
    ru: 'Сотрудник, группа или отдел, которым нужно дать доступ, не найдены.',
  },
  FILE_LINK_EXPIRY_INVALID: {
    status: 400,
    en: 'A link must expire in the future and at most {maxDays} days from now.',
    ru: 'Срок действия ссылки должен закончиться в будущем и не позже чем через {maxDays} дней.',
  },
  FILE_COMMENT_EMPTY: {
    status: 400,
    en: 'Write something first (invisible characters do not count).',
    ru: 'Сначала напишите что-нибудь (невидимые символы не считаются).',
  },
} as const satisfies Record<string, { status: number; en: string; ru: string }>;

export type ErrorCode = keyof typeof errorCatalogue;
export type Locale = 'en' | 'ru';
export const locales: readonly Locale[] = ['en', 'ru'];

/** Fills `{name}` placeholders; unknown names stay as they are. */
export function formatMessage(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** The message of an error code in the given language. */
export function errorMessage(code: ErrorCode, locale: Locale, params?: Record<string, unknown>): string {
  return formatMessage(errorCatalogue[code][locale], params);
}
