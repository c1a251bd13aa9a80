import { Alert, Anchor, Button, Stack, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { Icon } from '../../ui/Icon.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { useVerifyEmail } from './auth.api.js';

/** Confirms the address from the e-mailed link (`/verify-email?token=`) as soon as it opens. */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  usePageTitle(t('verify.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const verify = useVerifyEmail();
  const sent = useRef(false);

  useEffect(() => {
    // A token works once: StrictMode's second effect run must not spend it again.
    if (!token || sent.current) return;
    sent.current = true;
    verify.mutate(token);
  }, [token, verify]);

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('verify.title')}
      </Title>
      {!token ? (
        <Alert color="red" variant="light" role="alert">
          {t('verify.noToken')}
        </Alert>
      ) : verify.isSuccess ? (
        <>
          <Alert color="green" variant="light" role="status" icon={<Icon name="check" />}>
            {t('verify.done')}
          </Alert>
          <Button component={Link} to="/sign-in">
            {t('verify.toSignIn')}
          </Button>
        </>
      ) : verify.isError ? (
        <>
          <ErrorAlert error={verify.error} />
          <Anchor component={Link} to="/sign-up" size="sm">
            {t('verify.signUpAgain')}
          </Anchor>
        </>
      ) : (
        <PageLoader />
      )}
    </Stack>
  );
}
