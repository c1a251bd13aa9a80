import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NistNote, PasswordPolicy, PasswordPolicyResponse } from '../../../shared/api/settings.js';
import { fieldError } from '../../lib/useFormValues.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { usePasswordPolicyAdmin, useSavePasswordPolicy } from './admin.api.js';
import { NistNotice } from './NistNotice.js';

/** The password policy: length, lockout, blocklist, and the optional rules NIST advises against. */
export function AdminPasswordPolicyPage() {
  const { t } = useTranslation();
  const policy = usePasswordPolicyAdmin();
  return (
    <>
      <PageHeader title={t('admin.policy.title')} description={t('admin.policy.description')} />
      {policy.isPending ? <PageLoader /> : null}
      <ErrorAlert error={policy.error} />
      {policy.data ? <PolicyForm response={policy.data} /> : null}
    </>
  );
}

type NumberField = Exclude<keyof PasswordPolicy, 'blocklist'>;

/** Which NIST notes the values on screen would trigger, before saving. */
function notesFor(policy: PasswordPolicy): NistNote[] {
  const notes: NistNote[] = [];
  if (policy.minLength < 15) notes.push('short-minimum');
  if (policy.minLetters + policy.minDigits + policy.minSymbols > 0) notes.push('composition');
  if (policy.expiryDays > 0) notes.push('expiry');
  if (policy.historyCount > 0) notes.push('history');
  return notes;
}

function PolicyForm({ response }: { response: PasswordPolicyResponse }) {
  const { t } = useTranslation();
  const save = useSavePasswordPolicy();
  const [policy, setPolicy] = useState<PasswordPolicy>(response.policy);
  const [blocklist, setBlocklist] = useState(response.policy.blocklist.join('\n'));
  const notes = notesFor(policy);

  function number(field: NumberField, label: string, min: number, max: number, description?: string) {
    return (
      <NumberInput
        label={label}
        description={description}
        min={min}
        max={max}
        clampBehavior="strict"
        allowDecimal={false}
        allowNegative={false}
        value={policy[field]}
        onChange={(value) => setPolicy({ ...policy, [field]: typeof value === 'number' ? value : min })}
        error={fieldError(save.error, field)}
      />
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const words = [
      ...new Set(
        blocklist
          .split('\n')
          .map((word) => word.trim())
          .filter(Boolean),
      ),
    ];
    save.mutate(
      { ...policy, blocklist: words },
      {
        onSuccess: (saved) => {
          setPolicy(saved.policy);
          setBlocklist(saved.policy.blocklist.join('\n'));
          notifications.show({ color: 'green', message: t('common.saved') });
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t('admin.policy.title')}>
      <Stack gap="md" maw={820}>
        <ErrorAlert error={save.error} />
        <Paper withBorder p="md" component="section" aria-labelledby="policy-basics">
          <Title order={2} size="h4" mb="sm" id="policy-basics">
            {t('admin.policy.recommended')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {number('minLength', t('admin.policy.minLength'), 8, 64, t('admin.policy.minLengthHint'))}
            {number(
              'lockoutThreshold',
              t('admin.policy.lockoutThreshold'),
              3,
              100,
              t('admin.policy.lockoutHint'),
            )}
          </SimpleGrid>
          <Textarea
            mt="sm"
            label={t('admin.policy.blocklist')}
            description={t('admin.policy.blocklistHint')}
            autosize
            minRows={3}
            maxRows={10}
            value={blocklist}
            onChange={(event) => setBlocklist(event.currentTarget.value)}
            error={fieldError(save.error, 'blocklist')}
          />
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="policy-optional">
          <Title order={2} size="h4" mb="sm" id="policy-optional">
            {t('admin.policy.optional')}
          </Title>
          <NistNotice notes={notes} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mt="sm">
            {number('minLetters', t('admin.policy.minLetters'), 0, 32)}
            {number('minDigits', t('admin.policy.minDigits'), 0, 32)}
            {number('minSymbols', t('admin.policy.minSymbols'), 0, 32)}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="sm">
            {number('expiryDays', t('admin.policy.expiryDays'), 0, 3650, t('admin.policy.zeroMeansOff'))}
            {number('historyCount', t('admin.policy.historyCount'), 0, 24, t('admin.policy.zeroMeansOff'))}
          </SimpleGrid>
        </Paper>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              setPolicy(response.defaults);
              setBlocklist(response.defaults.blocklist.join('\n'));
            }}
          >
            {t('admin.policy.restoreDefaults')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
