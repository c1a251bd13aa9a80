import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon } from '../../ui/Icon.js';

interface CheckEmailNoticeProps {
  title: string;
  text: string;
}

/** The "we sent you a link" screen after sign-up or a reset request. */
export function CheckEmailNotice({ title, text }: CheckEmailNoticeProps) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1} size="h2">
        {title}
      </Title>
      <Alert color="brand" variant="light" icon={<Icon name="mail" />} role="status">
        <Text size="sm">{text}</Text>
      </Alert>
      <Text size="sm" c="dimmed">
        {t('checkEmail.spamHint')}
      </Text>
      <Anchor component={Link} to="/sign-in" size="sm">
        {t('checkEmail.toSignIn')}
      </Anchor>
    </Stack>
  );
}
