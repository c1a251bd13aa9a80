/**
 * Error codes of document libraries (issue 4): files, folders, versions, shares, links and
 * comments, part of the one catalogue in errors.ts (kept apart so that file stays readable).
 */
export const fileErrors = {
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
