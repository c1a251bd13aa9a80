/**
 * Error codes of people and departments: accounts, roles, managers, the department tree,
 * follows, photos and the CSV import, part of the one catalogue in errors.ts (kept apart so that file stays readable).
 */
export const peopleErrors = {
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
  IMPORT_HAS_ERRORS: {
    status: 400,
    en: 'The file has {count} rows with errors. Run a dry run to see them, fix the file and import again.',
    ru: 'В файле {count} строк с ошибками. Запустите пробный импорт, чтобы их увидеть, исправьте файл и повторите.',
  },
} as const satisfies Record<string, { status: number; en: string; ru: string }>;
