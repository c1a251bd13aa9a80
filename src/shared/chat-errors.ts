/**
 * Error codes of chats, messages, stickers, presence and push (issue 5), part of the one
 * catalogue in errors.ts (kept apart so that file stays readable).
 */
export const chatErrors = {
  CHAT_NOT_FOUND: {
    status: 404,
    en: 'This chat was not found, or you are not in it.',
    ru: 'Чат не найден, или вы в нём не состоите.',
  },
  CHAT_NAME_REQUIRED: {
    status: 400,
    en: 'Give the chat a name (invisible characters do not count).',
    ru: 'Дайте чату название (невидимые символы не считаются).',
  },
  CHAT_DIRECT_NEEDS_ONE: {
    status: 400,
    en: 'A direct chat is with exactly one other person.',
    ru: 'Личный чат — ровно с одним другим человеком.',
  },
  CHAT_MEMBER_NOT_FOUND: {
    status: 404,
    en: 'This person was not found or cannot be added to a chat.',
    ru: 'Сотрудник не найден или не может быть добавлен в чат.',
  },
  CHAT_MEMBERS_FIXED: {
    status: 409,
    en: 'Who is in this chat follows its group or department, or it is a direct chat: members cannot be changed by hand.',
    ru: 'Состав этого чата следует за группой или отделом либо это личный чат: участников нельзя менять вручную.',
  },
  CHAT_LAST_ADMIN: {
    status: 409,
    en: 'A chat needs at least one admin: make someone else an admin first.',
    ru: 'У чата должен остаться хотя бы один администратор: сначала назначьте другого.',
  },
  CHAT_READ_ONLY: {
    status: 403,
    en: 'Only the channel’s admins can post here.',
    ru: 'Писать в этот канал могут только его администраторы.',
  },
  CHAT_FOLDER_NOT_FOUND: {
    status: 404,
    en: 'This chat folder was not found.',
    ru: 'Папка чатов не найдена.',
  },
  CHAT_FOLDER_LIMIT: {
    status: 409,
    en: 'You can have at most {max} chat folders.',
    ru: 'Можно создать не больше {max} папок чатов.',
  },
  CHAT_GUEST_NOT_ALLOWED: {
    status: 403,
    en: 'Guests can only chat in the chats of the groups they were invited to.',
    ru: 'Гости могут переписываться только в чатах групп, в которые их пригласили.',
  },
  MESSAGE_NOT_FOUND: { status: 404, en: 'This message was not found.', ru: 'Сообщение не найдено.' },
  MESSAGE_EMPTY: {
    status: 400,
    en: 'Write something, attach a file or choose a sticker (invisible characters do not count).',
    ru: 'Напишите текст, приложите файл или выберите стикер (невидимые символы не считаются).',
  },
  MESSAGE_NOT_EDITABLE: {
    status: 403,
    en: 'Only the author can edit a message, and not once it is deleted.',
    ru: 'Редактировать сообщение может только автор, и не после удаления.',
  },
  MESSAGE_CLIENT_ID_REUSED: {
    status: 409,
    en: 'This message id was already used for a different message.',
    ru: 'Этот идентификатор сообщения уже использован для другого сообщения.',
  },
  MESSAGE_REPLY_NOT_FOUND: {
    status: 400,
    en: 'The message you reply to is not in this chat.',
    ru: 'Сообщение, на которое вы отвечаете, не из этого чата.',
  },
  CHAT_REACTION_NOT_EMOJI: {
    status: 400,
    en: 'A reaction is a single emoji.',
    ru: 'Реакция — это один эмодзи.',
  },
  CHAT_REACTION_LIMIT: {
    status: 409,
    en: 'A message can have at most {max} different reactions.',
    ru: 'У сообщения может быть не больше {max} разных реакций.',
  },
  CHAT_SEARCH_NO_WORDS: {
    status: 400,
    en: 'Search for at least one word made of letters or digits.',
    ru: 'Ищите хотя бы одно слово из букв или цифр.',
  },
  CHAT_ATTACHMENT_NOT_FOUND: {
    status: 400,
    en: 'An attached file was not found: upload it to this chat again.',
    ru: 'Приложенный файл не найден: загрузите его в этот чат снова.',
  },
  STICKER_NOT_FOUND: { status: 404, en: 'This sticker was not found.', ru: 'Стикер не найден.' },
  STICKER_PACK_NOT_FOUND: {
    status: 404,
    en: 'This sticker pack was not found.',
    ru: 'Набор стикеров не найден.',
  },
  STICKER_PACK_FULL: {
    status: 409,
    en: 'A sticker pack holds at most {max} stickers.',
    ru: 'В наборе может быть не больше {max} стикеров.',
  },
  STICKER_TYPE_NOT_ALLOWED: {
    status: 415,
    en: 'A sticker must be a PNG, WebP or GIF image.',
    ru: 'Стикер должен быть изображением PNG, WebP или GIF.',
  },
  PRESENCE_IDS_INVALID: {
    status: 400,
    en: 'Ask about 1 to {max} people at a time, by their ids separated by commas.',
    ru: 'Запрашивайте от 1 до {max} человек за раз, по их идентификаторам через запятую.',
  },
  CHAT_FILE_NOT_FOUND: {
    status: 404,
    en: 'This file was not found in the chat, or its message was deleted.',
    ru: 'Файл не найден в чате, или его сообщение удалено.',
  },
  STICKER_TOO_LARGE: {
    status: 413,
    en: 'A sticker can be at most {maxKb} KB and {maxMp} megapixels.',
    ru: 'Стикер может весить не больше {maxKb} КБ и иметь не больше {maxMp} мегапикселей.',
  },
  STICKER_IN_USE: {
    status: 409,
    en: 'This sticker was already sent in messages: archive its pack instead.',
    ru: 'Этот стикер уже отправляли в сообщениях: вместо удаления заархивируйте набор.',
  },
  PUSH_NOT_CONFIGURED: {
    status: 503,
    en: 'Push notifications are not available on this server.',
    ru: 'Push-уведомления на этом сервере недоступны.',
  },
  PUSH_ENDPOINT_REFUSED: {
    status: 400,
    en: 'This browser’s push service address is not accepted: it must be https to a public host.',
    ru: 'Адрес push-сервиса этого браузера не принят: нужен https-адрес публичного сервера.',
  },
} as const satisfies Record<string, { status: number; en: string; ru: string }>;
