import {
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { guestLimits } from '../../../shared/api/guests.js';
import { peopleLimits, type UserProfile } from '../../../shared/api/users.js';
import { fieldError, useFormValues } from '../../lib/useFormValues.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { DepartmentSelect } from '../departments/DepartmentSelect.js';
import { dateInputFromNow } from '../files/date-input.js';
import { PersonSelect } from '../people/PersonSelect.js';
import { useProfile, useUpdateProfile } from '../people/people.api.js';
import { ContactsEditor } from './ContactsEditor.js';
import { PhotoUpload } from './PhotoUpload.js';
import { changedFields, profileToForm } from './profile-form.js';
import { SkillsInput } from './SkillsInput.js';

/** Edits a profile (`/people/:id/edit`): one's own, or anyone's for an administrator. */
export function EditProfilePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const profile = useProfile(id);
  if (profile.isPending) return <PageLoader />;
  if (profile.isError) return <ErrorAlert error={profile.error} />;
  if (!profile.data.abilities.edit) {
    return (
      <>
        <PageHeader title={t('profile.title')} />
        <ErrorAlert error={new Error(t('profile.notAllowed'))} />
      </>
    );
  }
  // Keyed so that another person's profile starts a fresh form.
  return <ProfileForm key={profile.data.id} profile={profile.data} />;
}

function ProfileForm({ profile }: { profile: UserProfile }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const update = useUpdateProfile(profile.id);
  const initial = useMemo(() => profileToForm(profile), [profile]);
  const org = profile.abilities.editOrganisation;
  // Every guest has an access end; only administrators (who edit the organisation) move it.
  const guestAccess = org && profile.role === 'guest';
  const form = useFormValues(initial, guestAccess ? ['name', 'accessUntil'] : ['name']);
  const { values, setField } = form;
  const orgHint = org ? undefined : t('profile.setByAdmin');
  const err = (field: string) => fieldError(update.error, field);
  const backTo = `/people/${profile.id}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.validate()) return;
    const body = changedFields(initial, values, org, guestAccess);
    if (Object.keys(body).length === 0) {
      navigate(backTo);
      return;
    }
    update.mutate(body, {
      onSuccess: () => {
        notifications.show({ message: t('profile.saved'), color: 'green' });
        navigate(backTo);
      },
    });
  }

  return (
    <>
      <PageHeader title={t('profile.titleFor', { name: profile.name })} />
      <form onSubmit={submit} noValidate aria-label={t('profile.title')}>
        <Stack gap="md" maw={880}>
          <ErrorAlert error={update.error} />
          <Paper withBorder p="md" component="section" aria-labelledby="profile-photo">
            <Title order={2} size="h5" mb="sm" id="profile-photo">
              {t('profile.photo')}
            </Title>
            <PhotoUpload profile={profile} />
          </Paper>

          <Paper withBorder p="md" component="section" aria-labelledby="profile-work">
            <Title order={2} size="h5" mb="sm" id="profile-work">
              {t('profile.work')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label={t('fields.name')}
                required
                maxLength={peopleLimits.name}
                value={values.name}
                onChange={(event) => setField('name', event.currentTarget.value)}
                error={form.requiredError('name') ?? err('name')}
              />
              <TextInput
                label={t('fields.email')}
                type="email"
                disabled={!org}
                description={orgHint}
                maxLength={peopleLimits.email}
                value={values.email}
                onChange={(event) => setField('email', event.currentTarget.value)}
                error={err('email')}
              />
              <TextInput
                label={t('fields.position')}
                disabled={!org}
                description={orgHint}
                maxLength={peopleLimits.position}
                value={values.position}
                onChange={(event) => setField('position', event.currentTarget.value)}
                error={err('position')}
              />
              <DepartmentSelect
                label={t('fields.department')}
                disabled={!org}
                description={orgHint}
                value={values.department?.id ?? null}
                onChange={(departmentId) =>
                  setField('department', departmentId ? { id: departmentId, name: '' } : null)
                }
                error={err('departmentId')}
              />
              <PersonSelect
                label={t('fields.manager')}
                disabled={!org}
                description={orgHint}
                value={values.manager}
                onChange={(manager) => setField('manager', manager)}
                excludeId={profile.id}
                error={err('managerId')}
              />
              <TextInput
                label={t('fields.startDate')}
                type="date"
                disabled={!org}
                description={orgHint}
                value={values.startDate}
                onChange={(event) => setField('startDate', event.currentTarget.value)}
                error={err('startDate')}
              />
              {org ? (
                <TextInput
                  label={t('fields.employeeId')}
                  maxLength={peopleLimits.employeeId}
                  value={values.employeeId}
                  onChange={(event) => setField('employeeId', event.currentTarget.value)}
                  error={err('employeeId')}
                />
              ) : null}
              {guestAccess ? (
                <TextInput
                  label={t('profile.accessUntil')}
                  type="date"
                  required
                  description={t('profile.accessHint', { days: guestLimits.maxAccessDays })}
                  min={dateInputFromNow(1)}
                  max={dateInputFromNow(guestLimits.maxAccessDays)}
                  value={values.accessUntil}
                  onChange={(event) => setField('accessUntil', event.currentTarget.value)}
                  error={form.requiredError('accessUntil') ?? err('accessExpiresAt')}
                />
              ) : null}
            </SimpleGrid>
          </Paper>

          <Paper withBorder p="md" component="section" aria-labelledby="profile-contacts">
            <Title order={2} size="h5" mb="sm" id="profile-contacts">
              {t('profile.contactsAndPlace')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mb="md">
              <TextInput
                label={t('fields.phone')}
                type="tel"
                autoComplete="tel"
                maxLength={peopleLimits.phone}
                value={values.phone}
                onChange={(event) => setField('phone', event.currentTarget.value)}
                error={err('phone')}
              />
              <TextInput
                label={t('fields.office')}
                maxLength={peopleLimits.office}
                value={values.office}
                onChange={(event) => setField('office', event.currentTarget.value)}
                error={err('office')}
              />
              <TextInput
                label={t('fields.city')}
                maxLength={peopleLimits.city}
                value={values.city}
                onChange={(event) => setField('city', event.currentTarget.value)}
                error={err('city')}
              />
            </SimpleGrid>
            <ContactsEditor
              rows={values.contacts}
              onChange={(rows) => setField('contacts', rows)}
              error={err('contacts')}
            />
          </Paper>

          <Paper withBorder p="md" component="section" aria-labelledby="profile-about">
            <Title order={2} size="h5" mb="sm" id="profile-about">
              {t('profile.aboutSection')}
            </Title>
            <Stack gap="sm">
              <TextInput
                label={t('fields.birthday')}
                description={t('profile.birthdayHint')}
                type="date"
                value={values.birthday}
                onChange={(event) => setField('birthday', event.currentTarget.value)}
                error={err('birthday')}
                maw={280}
              />
              <Textarea
                label={t('fields.about')}
                autosize
                minRows={3}
                maxRows={12}
                maxLength={peopleLimits.about}
                value={values.about}
                onChange={(event) => setField('about', event.currentTarget.value)}
                error={err('about')}
              />
              <SkillsInput
                value={values.skills}
                onChange={(skills) => setField('skills', skills)}
                error={err('skills')}
              />
              <TagsInput
                label={t('fields.interests')}
                description={t('profile.interestsHint')}
                value={values.interests}
                onChange={(interests) => setField('interests', interests)}
                maxTags={peopleLimits.interests}
                splitChars={[',', ';']}
                acceptValueOnBlur
                clearable
                error={err('interests')}
              />
            </Stack>
          </Paper>

          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
            <Button component={Link} to={backTo} variant="default">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
