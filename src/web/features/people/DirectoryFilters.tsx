import { Button, Group, Paper, SimpleGrid, TextInput } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { peopleLimits } from '../../../shared/api/users.js';
import { DepartmentSelect } from '../departments/DepartmentSelect.js';
import { SkillFilter } from './SkillFilter.js';
import { useSearchParamText } from './useSearchParamText.js';

const filterNames = ['q', 'department', 'position', 'skill'] as const;
const moreFilterNames = ['department', 'position', 'skill'] as const;

/**
 * Name, department, position and skill filters of the directory, all kept in the URL. On a
 * phone only the name shows until "More filters" is opened, so the results stay in view.
 */
export function DirectoryFilters() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useSearchParamText('q');
  const [position, setPosition] = useSearchParamText('position');
  const hasFilters = filterNames.some((name) => params.has(name));
  const activeMore = moreFilterNames.filter((name) => params.has(name)).length;
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const [opened, { toggle }] = useDisclosure(activeMore > 0);
  const showMore = wide || opened;

  function setParam(name: string, value: string | null) {
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (value) updated.set(name, value);
        else updated.delete(name);
        return updated;
      },
      { replace: true },
    );
  }

  return (
    <Paper withBorder p="md" mb="lg" component="section" aria-label={t('directory.filters')}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" id="directory-filters">
        <TextInput
          label={t('directory.name')}
          placeholder={t('directory.namePlaceholder')}
          type="search"
          value={q}
          maxLength={peopleLimits.search}
          onChange={(event) => setQ(event.currentTarget.value)}
        />
        {showMore ? (
          <>
            <DepartmentSelect
              label={t('directory.department')}
              placeholder={t('directory.anyDepartment')}
              value={params.get('department')}
              onChange={(id) => setParam('department', id)}
            />
            <TextInput
              label={t('directory.position')}
              placeholder={t('directory.positionPlaceholder')}
              type="search"
              value={position}
              maxLength={peopleLimits.position}
              onChange={(event) => setPosition(event.currentTarget.value)}
            />
            <SkillFilter value={params.get('skill') ?? ''} onChange={(skill) => setParam('skill', skill)} />
          </>
        ) : null}
      </SimpleGrid>
      {!wide || hasFilters ? (
        <Group gap="xs" mt="sm">
          {wide ? null : (
            <Button
              variant="light"
              size="compact-sm"
              onClick={toggle}
              aria-expanded={opened}
              aria-controls="directory-filters"
            >
              {opened
                ? t('directory.fewerFilters')
                : activeMore > 0
                  ? t('directory.moreFiltersActive', { count: activeMore })
                  : t('directory.moreFilters')}
            </Button>
          )}
          {hasFilters ? (
            <Button variant="subtle" size="compact-sm" onClick={() => setParams({}, { replace: true })}>
              {t('directory.clearFilters')}
            </Button>
          ) : null}
        </Group>
      ) : null}
    </Paper>
  );
}
