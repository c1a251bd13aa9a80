import { useTranslation } from 'react-i18next';
import type { FileSpace } from '../../../shared/api/files.js';
import { ConfirmDialog } from '../posts/ConfirmDialog.js';
import { displayName } from './file-format.js';
import {
  libraryOfSpace,
  useDeleteFile,
  useDeleteFolder,
  useUpdateFile,
  useUpdateFolder,
} from './files.api.js';
import type { RowAction } from './LibraryRow.js';
import { MoveDialog } from './MoveDialog.js';
import { NameDialog } from './NameDialog.js';
import { ShareDialog } from './ShareDialog.js';

/** A file or folder as the dialogs need it. */
export interface DialogSubject {
  type: 'file' | 'folder';
  id: string;
  name: string;
  space: FileSpace;
  /** The folder it is in (a file's `folderId`, a folder's `parentId`); null at the root. */
  parentId: string | null;
}

interface ItemDialogsProps {
  action: RowAction;
  subject: DialogSubject;
  onClose: () => void;
  /** After a deletion (the document page then leaves). */
  onDeleted?: () => void;
}

/** The dialog of one action on a file or folder: rename, move, share or delete. */
export function ItemDialogs({ action, subject, onClose, onDeleted }: ItemDialogsProps) {
  const name = displayName(subject.name);
  switch (action) {
    case 'rename':
      return <RenameDialog subject={subject} onClose={onClose} />;
    case 'move':
      return (
        <MoveDialog
          library={libraryOfSpace(subject.space)}
          subject={{ type: subject.type, id: subject.id, name, parentId: subject.parentId }}
          onClose={onClose}
        />
      );
    case 'share':
      return <ShareDialog type={subject.type} id={subject.id} name={name} onClose={onClose} />;
    case 'delete':
      return <DeleteDialog subject={subject} onClose={onClose} onDeleted={onDeleted} />;
  }
}

function RenameDialog({ subject, onClose }: { subject: DialogSubject; onClose: () => void }) {
  const { t } = useTranslation();
  const file = useUpdateFile();
  const folder = useUpdateFolder();
  const update = subject.type === 'file' ? file : folder;
  return (
    <NameDialog
      title={t(subject.type === 'file' ? 'files.rename.fileTitle' : 'files.rename.folderTitle')}
      submitLabel={t('files.rename.submit')}
      initial={subject.name}
      keepExtension={subject.type === 'file'}
      loading={update.isPending}
      error={update.error}
      onClose={onClose}
      onSubmit={(name) =>
        subject.type === 'file'
          ? file.mutate({ id: subject.id, body: { name } }, { onSuccess: onClose })
          : folder.mutate({ id: subject.id, body: { name } }, { onSuccess: onClose })
      }
    />
  );
}

function DeleteDialog({
  subject,
  onClose,
  onDeleted,
}: {
  subject: DialogSubject;
  onClose: () => void;
  onDeleted: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const file = useDeleteFile();
  const folder = useDeleteFolder();
  const remove = subject.type === 'file' ? file : folder;
  const onSuccess = () => {
    onClose();
    onDeleted?.();
  };
  return (
    <ConfirmDialog
      opened
      title={t(subject.type === 'file' ? 'files.delete.fileTitle' : 'files.delete.folderTitle')}
      text={t(subject.type === 'file' ? 'files.delete.fileConfirm' : 'files.delete.folderConfirm', {
        name: displayName(subject.name),
      })}
      confirmLabel={t('common.delete')}
      loading={remove.isPending}
      error={remove.error}
      onClose={onClose}
      onConfirm={() => remove.mutate(subject.id, { onSuccess })}
    />
  );
}
