import { Alert, Button, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../shared/api/imports.js';
import { Icon } from '../../ui/Icon.js';
import { ImportSummary } from './ImportSummary.js';
import { ImportTables } from './ImportTables.js';

interface ImportPlanProps {
  plan: ImportResult;
  applying: boolean;
  /** The server refused the apply because of the 5% guard. */
  guardRefused: boolean;
  onApply: (force: boolean) => void;
}

/** A dry run's diff with the "Apply" step, and the "force" confirmation when the 5% guard trips. */
export function ImportPlan({ plan, applying, guardRefused, onApply }: ImportPlanProps) {
  const { t } = useTranslation();
  const [force, setForce] = useState(false);
  const guardTripped = plan.guard.tripped || guardRefused;
  const hasErrors = plan.summary.errors > 0;
  const nothingToDo =
    plan.summary.creates + plan.summary.updates + plan.summary.deactivations + plan.summary.reactivations ===
    0;

  return (
    <Stack gap="md" component="section" aria-labelledby="import-plan-title">
      <Title order={2} size="h4" id="import-plan-title">
        {t('admin.import.planTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('admin.import.fileInfo', {
          rows: plan.rowCount,
          encoding: plan.encoding,
          delimiter: plan.delimiter === '\t' ? 'Tab' : plan.delimiter,
        })}
      </Text>
      <ImportSummary summary={plan.summary} />
      {hasErrors ? (
        <Alert color="red" variant="light" icon={<Icon name="warning" />} role="alert">
          {t('admin.import.fixErrors')}
        </Alert>
      ) : null}
      {guardTripped ? (
        <Alert
          color="orange"
          variant="light"
          icon={<Icon name="warning" />}
          title={t('admin.import.guardTitle')}
        >
          <Stack gap="xs">
            <Text size="sm">
              {t('admin.import.guardText', {
                count: plan.summary.deactivations,
                total: plan.guard.activeCount,
                percent: plan.guard.deactivationPercent.toFixed(1),
                threshold: plan.guard.thresholdPercent,
              })}
            </Text>
            <Checkbox
              label={t('admin.import.force')}
              checked={force}
              onChange={(event) => setForce(event.currentTarget.checked)}
            />
          </Stack>
        </Alert>
      ) : null}
      <Group>
        <Button
          onClick={() => onApply(force)}
          loading={applying}
          disabled={hasErrors || nothingToDo || (guardTripped && !force)}
          color={guardTripped ? 'orange' : undefined}
        >
          {t('admin.import.apply')}
        </Button>
      </Group>
      {plan.departmentsCreated.length > 0 ? (
        <Text size="sm">
          {t('admin.import.newDepartments', { names: plan.departmentsCreated.join(', ') })}
        </Text>
      ) : null}
      <ImportTables result={plan} />
    </Stack>
  );
}
