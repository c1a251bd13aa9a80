import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../ui/PageHeader.js';
import { ManagerTree } from '../people/ManagerTree.js';
import { DepartmentTree } from './DepartmentTree.js';

type View = 'departments' | 'managers';

/** The org chart: the department tree, and who reports to whom. */
export function OrgChartPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'managers' ? 'managers' : 'departments';

  return (
    <>
      <PageHeader title={t('org.title')} description={t('org.description')} />
      <Tabs
        value={view}
        onChange={(next) => setParams(next === 'managers' ? { view: 'managers' } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="departments">{t('org.departmentsTab')}</Tabs.Tab>
          <Tabs.Tab value="managers">{t('org.managersTab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="departments">
          <DepartmentTree />
        </Tabs.Panel>
        <Tabs.Panel value="managers">
          <ManagerTree />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
