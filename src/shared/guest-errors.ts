/**
 * Error codes of guests (issue 4): invitations of external people into groups, and their
 * access end, part of the one catalogue in errors.ts (kept apart so that file stays readable).
 */
export const guestErrors = {
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
} as const satisfies Record<string, { status: number; en: string; ru: string }>;
