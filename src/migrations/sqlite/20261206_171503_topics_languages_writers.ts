import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`posts_writers\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`author_id\` integer,
  	FOREIGN KEY (\`author_id\`) REFERENCES \`authors\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`posts\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`posts_writers_order_idx\` ON \`posts_writers\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`posts_writers_parent_id_idx\` ON \`posts_writers\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`posts_writers_author_idx\` ON \`posts_writers\` (\`author_id\`);`)
  await db.run(sql`CREATE TABLE \`posts_texts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`posts\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`posts_texts_order_parent\` ON \`posts_texts\` (\`order\`,\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_posts_v_version_writers\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`author_id\` integer,
  	\`_uuid\` text,
  	FOREIGN KEY (\`author_id\`) REFERENCES \`authors\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_posts_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_posts_v_version_writers_order_idx\` ON \`_posts_v_version_writers\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_version_writers_parent_id_idx\` ON \`_posts_v_version_writers\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_version_writers_author_idx\` ON \`_posts_v_version_writers\` (\`author_id\`);`)
  await db.run(sql`CREATE TABLE \`_posts_v_texts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_posts_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_posts_v_texts_order_parent\` ON \`_posts_v_texts\` (\`order\`,\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`digests_texts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`digests\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`digests_texts_order_parent\` ON \`digests_texts\` (\`order\`,\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_digests_v_texts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_digests_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_digests_v_texts_order_parent\` ON \`_digests_v_texts\` (\`order\`,\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`topics\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`slug\` text,
  	\`description\` text,
  	\`provenance_import_key\` text,
  	\`provenance_file\` text,
  	\`provenance_line\` numeric,
  	\`provenance_hash\` text,
  	\`provenance_imported_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`deleted_at\` text
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`topics_name_idx\` ON \`topics\` (\`name\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`topics_slug_idx\` ON \`topics\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`topics_provenance_provenance_import_key_idx\` ON \`topics\` (\`provenance_import_key\`);`)
  await db.run(sql`CREATE INDEX \`topics_provenance_provenance_hash_idx\` ON \`topics\` (\`provenance_hash\`);`)
  await db.run(sql`CREATE INDEX \`topics_updated_at_idx\` ON \`topics\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`topics_created_at_idx\` ON \`topics\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`topics_deleted_at_idx\` ON \`topics\` (\`deleted_at\`);`)
  await db.run(sql`CREATE TABLE \`topics_texts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`topics_texts_order_parent\` ON \`topics_texts\` (\`order\`,\`parent_id\`);`)
  await db.run(sql`ALTER TABLE \`posts\` ADD \`dateline\` text;`)
  await db.run(sql`ALTER TABLE \`posts\` ADD \`original_publication\` text;`)
  await db.run(sql`ALTER TABLE \`posts\` ADD \`language\` text;`)
  await db.run(sql`CREATE INDEX \`posts_language_idx\` ON \`posts\` (\`language\`);`)
  await db.run(sql`ALTER TABLE \`posts_rels\` ADD \`topics_id\` integer REFERENCES topics(id);`)
  await db.run(sql`ALTER TABLE \`posts_rels\` ADD \`posts_id\` integer REFERENCES posts(id);`)
  await db.run(sql`CREATE INDEX \`posts_rels_topics_id_idx\` ON \`posts_rels\` (\`topics_id\`);`)
  await db.run(sql`CREATE INDEX \`posts_rels_posts_id_idx\` ON \`posts_rels\` (\`posts_id\`);`)
  await db.run(sql`ALTER TABLE \`_posts_v\` ADD \`version_dateline\` text;`)
  await db.run(sql`ALTER TABLE \`_posts_v\` ADD \`version_original_publication\` text;`)
  await db.run(sql`ALTER TABLE \`_posts_v\` ADD \`version_language\` text;`)
  await db.run(sql`CREATE INDEX \`_posts_v_version_version_language_idx\` ON \`_posts_v\` (\`version_language\`);`)
  await db.run(sql`ALTER TABLE \`_posts_v_rels\` ADD \`topics_id\` integer REFERENCES topics(id);`)
  await db.run(sql`ALTER TABLE \`_posts_v_rels\` ADD \`posts_id\` integer REFERENCES posts(id);`)
  await db.run(sql`CREATE INDEX \`_posts_v_rels_topics_id_idx\` ON \`_posts_v_rels\` (\`topics_id\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_rels_posts_id_idx\` ON \`_posts_v_rels\` (\`posts_id\`);`)
  await db.run(sql`ALTER TABLE \`digests_items\` ADD \`language\` text;`)
  await db.run(sql`ALTER TABLE \`digests\` ADD \`series\` text;`)
  await db.run(sql`ALTER TABLE \`digests\` ADD \`language\` text;`)
  await db.run(sql`CREATE INDEX \`digests_series_idx\` ON \`digests\` (\`series\`);`)
  await db.run(sql`CREATE INDEX \`digests_language_idx\` ON \`digests\` (\`language\`);`)
  await db.run(sql`ALTER TABLE \`digests_rels\` ADD \`topics_id\` integer REFERENCES topics(id);`)
  await db.run(sql`CREATE INDEX \`digests_rels_topics_id_idx\` ON \`digests_rels\` (\`topics_id\`);`)
  await db.run(sql`ALTER TABLE \`_digests_v_version_items\` ADD \`language\` text;`)
  await db.run(sql`ALTER TABLE \`_digests_v\` ADD \`version_series\` text;`)
  await db.run(sql`ALTER TABLE \`_digests_v\` ADD \`version_language\` text;`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_series_idx\` ON \`_digests_v\` (\`version_series\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_version_version_language_idx\` ON \`_digests_v\` (\`version_language\`);`)
  await db.run(sql`ALTER TABLE \`_digests_v_rels\` ADD \`topics_id\` integer REFERENCES topics(id);`)
  await db.run(sql`CREATE INDEX \`_digests_v_rels_topics_id_idx\` ON \`_digests_v_rels\` (\`topics_id\`);`)
  await db.run(sql`ALTER TABLE \`redirects_rels\` ADD \`topics_id\` integer REFERENCES topics(id);`)
  await db.run(sql`CREATE INDEX \`redirects_rels_topics_id_idx\` ON \`redirects_rels\` (\`topics_id\`);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`topics_id\` integer REFERENCES topics(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_topics_id_idx\` ON \`payload_locked_documents_rels\` (\`topics_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`posts_writers\`;`)
  await db.run(sql`DROP TABLE \`posts_texts\`;`)
  await db.run(sql`DROP TABLE \`_posts_v_version_writers\`;`)
  await db.run(sql`DROP TABLE \`_posts_v_texts\`;`)
  await db.run(sql`DROP TABLE \`digests_texts\`;`)
  await db.run(sql`DROP TABLE \`_digests_v_texts\`;`)
  await db.run(sql`DROP TABLE \`topics\`;`)
  await db.run(sql`DROP TABLE \`topics_texts\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_posts_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`sources_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`posts\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`sources_id\`) REFERENCES \`sources\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_posts_rels\`("id", "order", "parent_id", "path", "sources_id") SELECT "id", "order", "parent_id", "path", "sources_id" FROM \`posts_rels\`;`)
  await db.run(sql`DROP TABLE \`posts_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_posts_rels\` RENAME TO \`posts_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`posts_rels_order_idx\` ON \`posts_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`posts_rels_parent_idx\` ON \`posts_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`posts_rels_path_idx\` ON \`posts_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`posts_rels_sources_id_idx\` ON \`posts_rels\` (\`sources_id\`);`)
  await db.run(sql`CREATE TABLE \`__new__posts_v_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`sources_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_posts_v\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`sources_id\`) REFERENCES \`sources\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new__posts_v_rels\`("id", "order", "parent_id", "path", "sources_id") SELECT "id", "order", "parent_id", "path", "sources_id" FROM \`_posts_v_rels\`;`)
  await db.run(sql`DROP TABLE \`_posts_v_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new__posts_v_rels\` RENAME TO \`_posts_v_rels\`;`)
  await db.run(sql`CREATE INDEX \`_posts_v_rels_order_idx\` ON \`_posts_v_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_rels_parent_idx\` ON \`_posts_v_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_rels_path_idx\` ON \`_posts_v_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`_posts_v_rels_sources_id_idx\` ON \`_posts_v_rels\` (\`sources_id\`);`)
  await db.run(sql`CREATE TABLE \`__new_digests_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`sources_id\` integer,
  	\`posts_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`digests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`sources_id\`) REFERENCES \`sources\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`posts_id\`) REFERENCES \`posts\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_digests_rels\`("id", "order", "parent_id", "path", "sources_id", "posts_id") SELECT "id", "order", "parent_id", "path", "sources_id", "posts_id" FROM \`digests_rels\`;`)
  await db.run(sql`DROP TABLE \`digests_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_digests_rels\` RENAME TO \`digests_rels\`;`)
  await db.run(sql`CREATE INDEX \`digests_rels_order_idx\` ON \`digests_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`digests_rels_parent_idx\` ON \`digests_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`digests_rels_path_idx\` ON \`digests_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`digests_rels_sources_id_idx\` ON \`digests_rels\` (\`sources_id\`);`)
  await db.run(sql`CREATE INDEX \`digests_rels_posts_id_idx\` ON \`digests_rels\` (\`posts_id\`);`)
  await db.run(sql`CREATE TABLE \`__new__digests_v_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`sources_id\` integer,
  	\`posts_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_digests_v\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`sources_id\`) REFERENCES \`sources\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`posts_id\`) REFERENCES \`posts\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new__digests_v_rels\`("id", "order", "parent_id", "path", "sources_id", "posts_id") SELECT "id", "order", "parent_id", "path", "sources_id", "posts_id" FROM \`_digests_v_rels\`;`)
  await db.run(sql`DROP TABLE \`_digests_v_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new__digests_v_rels\` RENAME TO \`_digests_v_rels\`;`)
  await db.run(sql`CREATE INDEX \`_digests_v_rels_order_idx\` ON \`_digests_v_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_rels_parent_idx\` ON \`_digests_v_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_rels_path_idx\` ON \`_digests_v_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_rels_sources_id_idx\` ON \`_digests_v_rels\` (\`sources_id\`);`)
  await db.run(sql`CREATE INDEX \`_digests_v_rels_posts_id_idx\` ON \`_digests_v_rels\` (\`posts_id\`);`)
  await db.run(sql`CREATE TABLE \`__new_redirects_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`posts_id\` integer,
  	\`digests_id\` integer,
  	\`authors_id\` integer,
  	\`sources_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`redirects\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`posts_id\`) REFERENCES \`posts\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`digests_id\`) REFERENCES \`digests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`authors_id\`) REFERENCES \`authors\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`sources_id\`) REFERENCES \`sources\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_redirects_rels\`("id", "order", "parent_id", "path", "posts_id", "digests_id", "authors_id", "sources_id") SELECT "id", "order", "parent_id", "path", "posts_id", "digests_id", "authors_id", "sources_id" FROM \`redirects_rels\`;`)
  await db.run(sql`DROP TABLE \`redirects_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_redirects_rels\` RENAME TO \`redirects_rels\`;`)
  await db.run(sql`CREATE INDEX \`redirects_rels_order_idx\` ON \`redirects_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`redirects_rels_parent_idx\` ON \`redirects_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`redirects_rels_path_idx\` ON \`redirects_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`redirects_rels_posts_id_idx\` ON \`redirects_rels\` (\`posts_id\`);`)
  await db.run(sql`CREATE INDEX \`redirects_rels_digests_id_idx\` ON \`redirects_rels\` (\`digests_id\`);`)
  await db.run(sql`CREATE INDEX \`redirects_rels_authors_id_idx\` ON \`redirects_rels\` (\`authors_id\`);`)
  await db.run(sql`CREATE INDEX \`redirects_rels_sources_id_idx\` ON \`redirects_rels\` (\`sources_id\`);`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`posts_id\` integer,
  	\`digests_id\` integer,
  	\`authors_id\` integer,
  	\`sources_id\` integer,
  	\`media_id\` integer,
  	\`redirects_id\` integer,
  	\`users_id\` integer,
  	\`workflow_events_id\` integer,
  	\`notifications_id\` integer,
  	\`preview_links_id\` integer,
  	\`webhooks_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`posts_id\`) REFERENCES \`posts\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`digests_id\`) REFERENCES \`digests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`authors_id\`) REFERENCES \`authors\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`sources_id\`) REFERENCES \`sources\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`redirects_id\`) REFERENCES \`redirects\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`workflow_events_id\`) REFERENCES \`workflow_events\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`notifications_id\`) REFERENCES \`notifications\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`preview_links_id\`) REFERENCES \`preview_links\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`webhooks_id\`) REFERENCES \`webhooks\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "posts_id", "digests_id", "authors_id", "sources_id", "media_id", "redirects_id", "users_id", "workflow_events_id", "notifications_id", "preview_links_id", "webhooks_id") SELECT "id", "order", "parent_id", "path", "posts_id", "digests_id", "authors_id", "sources_id", "media_id", "redirects_id", "users_id", "workflow_events_id", "notifications_id", "preview_links_id", "webhooks_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_posts_id_idx\` ON \`payload_locked_documents_rels\` (\`posts_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_digests_id_idx\` ON \`payload_locked_documents_rels\` (\`digests_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_authors_id_idx\` ON \`payload_locked_documents_rels\` (\`authors_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_sources_id_idx\` ON \`payload_locked_documents_rels\` (\`sources_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_redirects_id_idx\` ON \`payload_locked_documents_rels\` (\`redirects_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_workflow_events_id_idx\` ON \`payload_locked_documents_rels\` (\`workflow_events_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_notifications_id_idx\` ON \`payload_locked_documents_rels\` (\`notifications_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_preview_links_id_idx\` ON \`payload_locked_documents_rels\` (\`preview_links_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_webhooks_id_idx\` ON \`payload_locked_documents_rels\` (\`webhooks_id\`);`)
  await db.run(sql`DROP INDEX \`posts_language_idx\`;`)
  await db.run(sql`ALTER TABLE \`posts\` DROP COLUMN \`dateline\`;`)
  await db.run(sql`ALTER TABLE \`posts\` DROP COLUMN \`original_publication\`;`)
  await db.run(sql`ALTER TABLE \`posts\` DROP COLUMN \`language\`;`)
  await db.run(sql`DROP INDEX \`_posts_v_version_version_language_idx\`;`)
  await db.run(sql`ALTER TABLE \`_posts_v\` DROP COLUMN \`version_dateline\`;`)
  await db.run(sql`ALTER TABLE \`_posts_v\` DROP COLUMN \`version_original_publication\`;`)
  await db.run(sql`ALTER TABLE \`_posts_v\` DROP COLUMN \`version_language\`;`)
  await db.run(sql`DROP INDEX \`digests_series_idx\`;`)
  await db.run(sql`DROP INDEX \`digests_language_idx\`;`)
  await db.run(sql`ALTER TABLE \`digests\` DROP COLUMN \`series\`;`)
  await db.run(sql`ALTER TABLE \`digests\` DROP COLUMN \`language\`;`)
  await db.run(sql`DROP INDEX \`_digests_v_version_version_series_idx\`;`)
  await db.run(sql`DROP INDEX \`_digests_v_version_version_language_idx\`;`)
  await db.run(sql`ALTER TABLE \`_digests_v\` DROP COLUMN \`version_series\`;`)
  await db.run(sql`ALTER TABLE \`_digests_v\` DROP COLUMN \`version_language\`;`)
  await db.run(sql`ALTER TABLE \`digests_items\` DROP COLUMN \`language\`;`)
  await db.run(sql`ALTER TABLE \`_digests_v_version_items\` DROP COLUMN \`language\`;`)
}
