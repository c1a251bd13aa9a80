import { guestLimits } from '../../../shared/api/guests.js';
import type { UpdateUserBody, UserProfile } from '../../../shared/api/users.js';
import { dateInputFromNow, endOfPickedDay } from '../files/date-input.js';
import { type ContactRow, contactRow } from './ContactsEditor.js';

/** The edit form's values: text inputs hold '' where the profile has null. */
export interface ProfileFormValues {
  name: string;
  email: string;
  position: string;
  department: { id: string; name: string } | null;
  manager: { id: string; name: string } | null;
  startDate: string;
  employeeId: string;
  phone: string;
  office: string;
  city: string;
  birthday: string;
  about: string;
  interests: string[];
  skills: string[];
  contacts: ContactRow[];
  /** A guest's last day of access (`YYYY-MM-DD`, local), '' for everyone else. */
  accessUntil: string;
}

function isoBirthday(profile: UserProfile): string {
  const birthday = profile.birthday;
  if (!birthday?.year) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${birthday.year}-${pad(birthday.month)}-${pad(birthday.day)}`;
}

/** The form's starting values from a loaded profile. */
export function profileToForm(profile: UserProfile): ProfileFormValues {
  return {
    name: profile.name,
    email: profile.email,
    position: profile.position ?? '',
    department: profile.department,
    manager: profile.manager,
    startDate: profile.startDate?.slice(0, 10) ?? '',
    employeeId: profile.employeeId ?? '',
    phone: profile.phone ?? '',
    office: profile.office ?? '',
    city: profile.city ?? '',
    birthday: isoBirthday(profile),
    about: profile.about ?? '',
    interests: profile.interests,
    skills: profile.skills,
    contacts: Object.entries(profile.contacts).map(([kind, value]) => contactRow(kind, value)),
    // The local day the access ends on, as the date input shows it.
    accessUntil: profile.accessExpiresAt ? dateInputFromNow(0, new Date(profile.accessExpiresAt)) : '',
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value);

/** Everything the form can send, as the PATCH body expects it. */
function formToBody(values: ProfileFormValues, withOrganisation: boolean): UpdateUserBody {
  const body: UpdateUserBody = {
    name: values.name,
    phone: orNull(values.phone),
    office: orNull(values.office),
    city: orNull(values.city),
    birthday: orNull(values.birthday),
    about: orNull(values.about),
    interests: values.interests,
    skills: values.skills,
    contacts: Object.fromEntries(
      values.contacts.filter((row) => row.value.trim() !== '').map((row) => [row.kind, row.value.trim()]),
    ),
  };
  if (withOrganisation) {
    Object.assign(body, {
      email: values.email,
      position: orNull(values.position),
      departmentId: values.department?.id ?? null,
      managerId: values.manager?.id ?? null,
      startDate: orNull(values.startDate),
      employeeId: orNull(values.employeeId),
    });
  }
  return body;
}

/**
 * Only the fields that differ from the loaded profile, so a save never overwrites what
 * someone else changed in a field this person did not touch. A guest's access end
 * (`withGuestAccessEnd`: an administrator editing a guest) is sent only when another day was
 * picked, as the end of that day (never past the server's limit, as the admin list does).
 */
export function changedFields(
  initial: ProfileFormValues,
  values: ProfileFormValues,
  withOrganisation: boolean,
  withGuestAccessEnd = false,
): UpdateUserBody {
  const before = formToBody(initial, withOrganisation);
  const after = formToBody(values, withOrganisation);
  const changed = Object.fromEntries(
    Object.entries(after).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key as keyof UpdateUserBody]),
    ),
  ) as UpdateUserBody;
  // Compared as days: the end of the loaded day, recomputed, could be cut to the limit at another
  // instant and send an end nobody picked.
  if (withGuestAccessEnd && values.accessUntil !== initial.accessUntil) {
    const accessExpiresAt = endOfPickedDay(values.accessUntil, guestLimits.maxAccessDays);
    if (accessExpiresAt) changed.accessExpiresAt = accessExpiresAt;
  }
  return changed;
}
