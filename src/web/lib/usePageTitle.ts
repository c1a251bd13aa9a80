import { useEffect } from 'react';
import { useCompanyName } from './useSetupStatus.js';

/** Sets the document title to "Page · Company" while the page is shown. */
export function usePageTitle(title: string | undefined): void {
  const company = useCompanyName() ?? 'Atrium';
  useEffect(() => {
    document.title = title ? `${title} · ${company}` : company;
  }, [title, company]);
}
