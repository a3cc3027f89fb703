import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_posts_language" AS ENUM('en', 'fa', 'ar', 'fr', 'de', 'ru', 'es', 'it', 'sq');
  CREATE TYPE "public"."enum__posts_v_version_language" AS ENUM('en', 'fa', 'ar', 'fr', 'de', 'ru', 'es', 'it', 'sq');
  CREATE TYPE "public"."enum_digests_items_language" AS ENUM('en', 'fa', 'ar', 'fr', 'de', 'ru', 'es', 'it', 'sq');
  CREATE TYPE "public"."enum_digests_language" AS ENUM('en', 'fa', 'ar', 'fr', 'de', 'ru', 'es', 'it', 'sq');
  CREATE TYPE "public"."enum__digests_v_version_items_language" AS ENUM('en', 'fa', 'ar', 'fr', 'de', 'ru', 'es', 'it', 'sq');
  CREATE TYPE "public"."enum__digests_v_version_language" AS ENUM('en', 'fa', 'ar', 'fr', 'de', 'ru', 'es', 'it', 'sq');
  ALTER TYPE "public"."enum_content_events_type" ADD VALUE 'topic.created' BEFORE 'slug.changed';
  ALTER TYPE "public"."enum_content_events_type" ADD VALUE 'topic.updated' BEFORE 'slug.changed';
  ALTER TYPE "public"."enum_content_events_type" ADD VALUE 'topic.deleted' BEFORE 'slug.changed';
  ALTER TYPE "public"."enum_webhooks_events" ADD VALUE 'topic.created' BEFORE 'slug.changed';
  ALTER TYPE "public"."enum_webhooks_events" ADD VALUE 'topic.updated' BEFORE 'slug.changed';
  ALTER TYPE "public"."enum_webhooks_events" ADD VALUE 'topic.deleted' BEFORE 'slug.changed';
  ALTER TYPE "public"."enum_webhooks_collections" ADD VALUE 'topics';
  CREATE TABLE "posts_writers" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"author_id" integer
  );
  
  CREATE TABLE "posts_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "_posts_v_version_writers" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"author_id" integer,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_posts_v_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "digests_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "_digests_v_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "topics" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"slug" varchar,
  	"description" varchar,
  	"provenance_import_key" varchar,
  	"provenance_file" varchar,
  	"provenance_line" numeric,
  	"provenance_hash" varchar,
  	"provenance_imported_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"deleted_at" timestamp(3) with time zone
  );
  
  CREATE TABLE "topics_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  ALTER TABLE "posts" ADD COLUMN "dateline" varchar;
  ALTER TABLE "posts" ADD COLUMN "original_publication" varchar;
  ALTER TABLE "posts" ADD COLUMN "language" "enum_posts_language";
  ALTER TABLE "posts_rels" ADD COLUMN "topics_id" integer;
  ALTER TABLE "posts_rels" ADD COLUMN "posts_id" integer;
  ALTER TABLE "_posts_v" ADD COLUMN "version_dateline" varchar;
  ALTER TABLE "_posts_v" ADD COLUMN "version_original_publication" varchar;
  ALTER TABLE "_posts_v" ADD COLUMN "version_language" "enum__posts_v_version_language";
  ALTER TABLE "_posts_v_rels" ADD COLUMN "topics_id" integer;
  ALTER TABLE "_posts_v_rels" ADD COLUMN "posts_id" integer;
  ALTER TABLE "digests_items" ADD COLUMN "language" "enum_digests_items_language";
  ALTER TABLE "digests" ADD COLUMN "series" varchar;
  ALTER TABLE "digests" ADD COLUMN "language" "enum_digests_language";
  ALTER TABLE "digests_rels" ADD COLUMN "topics_id" integer;
  ALTER TABLE "_digests_v_version_items" ADD COLUMN "language" "enum__digests_v_version_items_language";
  ALTER TABLE "_digests_v" ADD COLUMN "version_series" varchar;
  ALTER TABLE "_digests_v" ADD COLUMN "version_language" "enum__digests_v_version_language";
  ALTER TABLE "_digests_v_rels" ADD COLUMN "topics_id" integer;
  ALTER TABLE "redirects_rels" ADD COLUMN "topics_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "topics_id" integer;
  ALTER TABLE "posts_writers" ADD CONSTRAINT "posts_writers_author_id_authors_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."authors"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "posts_writers" ADD CONSTRAINT "posts_writers_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "posts_texts" ADD CONSTRAINT "posts_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_posts_v_version_writers" ADD CONSTRAINT "_posts_v_version_writers_author_id_authors_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."authors"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_posts_v_version_writers" ADD CONSTRAINT "_posts_v_version_writers_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_posts_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_posts_v_texts" ADD CONSTRAINT "_posts_v_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_posts_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "digests_texts" ADD CONSTRAINT "digests_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."digests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_digests_v_texts" ADD CONSTRAINT "_digests_v_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_digests_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "topics_texts" ADD CONSTRAINT "topics_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "posts_writers_order_idx" ON "posts_writers" USING btree ("_order");
  CREATE INDEX "posts_writers_parent_id_idx" ON "posts_writers" USING btree ("_parent_id");
  CREATE INDEX "posts_writers_author_idx" ON "posts_writers" USING btree ("author_id");
  CREATE INDEX "posts_texts_order_parent" ON "posts_texts" USING btree ("order","parent_id");
  CREATE INDEX "_posts_v_version_writers_order_idx" ON "_posts_v_version_writers" USING btree ("_order");
  CREATE INDEX "_posts_v_version_writers_parent_id_idx" ON "_posts_v_version_writers" USING btree ("_parent_id");
  CREATE INDEX "_posts_v_version_writers_author_idx" ON "_posts_v_version_writers" USING btree ("author_id");
  CREATE INDEX "_posts_v_texts_order_parent" ON "_posts_v_texts" USING btree ("order","parent_id");
  CREATE INDEX "digests_texts_order_parent" ON "digests_texts" USING btree ("order","parent_id");
  CREATE INDEX "_digests_v_texts_order_parent" ON "_digests_v_texts" USING btree ("order","parent_id");
  CREATE UNIQUE INDEX "topics_name_idx" ON "topics" USING btree ("name");
  CREATE UNIQUE INDEX "topics_slug_idx" ON "topics" USING btree ("slug");
  CREATE INDEX "topics_provenance_provenance_import_key_idx" ON "topics" USING btree ("provenance_import_key");
  CREATE INDEX "topics_provenance_provenance_hash_idx" ON "topics" USING btree ("provenance_hash");
  CREATE INDEX "topics_updated_at_idx" ON "topics" USING btree ("updated_at");
  CREATE INDEX "topics_created_at_idx" ON "topics" USING btree ("created_at");
  CREATE INDEX "topics_deleted_at_idx" ON "topics" USING btree ("deleted_at");
  CREATE INDEX "topics_texts_order_parent" ON "topics_texts" USING btree ("order","parent_id");
  ALTER TABLE "posts_rels" ADD CONSTRAINT "posts_rels_topics_fk" FOREIGN KEY ("topics_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "posts_rels" ADD CONSTRAINT "posts_rels_posts_fk" FOREIGN KEY ("posts_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_posts_v_rels" ADD CONSTRAINT "_posts_v_rels_topics_fk" FOREIGN KEY ("topics_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_posts_v_rels" ADD CONSTRAINT "_posts_v_rels_posts_fk" FOREIGN KEY ("posts_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "digests_rels" ADD CONSTRAINT "digests_rels_topics_fk" FOREIGN KEY ("topics_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_digests_v_rels" ADD CONSTRAINT "_digests_v_rels_topics_fk" FOREIGN KEY ("topics_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "redirects_rels" ADD CONSTRAINT "redirects_rels_topics_fk" FOREIGN KEY ("topics_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_topics_fk" FOREIGN KEY ("topics_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "posts_language_idx" ON "posts" USING btree ("language");
  CREATE INDEX "posts_rels_topics_id_idx" ON "posts_rels" USING btree ("topics_id");
  CREATE INDEX "posts_rels_posts_id_idx" ON "posts_rels" USING btree ("posts_id");
  CREATE INDEX "_posts_v_version_version_language_idx" ON "_posts_v" USING btree ("version_language");
  CREATE INDEX "_posts_v_rels_topics_id_idx" ON "_posts_v_rels" USING btree ("topics_id");
  CREATE INDEX "_posts_v_rels_posts_id_idx" ON "_posts_v_rels" USING btree ("posts_id");
  CREATE INDEX "digests_series_idx" ON "digests" USING btree ("series");
  CREATE INDEX "digests_language_idx" ON "digests" USING btree ("language");
  CREATE INDEX "digests_rels_topics_id_idx" ON "digests_rels" USING btree ("topics_id");
  CREATE INDEX "_digests_v_version_version_series_idx" ON "_digests_v" USING btree ("version_series");
  CREATE INDEX "_digests_v_version_version_language_idx" ON "_digests_v" USING btree ("version_language");
  CREATE INDEX "_digests_v_rels_topics_id_idx" ON "_digests_v_rels" USING btree ("topics_id");
  CREATE INDEX "redirects_rels_topics_id_idx" ON "redirects_rels" USING btree ("topics_id");
  CREATE INDEX "payload_locked_documents_rels_topics_id_idx" ON "payload_locked_documents_rels" USING btree ("topics_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "posts_writers" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "posts_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_posts_v_version_writers" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_posts_v_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "digests_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_digests_v_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "topics" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "topics_texts" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "posts_writers" CASCADE;
  DROP TABLE "posts_texts" CASCADE;
  DROP TABLE "_posts_v_version_writers" CASCADE;
  DROP TABLE "_posts_v_texts" CASCADE;
  DROP TABLE "digests_texts" CASCADE;
  DROP TABLE "_digests_v_texts" CASCADE;
  DROP TABLE "topics" CASCADE;
  DROP TABLE "topics_texts" CASCADE;
  ALTER TABLE "posts_rels" DROP CONSTRAINT "posts_rels_topics_fk";
  
  ALTER TABLE "posts_rels" DROP CONSTRAINT "posts_rels_posts_fk";
  
  ALTER TABLE "_posts_v_rels" DROP CONSTRAINT "_posts_v_rels_topics_fk";
  
  ALTER TABLE "_posts_v_rels" DROP CONSTRAINT "_posts_v_rels_posts_fk";
  
  ALTER TABLE "digests_rels" DROP CONSTRAINT "digests_rels_topics_fk";
  
  ALTER TABLE "_digests_v_rels" DROP CONSTRAINT "_digests_v_rels_topics_fk";
  
  ALTER TABLE "redirects_rels" DROP CONSTRAINT "redirects_rels_topics_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_topics_fk";
  
  ALTER TABLE "content_events" ALTER COLUMN "type" SET DATA TYPE text;
  DROP TYPE "public"."enum_content_events_type";
  CREATE TYPE "public"."enum_content_events_type" AS ENUM('post.published', 'post.unpublished', 'post.updated', 'post.deleted', 'digest.published', 'digest.unpublished', 'digest.updated', 'digest.deleted', 'author.created', 'author.updated', 'author.deleted', 'source.created', 'source.updated', 'source.deleted', 'slug.changed', 'schedule.failed', 'webhook.test');
  ALTER TABLE "content_events" ALTER COLUMN "type" SET DATA TYPE "public"."enum_content_events_type" USING "type"::"public"."enum_content_events_type";
  ALTER TABLE "webhooks_events" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_webhooks_events";
  CREATE TYPE "public"."enum_webhooks_events" AS ENUM('post.published', 'post.unpublished', 'post.updated', 'post.deleted', 'digest.published', 'digest.unpublished', 'digest.updated', 'digest.deleted', 'author.created', 'author.updated', 'author.deleted', 'source.created', 'source.updated', 'source.deleted', 'slug.changed', 'schedule.failed');
  ALTER TABLE "webhooks_events" ALTER COLUMN "value" SET DATA TYPE "public"."enum_webhooks_events" USING "value"::"public"."enum_webhooks_events";
  ALTER TABLE "webhooks_collections" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_webhooks_collections";
  CREATE TYPE "public"."enum_webhooks_collections" AS ENUM('posts', 'digests', 'authors', 'sources');
  ALTER TABLE "webhooks_collections" ALTER COLUMN "value" SET DATA TYPE "public"."enum_webhooks_collections" USING "value"::"public"."enum_webhooks_collections";
  DROP INDEX "posts_language_idx";
  DROP INDEX "posts_rels_topics_id_idx";
  DROP INDEX "posts_rels_posts_id_idx";
  DROP INDEX "_posts_v_version_version_language_idx";
  DROP INDEX "_posts_v_rels_topics_id_idx";
  DROP INDEX "_posts_v_rels_posts_id_idx";
  DROP INDEX "digests_series_idx";
  DROP INDEX "digests_language_idx";
  DROP INDEX "digests_rels_topics_id_idx";
  DROP INDEX "_digests_v_version_version_series_idx";
  DROP INDEX "_digests_v_version_version_language_idx";
  DROP INDEX "_digests_v_rels_topics_id_idx";
  DROP INDEX "redirects_rels_topics_id_idx";
  DROP INDEX "payload_locked_documents_rels_topics_id_idx";
  ALTER TABLE "posts" DROP COLUMN "dateline";
  ALTER TABLE "posts" DROP COLUMN "original_publication";
  ALTER TABLE "posts" DROP COLUMN "language";
  ALTER TABLE "posts_rels" DROP COLUMN "topics_id";
  ALTER TABLE "posts_rels" DROP COLUMN "posts_id";
  ALTER TABLE "_posts_v" DROP COLUMN "version_dateline";
  ALTER TABLE "_posts_v" DROP COLUMN "version_original_publication";
  ALTER TABLE "_posts_v" DROP COLUMN "version_language";
  ALTER TABLE "_posts_v_rels" DROP COLUMN "topics_id";
  ALTER TABLE "_posts_v_rels" DROP COLUMN "posts_id";
  ALTER TABLE "digests_items" DROP COLUMN "language";
  ALTER TABLE "digests" DROP COLUMN "series";
  ALTER TABLE "digests" DROP COLUMN "language";
  ALTER TABLE "digests_rels" DROP COLUMN "topics_id";
  ALTER TABLE "_digests_v_version_items" DROP COLUMN "language";
  ALTER TABLE "_digests_v" DROP COLUMN "version_series";
  ALTER TABLE "_digests_v" DROP COLUMN "version_language";
  ALTER TABLE "_digests_v_rels" DROP COLUMN "topics_id";
  ALTER TABLE "redirects_rels" DROP COLUMN "topics_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "topics_id";
  DROP TYPE "public"."enum_posts_language";
  DROP TYPE "public"."enum__posts_v_version_language";
  DROP TYPE "public"."enum_digests_items_language";
  DROP TYPE "public"."enum_digests_language";
  DROP TYPE "public"."enum__digests_v_version_items_language";
  DROP TYPE "public"."enum__digests_v_version_language";`)
}
