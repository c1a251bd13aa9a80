import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface PasswordStrengthProps {
  password: string;
  minLength: number;
}

type Verdict = 'empty' | 'short' | 'repetitive' | 'good' | 'strong';

/**
 * Length is what makes a password hard to guess (NIST SP 800-63B), so the verdict is mostly
 * about length; a long run of one character is the one pattern we call out on the client.
 * The server still checks the blocklist and the policy.
 */
function judge(password: string, minLength: number): { verdict: Verdict; score: number } {
  const length = [...password].length;
  if (length === 0) return { verdict: 'empty', score: 0 };
  if (length < minLength) return { verdict: 'short', score: Math.round((length / minLength) * 50) };
  if (new Set(password).size < Math.min(6, minLength / 2)) return { verdict: 'repetitive', score: 30 };
  if (length >= minLength + 5) return { verdict: 'strong', score: 100 };
  return { verdict: 'good', score: 75 };
}

const colors: Record<Verdict, string> = {
  empty: 'gray',
  short: 'orange',
  repetitive: 'red',
  good: 'teal',
  strong: 'green',
};

/** A meter and a sentence under a new-password field. */
export function PasswordStrength({ password, minLength }: PasswordStrengthProps) {
  const { t } = useTranslation();
  const { verdict, score } = judge(password, minLength);
  const missing = minLength - [...password].length;
  const text =
    verdict === 'short'
      ? t('password.strength.short', { count: missing })
      : verdict === 'empty'
        ? t('password.strength.empty', { count: minLength })
        : t(`password.strength.${verdict}`);
  return (
    <Stack gap={4} mt={6}>
      <Progress value={score} color={colors[verdict]} size="sm" aria-hidden="true" />
      <Text size="xs" c="dimmed" aria-live="polite" data-testid="password-strength">
        {text}
      </Text>
    </Stack>
  );
}
