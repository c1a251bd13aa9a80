import { type Kysely, sql } from 'kysely';

/**
 * Document libraries (issue 4): folders, files, versions, shares, links, comments.
 *
 * Every file and folder lives in one space's library, like a post: the company's (no ids), a
 * group's (`group_id`) or a person's "My files" (`profile_id`). A group's deletion removes its
 * library's rows with it, as it removes the group's posts (the ledger keeps what was uploaded).
 * Deleting a file or folder in the product is soft (`deleted_at`): the bytes and the rows stay.
 *
 * `folder_ancestors` is the closure of `folders.parent_id`, each folder included at depth 0, so
 * "shared through any folder above" and "everything under this folder" are one indexed lookup.
 * `name_key` is `searchKey(name)`: libraries list by it on both engines.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createFolders(db);
  await createFiles(db);
  await createSharing(db);
}

const spaceCheck = sql`(space_type = 'company' and group_id is null and profile_id is null)
  or (space_type = 'group' and group_id is not null and profile_id is null)
  or (space_type = 'profile' and profile_id is not null and group_id is null)`;

async function createFolders(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('folders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('space_type', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('profile_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.references('folders.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addCheckConstraint('folders_space', spaceCheck)
    .execute();
  await db.schema
    .createIndex('folders_parent')
    .on('folders')
    .columns(['parent_id', 'name_key', 'id'])
    .execute();
  await db.schema
    .createIndex('folders_group')
    .on('folders')
    .columns(['group_id', 'parent_id', 'name_key', 'id'])
    .execute();
  await db.schema
    .createIndex('folders_profile')
    .on('folders')
    .columns(['profile_id', 'parent_id', 'name_key', 'id'])
    .execute();
  await db.schema
    .createIndex('folders_space_type')
    .on('folders')
    .columns(['space_type', 'parent_id', 'name_key', 'id'])
    .execute();

  await db.schema
    .createTable('folder_ancestors')
    .addColumn('folder_id', 'text', (c) => c.notNull().references('folders.id').onDelete('cascade'))
    .addColumn('ancestor_id', 'text', (c) => c.notNull().references('folders.id').onDelete('cascade'))
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('folder_ancestors_pk', ['folder_id', 'ancestor_id'])
    .execute();
  await db.schema
    .createIndex('folder_ancestors_ancestor')
    .on('folder_ancestors')
    .columns(['ancestor_id', 'folder_id'])
    .execute();
}

async function createFiles(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('space_type', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('profile_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('folder_id', 'text', (c) => c.references('folders.id').onDelete('cascade'))
    .addColumn('post_id', 'text', (c) => c.references('posts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addCheckConstraint('files_space', spaceCheck)
    .execute();
  await db.schema.createIndex('files_folder').on('files').columns(['folder_id', 'name_key', 'id']).execute();
  await db.schema
    .createIndex('files_group')
    .on('files')
    .columns(['group_id', 'folder_id', 'name_key', 'id'])
    .execute();
  await db.schema
    .createIndex('files_profile')
    .on('files')
    .columns(['profile_id', 'folder_id', 'name_key', 'id'])
    .execute();
  await db.schema
    .createIndex('files_space_type')
    .on('files')
    .columns(['space_type', 'folder_id', 'name_key', 'id'])
    .execute();
  await db.schema.createIndex('files_post').on('files').column('post_id').execute();

  await db.schema
    .createTable('file_versions')
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('text_status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('thumb_key', 'text')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addPrimaryKeyConstraint('file_versions_pk', ['file_id', 'version'])
    .addCheckConstraint(
      'file_versions_text_status',
      sql`text_status in ('pending', 'done', 'none', 'failed')`,
    )
    .execute();
  // The quota sums what a person uploaded; the job queue picks up what is still pending.
  await db.schema
    .createIndex('file_versions_uploader')
    .on('file_versions')
    .columns(['uploaded_by', 'file_id'])
    .execute();
  await db.schema
    .createIndex('file_versions_text_status')
    .on('file_versions')
    .columns(['text_status', 'created_at'])
    .execute();

  await db.schema
    .createTable('file_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('file_comments_file').on('file_comments').columns(['file_id', 'id']).execute();
}

async function createSharing(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('file_shares')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_id', 'text', (c) => c.references('files.id').onDelete('cascade'))
    .addColumn('folder_id', 'text', (c) => c.references('folders.id').onDelete('cascade'))
    .addColumn('grantee_type', 'text', (c) => c.notNull())
    .addColumn('grantee_id', 'text', (c) => c.notNull())
    .addColumn('permission', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'file_shares_target',
      sql`(file_id is null and folder_id is not null) or (file_id is not null and folder_id is null)`,
    )
    .addCheckConstraint('file_shares_grantee_type', sql`grantee_type in ('user', 'group', 'department')`)
    .addCheckConstraint('file_shares_permission', sql`permission in ('read', 'edit')`)
    .execute();
  // Unique per target and grantee: rows of the other target kind hold a null and never collide.
  await db.schema
    .createIndex('file_shares_file')
    .on('file_shares')
    .columns(['file_id', 'grantee_type', 'grantee_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('file_shares_folder')
    .on('file_shares')
    .columns(['folder_id', 'grantee_type', 'grantee_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('file_shares_grantee')
    .on('file_shares')
    .columns(['grantee_type', 'grantee_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('file_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('file_links_file').on('file_links').columns(['file_id', 'id']).execute();
}
