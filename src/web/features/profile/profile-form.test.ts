import { describe, expect, test } from 'vitest';
import type { UserProfile } from '../../../shared/api/users.js';
import { dateInputFromNow, endOfPickedDay } from '../files/date-input.js';
import { changedFields, profileToForm } from './profile-form.js';

const guest: UserProfile = {
  id: 'g1',
  name: 'Guest Partner',
  email: 'partner@partner.example',
  position: null,
  department: null,
  city: null,
  office: null,
  photoUrl: null,
  role: 'guest',
  status: 'active',
  skills: [],
  isGuest: true,
  accessExpiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  manager: null,
  directReportsCount: 0,
  interests: [],
  about: null,
  phone: null,
  contacts: {},
  birthday: null,
  startDate: null,
  employeeId: null,
  hasAccount: true,
  source: 'manual',
  deactivatedVia: null,
  followersCount: 0,
  followingCount: 0,
  followedByMe: false,
  createdAt: new Date().toISOString(),
  abilities: {
    edit: true,
    editOrganisation: true,
    deactivate: true,
    reactivate: false,
    changeRole: true,
    follow: true,
  },
};

describe('a guest’s access end in the profile form', () => {
  const initial = profileToForm(guest);

  test('starts on the local day the access ends', () => {
    expect(initial.accessUntil).toBe(dateInputFromNow(0, new Date(guest.accessExpiresAt!)));
    expect(profileToForm({ ...guest, role: 'employee', accessExpiresAt: null }).accessUntil).toBe('');
  });

  test('is sent as the end of the picked day only when another day was picked', () => {
    expect(changedFields(initial, initial, true, true)).toEqual({});
    const picked = dateInputFromNow(60);
    expect(changedFields(initial, { ...initial, accessUntil: picked }, true, true)).toEqual({
      accessExpiresAt: endOfPickedDay(picked, 365),
    });
  });

  test('is never sent for someone who is not an administrator editing a guest', () => {
    const picked = { ...initial, accessUntil: dateInputFromNow(60) };
    expect(changedFields(initial, picked, false, false)).toEqual({});
  });
});
