import { TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { Icon } from '../../ui/Icon.js';

/** The people search in the header: Enter opens the directory filtered by the name typed. */
export function HeaderSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const urlQuery = pathname === '/people' ? (params.get('q') ?? '') : '';
  const [query, setQuery] = useState(urlQuery);

  // Follows the directory's name filter, and empties itself on other pages.
  useEffect(() => setQuery(urlQuery), [urlQuery]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const q = query.trim();
    navigate(q ? `/people?${new URLSearchParams({ q })}` : '/people');
  }

  return (
    <search aria-label={t('search.label')}>
      <form onSubmit={submit}>
        <TextInput
          type="search"
          aria-label={t('search.people')}
          placeholder={t('search.placeholder')}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          leftSection={<Icon name="search" size={16} />}
          w={{ base: '100%', sm: 320 }}
          mb={{ base: 'sm', sm: 0 }}
        />
      </form>
    </search>
  );
}
