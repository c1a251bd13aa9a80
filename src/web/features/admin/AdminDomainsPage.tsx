import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { AllowedDomainsForm } from './AllowedDomainsForm.js';
import { useAllowedDomains, useCompany } from './admin.api.js';
import { CompanyNameForm } from './CompanyNameForm.js';

/** The company's name and who may sign up by e-mail domain. */
export function AdminDomainsPage() {
  const { t } = useTranslation();
  const company = useCompany();
  const domains = useAllowedDomains();
  return (
    <>
      <PageHeader title={t('admin.domains.pageTitle')} />
      <Stack gap="md" maw={720}>
        <ErrorAlert error={company.error ?? domains.error} />
        {company.isPending || domains.isPending ? <PageLoader /> : null}
        {company.data ? <CompanyNameForm key={company.data.name} name={company.data.name} /> : null}
        {domains.data ? <AllowedDomainsForm domains={domains.data.domains} /> : null}
      </Stack>
    </>
  );
}
