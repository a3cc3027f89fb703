import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_users\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`role\` text DEFAULT 'contributor',
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`email\` text NOT NULL,
  	\`reset_password_token\` text,
  	\`reset_password_expiration\` text,
  	\`salt\` text,
  	\`hash\` text,
  	\`reset_password_requested_at\` text,
  	\`login_attempts\` numeric DEFAULT 0,
  	\`lock_until\` text
  );
  `)
  await db.run(sql`INSERT INTO \`__new_users\`("id", "name", "role", "updated_at", "created_at", "email", "reset_password_token", "reset_password_expiration", "salt", "hash", "reset_password_requested_at", "login_attempts", "lock_until") SELECT "id", "name", "role", "updated_at", "created_at", "email", "reset_password_token", "reset_password_expiration", "salt", "hash", "reset_password_requested_at", "login_attempts", "lock_until" FROM \`users\`;`)
  await db.run(sql`DROP TABLE \`users\`;`)
  await db.run(sql`ALTER TABLE \`__new_users\` RENAME TO \`users\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`users_updated_at_idx\` ON \`users\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`users_created_at_idx\` ON \`users\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`users_email_idx\` ON \`users\` (\`email\`);`)
  await db.run(sql`ALTER TABLE \`posts\` ADD \`provenance_import_key\` text;`)
  await db.run(sql`CREATE INDEX \`posts_provenance_provenance_import_key_idx\` ON \`posts\` (\`provenance_import_key\`);`)
  await db.run(sql`ALTER TABLE \`_posts_v\` ADD \`version_provenance_import_key\` text;`)
  await db.run(sql`CREATE INDEX \`_posts_v_version_provenance_version_provenance_import_ke_idx\` ON \`_posts_v\` (\`version_provenance_import_key\`);`)
  await db.run(sql`ALTER TABLE \`digests\` ADD \`author_id\` integer REFERENCES authors(id);`)
  await db.run(sql`ALTER TABLE \`digests\` ADD \`credit\` text;`)
  await db.run(sql`ALTER TABLE \`digests\` ADD \`posted_at\` text;`)
  await db.run(sql`ALTER TABLE \`digests\` ADD \`excerpt\` text;`)
  await db.run(sql`ALTER TABLE \`digests\` ADD \`provenance_import_key\` text;`)
  await db.run(sql`CREATE INDEX \`digests_author_idx\` ON \`digests\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`digests_posted_at_idx\` ON \`digests\` (\`posted_at\`);`)
  await db.run(sql`CREATE INDEX \`digests_provenance_provenance_import_key_idx\` ON \`digests\` (\`provenance_import_key\`);`)
  await db.run(sql`ALTER TABLE \`digests_rels\` ADD \`sources_id\` integer REFERENCES sources(id);`)
  await db.run(sql`CREATE INDEX \`digests_rels_sources_id_idx\` ON \`digests_rels\` (\`sources_id\`);`)
  await db.run(sql`ALTER TABLE \`_digests_v\` ADD \`version_author_id\` integer REFERENCES authors(id);`)
  await db.run(sql`ALTER TABLE \`_digests_v\` ADD \`version_credit\` text;`)
  await db.run(sql`ALTER TABLE \`_digests_v\` ADD \`version_posted_at\` text;`)
  await db.run(sql`ALTER TABLE \`_digests_v\` ADD \`version_excerpt\` text;`)
  await db.run(sql`ALTER TABLE \`_digests_v\` ADD \`version_provenance_import_key\` text;`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_author_idx\` ON \`_digests_v\` (\`version_author_id\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_posted_at_idx\` ON \`_digests_v\` (\`version_posted_at\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_provenance_version_provenance_import__idx\` ON \`_digests_v\` (\`version_provenance_import_key\`);`)
  await db.run(sql`ALTER TABLE \`_digests_v_rels\` ADD \`sources_id\` integer REFERENCES sources(id);`)
  await db.run(sql`CREATE INDEX \`_digests_v_rels_sources_id_idx\` ON \`_digests_v_rels\` (\`sources_id\`);`)
  await db.run(sql`ALTER TABLE \`authors\` ADD \`provenance_import_key\` text;`)
  await db.run(sql`CREATE INDEX \`authors_provenance_provenance_import_key_idx\` ON \`authors\` (\`provenance_import_key\`);`)
  await db.run(sql`ALTER TABLE \`sources\` ADD \`provenance_import_key\` text;`)
  await db.run(sql`CREATE INDEX \`sources_provenance_provenance_import_key_idx\` ON \`sources\` (\`provenance_import_key\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_digests\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`slug\` text,
  	\`issue_number\` numeric,
  	\`issue_date\` text,
  	\`intro\` text,
  	\`provenance_file\` text,
  	\`provenance_line\` numeric,
  	\`provenance_hash\` text,
  	\`provenance_imported_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`deleted_at\` text,
  	\`_status\` text DEFAULT 'draft'
  );
  `)
  await db.run(sql`INSERT INTO \`__new_digests\`("id", "title", "slug", "issue_number", "issue_date", "intro", "provenance_file", "provenance_line", "provenance_hash", "provenance_imported_at", "updated_at", "created_at", "deleted_at", "_status") SELECT "id", "title", "slug", "issue_number", "issue_date", "intro", "provenance_file", "provenance_line", "provenance_hash", "provenance_imported_at", "updated_at", "created_at", "deleted_at", "_status" FROM \`digests\`;`)
  await db.run(sql`DROP TABLE \`digests\`;`)
  await db.run(sql`ALTER TABLE \`__new_digests\` RENAME TO \`digests\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE UNIQUE INDEX \`digests_slug_idx\` ON \`digests\` (\`slug\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`digests_issue_number_idx\` ON \`digests\` (\`issue_number\`);`)
  await db.run(sql`CREATE INDEX \`digests_issue_date_idx\` ON \`digests\` (\`issue_date\`);`)
  await db.run(sql`CREATE INDEX \`digests_provenance_provenance_hash_idx\` ON \`digests\` (\`provenance_hash\`);`)
  await db.run(sql`CREATE INDEX \`digests_updated_at_idx\` ON \`digests\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`digests_created_at_idx\` ON \`digests\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`digests_deleted_at_idx\` ON \`digests\` (\`deleted_at\`);`)
  await db.run(sql`CREATE INDEX \`digests__status_idx\` ON \`digests\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new_digests_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`posts_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`digests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`posts_id\`) REFERENCES \`posts\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_digests_rels\`("id", "order", "parent_id", "path", "posts_id") SELECT "id", "order", "parent_id", "path", "posts_id" FROM \`digests_rels\`;`)
  await db.run(sql`DROP TABLE \`digests_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_digests_rels\` RENAME TO \`digests_rels\`;`)
  await db.run(sql`CREATE INDEX \`digests_rels_order_idx\` ON \`digests_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`digests_rels_parent_idx\` ON \`digests_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`digests_rels_path_idx\` ON \`digests_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`digests_rels_posts_id_idx\` ON \`digests_rels\` (\`posts_id\`);`)
  await db.run(sql`CREATE TABLE \`__new__digests_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_title\` text,
  	\`version_slug\` text,
  	\`version_issue_number\` numeric,
  	\`version_issue_date\` text,
  	\`version_intro\` text,
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
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`digests\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__digests_v\`("id", "parent_id", "version_title", "version_slug", "version_issue_number", "version_issue_date", "version_intro", "version_provenance_file", "version_provenance_line", "version_provenance_hash", "version_provenance_imported_at", "version_updated_at", "version_created_at", "version_deleted_at", "version__status", "created_at", "updated_at", "latest") SELECT "id", "parent_id", "version_title", "version_slug", "version_issue_number", "version_issue_date", "version_intro", "version_provenance_file", "version_provenance_line", "version_provenance_hash", "version_provenance_imported_at", "version_updated_at", "version_created_at", "version_deleted_at", "version__status", "created_at", "updated_at", "latest" FROM \`_digests_v\`;`)
  await db.run(sql`DROP TABLE \`_digests_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__digests_v\` RENAME TO \`_digests_v\`;`)
  await db.run(sql`CREATE INDEX \`_digests_v_parent_idx\` ON \`_digests_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_slug_idx\` ON \`_digests_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_issue_number_idx\` ON \`_digests_v\` (\`version_issue_number\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_issue_date_idx\` ON \`_digests_v\` (\`version_issue_date\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_provenance_version_provenance_hash_idx\` ON \`_digests_v\` (\`version_provenance_hash\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_updated_at_idx\` ON \`_digests_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_created_at_idx\` ON \`_digests_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_deleted_at_idx\` ON \`_digests_v\` (\`version_deleted_at\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version__status_idx\` ON \`_digests_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_created_at_idx\` ON \`_digests_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_updated_at_idx\` ON \`_digests_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_latest_idx\` ON \`_digests_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`__new__digests_v_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`posts_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_digests_v\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`posts_id\`) REFERENCES \`posts\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new__digests_v_rels\`("id", "order", "parent_id", "path", "posts_id") SELECT "id", "order", "parent_id", "path", "posts_id" FROM \`_digests_v_rels\`;`)
  await db.run(sql`DROP TABLE \`_digests_v_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new__digests_v_rels\` RENAME TO \`_digests_v_rels\`;`)
  await db.run(sql`CREATE INDEX \`_digests_v_rels_order_idx\` ON \`_digests_v_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_rels_parent_idx\` ON \`_digests_v_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_rels_path_idx\` ON \`_digests_v_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_rels_posts_id_idx\` ON \`_digests_v_rels\` (\`posts_id\`);`)
  await db.run(sql`DROP INDEX \`posts_provenance_provenance_import_key_idx\`;`)
  await db.run(sql`ALTER TABLE \`posts\` DROP COLUMN \`provenance_import_key\`;`)
  await db.run(sql`DROP INDEX \`_posts_v_version_provenance_version_provenance_import_ke_idx\`;`)
  await db.run(sql`ALTER TABLE \`_posts_v\` DROP COLUMN \`version_provenance_import_key\`;`)
  await db.run(sql`DROP INDEX \`authors_provenance_provenance_import_key_idx\`;`)
  await db.run(sql`ALTER TABLE \`authors\` DROP COLUMN \`provenance_import_key\`;`)
  await db.run(sql`DROP INDEX \`sources_provenance_provenance_import_key_idx\`;`)
  await db.run(sql`ALTER TABLE \`sources\` DROP COLUMN \`provenance_import_key\`;`)
  await db.run(sql`CREATE TABLE \`__new_users\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`role\` text DEFAULT 'contributor' NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`email\` text NOT NULL,
  	\`reset_password_token\` text,
  	\`reset_password_expiration\` text,
  	\`salt\` text,
  	\`hash\` text,
  	\`reset_password_requested_at\` text,
  	\`login_attempts\` numeric DEFAULT 0,
  	\`lock_until\` text
  );
  `)
  await db.run(sql`INSERT INTO \`__new_users\`("id", "name", "role", "updated_at", "created_at", "email", "reset_password_token", "reset_password_expiration", "salt", "hash", "reset_password_requested_at", "login_attempts", "lock_until") SELECT "id", "name", "role", "updated_at", "created_at", "email", "reset_password_token", "reset_password_expiration", "salt", "hash", "reset_password_requested_at", "login_attempts", "lock_until" FROM \`users\`;`)
  await db.run(sql`DROP TABLE \`users\`;`)
  await db.run(sql`ALTER TABLE \`__new_users\` RENAME TO \`users\`;`)
  await db.run(sql`CREATE INDEX \`users_updated_at_idx\` ON \`users\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`users_created_at_idx\` ON \`users\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`users_email_idx\` ON \`users\` (\`email\`);`)
}
