import { Alert, Anchor, Button, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { authLimits } from '../../../shared/api/auth.js';
import type { GroupPage } from '../../../shared/api/groups.js';
import type { GuestInvitationPreview } from '../../../shared/api/guests.js';
import { api, isApiError } from '../../lib/api.js';
import { useFormatters } from '../../lib/useFormatters.js';
import { fieldError, useFormValues } from '../../lib/useFormValues.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { NewPasswordFields, passwordsDiffer } from '../auth/NewPasswordFields.js';
import { useMinPasswordLength } from '../auth/useMinPasswordLength.js';
import { useAcceptInvitation, useInvitationPreview } from './guests.api.js';

/**
 * The invitation link's page (`/guest/accept?token=`): who invites whom, into which groups and
 * until when; the guest chooses a name and a password, which creates their account and signs
 * them in, and they land in the first group they were invited to.
 */
export function GuestAcceptPage() {
  const { t } = useTranslation();
  usePageTitle(t('guests.accept.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  // Once accepted, the invitation is used up: it is not asked for again while the guest lands.
  const [accepted, setAccepted] = useState(false);
  const preview = useInvitationPreview(token, !accepted);
  const navigate = useNavigate();

  /**
   * Signed in: open the first group of the invitation (a guest's groups are exactly the ones they
   * were invited to). The used invitation is not asked for again meanwhile.
   */
  async function land(firstGroupName: string | undefined) {
    setAccepted(true);
    let to = '/groups';
    try {
      const mine = await api.get<GroupPage>('/groups', { query: { mine: true, limit: 100 } });
      const first = mine.items.find((group) => group.name === firstGroupName) ?? mine.items[0];
      if (first) to = `/groups/${first.id}`;
    } catch {
      // The group directory then shows them where they are.
    }
    void navigate(to, { replace: true });
  }

  if (!token) {
    return (
      <Stack>
        <Title order={1} size="h2">
          {t('guests.accept.title')}
        </Title>
        <Alert color="red" variant="light" role="alert">
          {t('guests.accept.noToken')}
        </Alert>
      </Stack>
    );
  }
  if (accepted || preview.isPending) return <PageLoader />;
  if (preview.isError) {
    return (
      <Stack>
        <Title order={1} size="h2">
          {t('guests.accept.title')}
        </Title>
        <ErrorAlert error={preview.error} />
        {isApiError(preview.error) && preview.error.code === 'GUEST_INVITATION_USED' ? (
          <Button component={Link} to="/sign-in">
            {t('guests.accept.toSignIn')}
          </Button>
        ) : null}
      </Stack>
    );
  }
  return <AcceptForm token={token} preview={preview.data} onAccepted={land} />;
}

interface AcceptFormProps {
  token: string;
  preview: GuestInvitationPreview;
  onAccepted: (firstGroupName: string | undefined) => void;
}

function AcceptForm({ token, preview, onAccepted }: AcceptFormProps) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const accept = useAcceptInvitation();
  const minLength = useMinPasswordLength();
  const form = useFormValues({ name: '', password: '', confirm: '' }, ['name', 'password', 'confirm']);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.validate() || passwordsDiffer(form.values.password, form.values.confirm)) return;
    accept.mutate(
      { token, name: form.values.name.trim(), password: form.values.password },
      { onSuccess: () => onAccepted(preview.groupNames[0]) },
    );
  }

  const company = preview.companyName ?? 'Atrium';
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('guests.accept.heading', { company })}
      </Title>
      <Text size="sm">
        {preview.inviterName
          ? t('guests.accept.invitedBy', { name: preview.inviterName, company })
          : t('guests.accept.invited', { company })}
      </Text>
      <List size="sm" spacing={4} aria-label={t('guests.accept.groups')}>
        {preview.groupNames.map((name) => (
          <List.Item key={name} style={{ overflowWrap: 'anywhere' }}>
            {name}
          </List.Item>
        ))}
      </List>
      <Text size="sm" c="dimmed">
        {t('guests.accept.until', { date: dateTime(preview.accessExpiresAt) })}
      </Text>
      <form onSubmit={submit} noValidate aria-label={t('guests.accept.title')}>
        <Stack>
          <ErrorAlert error={accept.error} />
          <TextInput label={t('fields.email')} value={preview.email} readOnly autoComplete="username" />
          <TextInput
            label={t('fields.name')}
            autoComplete="name"
            required
            maxLength={authLimits.name}
            value={form.values.name}
            onChange={(event) => form.setField('name', event.currentTarget.value)}
            error={form.requiredError('name') ?? fieldError(accept.error, 'name')}
          />
          <NewPasswordFields
            password={form.values.password}
            confirm={form.values.confirm}
            onPasswordChange={(value) => form.setField('password', value)}
            onConfirmChange={(value) => form.setField('confirm', value)}
            minLength={minLength}
            passwordError={form.requiredError('password') ?? fieldError(accept.error, 'password')}
            confirmRequiredError={form.requiredError('confirm')}
          />
          <Button type="submit" loading={accept.isPending || accept.isSuccess} fullWidth>
            {t('guests.accept.submit')}
          </Button>
        </Stack>
      </form>
      <Text size="sm" ta="center">
        {t('guests.accept.haveAccount')}{' '}
        <Anchor component={Link} to="/sign-in">
          {t('guests.accept.toSignIn')}
        </Anchor>
      </Text>
    </Stack>
  );
}
