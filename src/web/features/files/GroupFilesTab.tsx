import { useTranslation } from 'react-i18next';
import { LibraryView } from './LibraryView.js';

/** The group page's "Files" tab: the group's library, read by whoever reads the group. */
export function GroupFilesTab({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  return <LibraryView library={{ type: 'group', id: groupId }} title={t('files.groupTitle')} embedded />;
}
