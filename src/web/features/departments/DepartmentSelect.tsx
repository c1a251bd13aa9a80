import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrorValue } from '../../lib/useFormValues.js';
import { buildDepartmentTree, flattenDepartmentTree } from './department-tree.js';
import { useDepartments } from './departments.api.js';

interface DepartmentSelectProps {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  description?: string;
  error?: FieldErrorValue;
  disabled?: boolean;
  /** Ids that may not be chosen (e.g. a department and its sub-departments when moving it). */
  exclude?: ReadonlySet<string>;
  placeholder?: string;
}

/** A searchable department picker that shows the tree by indentation. */
export function DepartmentSelect({
  label,
  value,
  onChange,
  description,
  error,
  disabled,
  exclude,
  placeholder,
}: DepartmentSelectProps) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const rows = useMemo(
    () => flattenDepartmentTree(buildDepartmentTree(departments.data?.items ?? [])),
    [departments.data],
  );
  const depthById = useMemo(() => new Map(rows.map((row) => [row.department.id, row.depth])), [rows]);
  const data = rows.map(({ department }) => ({
    value: department.id,
    label: department.name,
    disabled: exclude?.has(department.id) ?? false,
  }));

  return (
    <Select
      label={label}
      description={description}
      placeholder={placeholder ?? t('departments.choose')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      disabled={disabled}
      error={error}
      nothingFoundMessage={t('departments.nothingFound')}
      renderOption={({ option }) => (
        <span style={{ paddingInlineStart: `${(depthById.get(option.value) ?? 0) * 14}px` }}>
          {option.label}
        </span>
      )}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
