import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  // ON DELETE set null added by hand (as the snapshot says): generated without it, deleting a
  // user who ever saved a post failed on the foreign key (500).
  await db.run(sql`ALTER TABLE \`posts\` ADD \`last_edited_by_id\` integer REFERENCES users(id) ON DELETE set null;`)
  await db.run(sql`CREATE INDEX \`posts_last_edited_by_idx\` ON \`posts\` (\`last_edited_by_id\`);`)
  await db.run(sql`ALTER TABLE \`_posts_v\` ADD \`version_last_edited_by_id\` integer REFERENCES users(id) ON DELETE set null;`)
  await db.run(sql`CREATE INDEX \`_posts_v_version_version_last_edited_by_idx\` ON \`_posts_v\` (\`version_last_edited_by_id\`);`)
  await db.run(sql`ALTER TABLE \`digests\` ADD \`last_edited_by_id\` integer REFERENCES users(id) ON DELETE set null;`)
  await db.run(sql`CREATE INDEX \`digests_last_edited_by_idx\` ON \`digests\` (\`last_edited_by_id\`);`)
  await db.run(sql`ALTER TABLE \`_digests_v\` ADD \`version_last_edited_by_id\` integer REFERENCES users(id) ON DELETE set null;`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_last_edited_by_idx\` ON \`_digests_v\` (\`version_last_edited_by_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_posts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`slug\` text,
  	\`author_id\` integer,
  	\`credit\` text,
  	\`credited_writer\` text,
  	\`source_published_at\` text,
  	\`posted_at\` text,
  	\`excerpt\` text,
  	\`content\` text,
  	\`stage\` text DEFAULT 'draft',
  	\`owner_id\` integer,
  	\`provenance_import_key\` text,
  	\`provenance_file\` text,
  	\`provenance_line\` numeric,
  	\`provenance_hash\` text,
  	\`provenance_imported_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`deleted_at\` text,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`author_id\`) REFERENCES \`authors\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`owner_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_posts\`("id", "title", "slug", "author_id", "credit", "credited_writer", "source_published_at", "posted_at", "excerpt", "content", "stage", "owner_id", "provenance_import_key", "provenance_file", "provenance_line", "provenance_hash", "provenance_imported_at", "updated_at", "created_at", "deleted_at", "_status") SELECT "id", "title", "slug", "author_id", "credit", "credited_writer", "source_published_at", "posted_at", "excerpt", "content", "stage", "owner_id", "provenance_import_key", "provenance_file", "provenance_line", "provenance_hash", "provenance_imported_at", "updated_at", "created_at", "deleted_at", "_status" FROM \`posts\`;`)
  await db.run(sql`DROP TABLE \`posts\`;`)
  await db.run(sql`ALTER TABLE \`__new_posts\` RENAME TO \`posts\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE UNIQUE INDEX \`posts_slug_idx\` ON \`posts\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`posts_author_idx\` ON \`posts\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`posts_posted_at_idx\` ON \`posts\` (\`posted_at\`);`)
  await db.run(sql`CREATE INDEX \`posts_stage_idx\` ON \`posts\` (\`stage\`);`)
  await db.run(sql`CREATE INDEX \`posts_owner_idx\` ON \`posts\` (\`owner_id\`);`)
  await db.run(sql`CREATE INDEX \`posts_provenance_provenance_import_key_idx\` ON \`posts\` (\`provenance_import_key\`);`)
  await db.run(sql`CREATE INDEX \`posts_provenance_provenance_hash_idx\` ON \`posts\` (\`provenance_hash\`);`)
  await db.run(sql`CREATE INDEX \`posts_updated_at_idx\` ON \`posts\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`posts_created_at_idx\` ON \`posts\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`posts_deleted_at_idx\` ON \`posts\` (\`deleted_at\`);`)
  await db.run(sql`CREATE INDEX \`posts__status_idx\` ON \`posts\` (\`_status\`);`)
  await db.run(sql`CREATE INDEX \`_status_deletedAt_postedAt_idx\` ON \`posts\` (\`_status\`,\`deleted_at\`,\`posted_at\`);`)
  await db.run(sql`CREATE TABLE \`__new__posts_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_title\` text,
  	\`version_slug\` text,
  	\`version_author_id\` integer,
  	\`version_credit\` text,
  	\`version_credited_writer\` text,
  	\`version_source_published_at\` text,
  	\`version_posted_at\` text,
  	\`version_excerpt\` text,
  	\`version_content\` text,
  	\`version_stage\` text DEFAULT 'draft',
  	\`version_owner_id\` integer,
  	\`version_provenance_import_key\` text,
  	\`version_provenance_file\` text,
  	\`version_provenance_line\` numeric,
  	\`version_provenance_hash\` text,
  	\`version_provenance_imported_at\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version_deleted_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`posts\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_author_id\`) REFERENCES \`authors\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_owner_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__posts_v\`("id", "parent_id", "version_title", "version_slug", "version_author_id", "version_credit", "version_credited_writer", "version_source_published_at", "version_posted_at", "version_excerpt", "version_content", "version_stage", "version_owner_id", "version_provenance_import_key", "version_provenance_file", "version_provenance_line", "version_provenance_hash", "version_provenance_imported_at", "version_updated_at", "version_created_at", "version_deleted_at", "version__status", "created_at", "updated_at", "latest") SELECT "id", "parent_id", "version_title", "version_slug", "version_author_id", "version_credit", "version_credited_writer", "version_source_published_at", "version_posted_at", "version_excerpt", "version_content", "version_stage", "version_owner_id", "version_provenance_import_key", "version_provenance_file", "version_provenance_line", "version_provenance_hash", "version_provenance_imported_at", "version_updated_at", "version_created_at", "version_deleted_at", "version__status", "created_at", "updated_at", "latest" FROM \`_posts_v\`;`)
  await db.run(sql`DROP TABLE \`_posts_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__posts_v\` RENAME TO \`_posts_v\`;`)
  await db.run(sql`CREATE INDEX \`_posts_v_parent_idx\` ON \`_posts_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_version_version_slug_idx\` ON \`_posts_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_version_version_author_idx\` ON \`_posts_v\` (\`version_author_id\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_version_version_posted_at_idx\` ON \`_posts_v\` (\`version_posted_at\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_version_version_stage_idx\` ON \`_posts_v\` (\`version_stage\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_version_version_owner_idx\` ON \`_posts_v\` (\`version_owner_id\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_version_provenance_version_provenance_import_ke_idx\` ON \`_posts_v\` (\`version_provenance_import_key\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_version_provenance_version_provenance_hash_idx\` ON \`_posts_v\` (\`version_provenance_hash\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_version_version_updated_at_idx\` ON \`_posts_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_version_version_created_at_idx\` ON \`_posts_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_version_version_deleted_at_idx\` ON \`_posts_v\` (\`version_deleted_at\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_version_version__status_idx\` ON \`_posts_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_created_at_idx\` ON \`_posts_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_updated_at_idx\` ON \`_posts_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_latest_idx\` ON \`_posts_v\` (\`latest\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_deletedAt_version_postedAt_idx\` ON \`_posts_v\` (\`version__status\`,\`version_deleted_at\`,\`version_posted_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_digests\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`slug\` text,
  	\`issue_number\` numeric,
  	\`issue_date\` text,
  	\`author_id\` integer,
  	\`credit\` text,
  	\`posted_at\` text,
  	\`excerpt\` text,
  	\`intro\` text,
  	\`stage\` text DEFAULT 'draft',
  	\`owner_id\` integer,
  	\`provenance_import_key\` text,
  	\`provenance_file\` text,
  	\`provenance_line\` numeric,
  	\`provenance_hash\` text,
  	\`provenance_imported_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`deleted_at\` text,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`author_id\`) REFERENCES \`authors\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`owner_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_digests\`("id", "title", "slug", "issue_number", "issue_date", "author_id", "credit", "posted_at", "excerpt", "intro", "stage", "owner_id", "provenance_import_key", "provenance_file", "provenance_line", "provenance_hash", "provenance_imported_at", "updated_at", "created_at", "deleted_at", "_status") SELECT "id", "title", "slug", "issue_number", "issue_date", "author_id", "credit", "posted_at", "excerpt", "intro", "stage", "owner_id", "provenance_import_key", "provenance_file", "provenance_line", "provenance_hash", "provenance_imported_at", "updated_at", "created_at", "deleted_at", "_status" FROM \`digests\`;`)
  await db.run(sql`DROP TABLE \`digests\`;`)
  await db.run(sql`ALTER TABLE \`__new_digests\` RENAME TO \`digests\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`digests_slug_idx\` ON \`digests\` (\`slug\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`digests_issue_number_idx\` ON \`digests\` (\`issue_number\`);`)
  await db.run(sql`CREATE INDEX \`digests_issue_date_idx\` ON \`digests\` (\`issue_date\`);`)
  await db.run(sql`CREATE INDEX \`digests_author_idx\` ON \`digests\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`digests_posted_at_idx\` ON \`digests\` (\`posted_at\`);`)
  await db.run(sql`CREATE INDEX \`digests_stage_idx\` ON \`digests\` (\`stage\`);`)
  await db.run(sql`CREATE INDEX \`digests_owner_idx\` ON \`digests\` (\`owner_id\`);`)
  await db.run(sql`CREATE INDEX \`digests_provenance_provenance_import_key_idx\` ON \`digests\` (\`provenance_import_key\`);`)
  await db.run(sql`CREATE INDEX \`digests_provenance_provenance_hash_idx\` ON \`digests\` (\`provenance_hash\`);`)
  await db.run(sql`CREATE INDEX \`digests_updated_at_idx\` ON \`digests\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`digests_created_at_idx\` ON \`digests\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`digests_deleted_at_idx\` ON \`digests\` (\`deleted_at\`);`)
  await db.run(sql`CREATE INDEX \`digests__status_idx\` ON \`digests\` (\`_status\`);`)
  await db.run(sql`CREATE INDEX \`_status_deletedAt_issueDate_idx\` ON \`digests\` (\`_status\`,\`deleted_at\`,\`issue_date\`);`)
  await db.run(sql`CREATE TABLE \`__new__digests_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_title\` text,
  	\`version_slug\` text,
  	\`version_issue_number\` numeric,
  	\`version_issue_date\` text,
  	\`version_author_id\` integer,
  	\`version_credit\` text,
  	\`version_posted_at\` text,
  	\`version_excerpt\` text,
  	\`version_intro\` text,
  	\`version_stage\` text DEFAULT 'draft',
  	\`version_owner_id\` integer,
  	\`version_provenance_import_key\` text,
  	\`version_provenance_file\` text,
  	\`version_provenance_line\` numeric,
  	\`version_provenance_hash\` text,
  	\`version_provenance_imported_at\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version_deleted_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`digests\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_author_id\`) REFERENCES \`authors\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_owner_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__digests_v\`("id", "parent_id", "version_title", "version_slug", "version_issue_number", "version_issue_date", "version_author_id", "version_credit", "version_posted_at", "version_excerpt", "version_intro", "version_stage", "version_owner_id", "version_provenance_import_key", "version_provenance_file", "version_provenance_line", "version_provenance_hash", "version_provenance_imported_at", "version_updated_at", "version_created_at", "version_deleted_at", "version__status", "created_at", "updated_at", "latest") SELECT "id", "parent_id", "version_title", "version_slug", "version_issue_number", "version_issue_date", "version_author_id", "version_credit", "version_posted_at", "version_excerpt", "version_intro", "version_stage", "version_owner_id", "version_provenance_import_key", "version_provenance_file", "version_provenance_line", "version_provenance_hash", "version_provenance_imported_at", "version_updated_at", "version_created_at", "version_deleted_at", "version__status", "created_at", "updated_at", "latest" FROM \`_digests_v\`;`)
  await db.run(sql`DROP TABLE \`_digests_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__digests_v\` RENAME TO \`_digests_v\`;`)
  await db.run(sql`CREATE INDEX \`_digests_v_parent_idx\` ON \`_digests_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_slug_idx\` ON \`_digests_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_issue_number_idx\` ON \`_digests_v\` (\`version_issue_number\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_issue_date_idx\` ON \`_digests_v\` (\`version_issue_date\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_author_idx\` ON \`_digests_v\` (\`version_author_id\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_posted_at_idx\` ON \`_digests_v\` (\`version_posted_at\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_stage_idx\` ON \`_digests_v\` (\`version_stage\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_owner_idx\` ON \`_digests_v\` (\`version_owner_id\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_provenance_version_provenance_import__idx\` ON \`_digests_v\` (\`version_provenance_import_key\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_provenance_version_provenance_hash_idx\` ON \`_digests_v\` (\`version_provenance_hash\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_updated_at_idx\` ON \`_digests_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_created_at_idx\` ON \`_digests_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_deleted_at_idx\` ON \`_digests_v\` (\`version_deleted_at\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version__status_idx\` ON \`_digests_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_created_at_idx\` ON \`_digests_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_updated_at_idx\` ON \`_digests_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_latest_idx\` ON \`_digests_v\` (\`latest\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_deletedAt_version_issueDate_idx\` ON \`_digests_v\` (\`version__status\`,\`version_deleted_at\`,\`version_issue_date\`);`)
}
