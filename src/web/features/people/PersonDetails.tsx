import { Anchor, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserProfile } from '../../../shared/api/users.js';
import { useFormatters } from '../../lib/useFormatters.js';
import { contactHref, contactKindLabel } from './contact-kinds.js';

/** The facts of a profile as label–value rows: contacts, places, dates. */
export function PersonDetails({ profile }: { profile: UserProfile }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const rows: [string, ReactNode][] = [
    [
      t('fields.email'),
      <Anchor key="email" href={`mailto:${profile.email}`}>
        {profile.email}
      </Anchor>,
    ],
  ];
  if (profile.phone) {
    rows.push([
      t('fields.phone'),
      <Anchor key="phone" href={`tel:${profile.phone.replace(/[^\d+]/g, '')}`}>
        {profile.phone}
      </Anchor>,
    ]);
  }
  for (const [kind, value] of Object.entries(profile.contacts)) {
    const href = contactHref(kind, value);
    rows.push([
      contactKindLabel(t, kind),
      href ? (
        <Anchor key={kind} href={href} target="_blank" rel="noopener noreferrer">
          {value}
        </Anchor>
      ) : (
        value
      ),
    ]);
  }
  if (profile.office) rows.push([t('fields.office'), profile.office]);
  if (profile.city) rows.push([t('fields.city'), profile.city]);
  if (profile.birthday) {
    const { day, month, year } = profile.birthday;
    rows.push([t('fields.birthday'), format.birthday(day, month, year)]);
  }
  if (profile.startDate) rows.push([t('fields.startDate'), format.date(profile.startDate)]);
  if (profile.employeeId) rows.push([t('fields.employeeId'), profile.employeeId]);

  return (
    <Table variant="vertical" layout="fixed" withRowBorders={false} verticalSpacing={6}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={{ base: 100, sm: 120 }} c="dimmed" fw={500} style={{ background: 'none' }}>
              {label}
            </Table.Th>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
