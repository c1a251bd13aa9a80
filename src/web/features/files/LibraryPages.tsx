import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage.js';
import { useMe } from '../../lib/useMe.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { FilesSections } from './FilesSections.js';
import { LibraryView } from './LibraryView.js';

/** "My files" (`/files`): the viewer's own library, seen by nobody else unless they share. */
export function MyFilesPage() {
  const { t } = useTranslation();
  const me = useMe().data?.user;
  if (!me) return <PageLoader />;
  // Guests have no library of their own (G4): their files are their groups' and what is shared with them.
  if (me.role === 'guest') return <Navigate to="/files/shared" replace />;
  return (
    <LibraryView
      library={{ type: 'person', id: me.id }}
      title={t('files.sections.mine')}
      header={<FilesSections current="mine" />}
    />
  );
}

/** The company's documents (`/files/company`): read by every employee, managed by admins and moderators. */
export function CompanyLibraryPage() {
  const { t } = useTranslation();
  const isGuest = useMe().data?.user.role === 'guest';
  if (isGuest) return <NotFoundPage />;
  return (
    <LibraryView
      library={{ type: 'company' }}
      title={t('files.sections.company')}
      header={<FilesSections current="company" />}
    />
  );
}

/**
 * A colleague's library (`/people/:id/files`): only what they shared with the viewer opens
 * (their root is theirs alone, so this is reached through a shared folder's address).
 */
export function PersonLibraryPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe().data?.user;
  if (!id) return <NotFoundPage />;
  if (id === me?.id) {
    return (
      <LibraryView
        library={{ type: 'person', id }}
        title={t('files.sections.mine')}
        header={<FilesSections current="mine" />}
      />
    );
  }
  return <LibraryView library={{ type: 'person', id }} title={(name) => t('files.personTitle', { name })} />;
}
