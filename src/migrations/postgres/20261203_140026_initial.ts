import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_posts_stage" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published');
  CREATE TYPE "public"."enum_posts_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__posts_v_version_stage" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published');
  CREATE TYPE "public"."enum__posts_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_digests_stage" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published');
  CREATE TYPE "public"."enum_digests_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__digests_v_version_stage" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published');
  CREATE TYPE "public"."enum__digests_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_sources_kind" AS ENUM('news-outlet', 'broadcaster', 'news-agency', 'organisation', 'blog', 'think-tank', 'government', 'other');
  CREATE TYPE "public"."enum_users_role" AS ENUM('admin', 'editor', 'contributor');
  CREATE TYPE "public"."enum_workflow_events_action" AS ENUM('submit', 'request_changes', 'approve', 'publish', 'unpublish', 'schedule');
  CREATE TYPE "public"."enum_workflow_events_from" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published');
  CREATE TYPE "public"."enum_workflow_events_to" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published');
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'schedulePublish');
  CREATE TYPE "public"."enum_payload_jobs_log_state" AS ENUM('failed', 'succeeded');
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'schedulePublish');
  CREATE TABLE "posts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"slug" varchar,
  	"author_id" integer,
  	"credit" varchar,
  	"credited_writer" varchar,
  	"source_published_at" timestamp(3) with time zone,
  	"posted_at" timestamp(3) with time zone,
  	"excerpt" varchar,
  	"content" jsonb,
  	"stage" "enum_posts_stage" DEFAULT 'draft',
  	"owner_id" integer,
  	"provenance_import_key" varchar,
  	"provenance_file" varchar,
  	"provenance_line" numeric,
  	"provenance_hash" varchar,
  	"provenance_imported_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"deleted_at" timestamp(3) with time zone,
  	"_status" "enum_posts_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "posts_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"sources_id" integer
  );
  
  CREATE TABLE "_posts_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_slug" varchar,
  	"version_author_id" integer,
  	"version_credit" varchar,
  	"version_credited_writer" varchar,
  	"version_source_published_at" timestamp(3) with time zone,
  	"version_posted_at" timestamp(3) with time zone,
  	"version_excerpt" varchar,
  	"version_content" jsonb,
  	"version_stage" "enum__posts_v_version_stage" DEFAULT 'draft',
  	"version_owner_id" integer,
  	"version_provenance_import_key" varchar,
  	"version_provenance_file" varchar,
  	"version_provenance_line" numeric,
  	"version_provenance_hash" varchar,
  	"version_provenance_imported_at" timestamp(3) with time zone,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version_deleted_at" timestamp(3) with time zone,
  	"version__status" "enum__posts_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "_posts_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"sources_id" integer
  );
  
  CREATE TABLE "digests_items" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"heading" varchar,
  	"body" jsonb,
  	"post_id" integer,
  	"source_id" integer
  );
  
  CREATE TABLE "digests" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"slug" varchar,
  	"issue_number" numeric,
  	"issue_date" timestamp(3) with time zone,
  	"author_id" integer,
  	"credit" varchar,
  	"posted_at" timestamp(3) with time zone,
  	"excerpt" varchar,
  	"intro" jsonb,
  	"stage" "enum_digests_stage" DEFAULT 'draft',
  	"owner_id" integer,
  	"provenance_import_key" varchar,
  	"provenance_file" varchar,
  	"provenance_line" numeric,
  	"provenance_hash" varchar,
  	"provenance_imported_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"deleted_at" timestamp(3) with time zone,
  	"_status" "enum_digests_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "digests_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"sources_id" integer,
  	"posts_id" integer
  );
  
  CREATE TABLE "_digests_v_version_items" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"heading" varchar,
  	"body" jsonb,
  	"post_id" integer,
  	"source_id" integer,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_digests_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_slug" varchar,
  	"version_issue_number" numeric,
  	"version_issue_date" timestamp(3) with time zone,
  	"version_author_id" integer,
  	"version_credit" varchar,
  	"version_posted_at" timestamp(3) with time zone,
  	"version_excerpt" varchar,
  	"version_intro" jsonb,
  	"version_stage" "enum__digests_v_version_stage" DEFAULT 'draft',
  	"version_owner_id" integer,
  	"version_provenance_import_key" varchar,
  	"version_provenance_file" varchar,
  	"version_provenance_line" numeric,
  	"version_provenance_hash" varchar,
  	"version_provenance_imported_at" timestamp(3) with time zone,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version_deleted_at" timestamp(3) with time zone,
  	"version__status" "enum__digests_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "_digests_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"sources_id" integer,
  	"posts_id" integer
  );
  
  CREATE TABLE "authors" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"slug" varchar,
  	"bio" varchar,
  	"twitter" varchar,
  	"website" varchar,
  	"email" varchar,
  	"provenance_import_key" varchar,
  	"provenance_file" varchar,
  	"provenance_line" numeric,
  	"provenance_hash" varchar,
  	"provenance_imported_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"deleted_at" timestamp(3) with time zone
  );
  
  CREATE TABLE "sources" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"slug" varchar,
  	"kind" "enum_sources_kind",
  	"website" varchar,
  	"provenance_import_key" varchar,
  	"provenance_file" varchar,
  	"provenance_line" numeric,
  	"provenance_hash" varchar,
  	"provenance_imported_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"deleted_at" timestamp(3) with time zone
  );
  
  CREATE TABLE "media" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"alt" varchar NOT NULL,
  	"caption" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric,
  	"sizes_thumbnail_url" varchar,
  	"sizes_thumbnail_width" numeric,
  	"sizes_thumbnail_height" numeric,
  	"sizes_thumbnail_mime_type" varchar,
  	"sizes_thumbnail_filesize" numeric,
  	"sizes_thumbnail_filename" varchar,
  	"sizes_card_url" varchar,
  	"sizes_card_width" numeric,
  	"sizes_card_height" numeric,
  	"sizes_card_mime_type" varchar,
  	"sizes_card_filesize" numeric,
  	"sizes_card_filename" varchar,
  	"sizes_wide_url" varchar,
  	"sizes_wide_width" numeric,
  	"sizes_wide_height" numeric,
  	"sizes_wide_mime_type" varchar,
  	"sizes_wide_filesize" numeric,
  	"sizes_wide_filename" varchar
  );
  
  CREATE TABLE "users_sessions" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"created_at" timestamp(3) with time zone,
  	"expires_at" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "users" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"role" "enum_users_role" DEFAULT 'contributor',
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"email" varchar NOT NULL,
  	"reset_password_token" varchar,
  	"reset_password_expiration" timestamp(3) with time zone,
  	"salt" varchar,
  	"hash" varchar,
  	"login_attempts" numeric DEFAULT 0,
  	"lock_until" timestamp(3) with time zone
  );
  
  CREATE TABLE "workflow_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"document_key" varchar NOT NULL,
  	"title" varchar,
  	"action" "enum_workflow_events_action" NOT NULL,
  	"from" "enum_workflow_events_from",
  	"to" "enum_workflow_events_to",
  	"user_id" integer,
  	"user_name" varchar,
  	"note" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "preview_links" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"document_key" varchar NOT NULL,
  	"token_hash" varchar NOT NULL,
  	"expires_at" timestamp(3) with time zone NOT NULL,
  	"created_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_kv" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"data" jsonb NOT NULL
  );
  
  CREATE TABLE "payload_jobs_log" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"executed_at" timestamp(3) with time zone NOT NULL,
  	"completed_at" timestamp(3) with time zone NOT NULL,
  	"task_slug" "enum_payload_jobs_log_task_slug" NOT NULL,
  	"task_i_d" varchar NOT NULL,
  	"input" jsonb,
  	"output" jsonb,
  	"state" "enum_payload_jobs_log_state" NOT NULL,
  	"error" jsonb
  );
  
  CREATE TABLE "payload_jobs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"input" jsonb,
  	"completed_at" timestamp(3) with time zone,
  	"total_tried" numeric DEFAULT 0,
  	"has_error" boolean DEFAULT false,
  	"error" jsonb,
  	"task_slug" "enum_payload_jobs_task_slug",
  	"queue" varchar DEFAULT 'default',
  	"wait_until" timestamp(3) with time zone,
  	"processing" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"global_slug" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"posts_id" integer,
  	"digests_id" integer,
  	"authors_id" integer,
  	"sources_id" integer,
  	"media_id" integer,
  	"users_id" integer,
  	"workflow_events_id" integer,
  	"preview_links_id" integer
  );
  
  CREATE TABLE "payload_preferences" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar,
  	"value" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_preferences_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "payload_migrations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"batch" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_authors_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."authors"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "posts" ADD CONSTRAINT "posts_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "posts_rels" ADD CONSTRAINT "posts_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "posts_rels" ADD CONSTRAINT "posts_rels_sources_fk" FOREIGN KEY ("sources_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_posts_v" ADD CONSTRAINT "_posts_v_parent_id_posts_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."posts"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_posts_v" ADD CONSTRAINT "_posts_v_version_author_id_authors_id_fk" FOREIGN KEY ("version_author_id") REFERENCES "public"."authors"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_posts_v" ADD CONSTRAINT "_posts_v_version_owner_id_users_id_fk" FOREIGN KEY ("version_owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_posts_v_rels" ADD CONSTRAINT "_posts_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_posts_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_posts_v_rels" ADD CONSTRAINT "_posts_v_rels_sources_fk" FOREIGN KEY ("sources_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "digests_items" ADD CONSTRAINT "digests_items_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "digests_items" ADD CONSTRAINT "digests_items_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "digests_items" ADD CONSTRAINT "digests_items_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."digests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "digests" ADD CONSTRAINT "digests_author_id_authors_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."authors"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "digests" ADD CONSTRAINT "digests_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "digests_rels" ADD CONSTRAINT "digests_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."digests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "digests_rels" ADD CONSTRAINT "digests_rels_sources_fk" FOREIGN KEY ("sources_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "digests_rels" ADD CONSTRAINT "digests_rels_posts_fk" FOREIGN KEY ("posts_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_digests_v_version_items" ADD CONSTRAINT "_digests_v_version_items_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_digests_v_version_items" ADD CONSTRAINT "_digests_v_version_items_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_digests_v_version_items" ADD CONSTRAINT "_digests_v_version_items_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_digests_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_digests_v" ADD CONSTRAINT "_digests_v_parent_id_digests_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."digests"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_digests_v" ADD CONSTRAINT "_digests_v_version_author_id_authors_id_fk" FOREIGN KEY ("version_author_id") REFERENCES "public"."authors"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_digests_v" ADD CONSTRAINT "_digests_v_version_owner_id_users_id_fk" FOREIGN KEY ("version_owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_digests_v_rels" ADD CONSTRAINT "_digests_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_digests_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_digests_v_rels" ADD CONSTRAINT "_digests_v_rels_sources_fk" FOREIGN KEY ("sources_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_digests_v_rels" ADD CONSTRAINT "_digests_v_rels_posts_fk" FOREIGN KEY ("posts_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "users_sessions" ADD CONSTRAINT "users_sessions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "workflow_events" ADD CONSTRAINT "workflow_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "preview_links" ADD CONSTRAINT "preview_links_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_jobs_log" ADD CONSTRAINT "payload_jobs_log_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payload_jobs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_locked_documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_posts_fk" FOREIGN KEY ("posts_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_digests_fk" FOREIGN KEY ("digests_id") REFERENCES "public"."digests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_authors_fk" FOREIGN KEY ("authors_id") REFERENCES "public"."authors"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_sources_fk" FOREIGN KEY ("sources_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_workflow_events_fk" FOREIGN KEY ("workflow_events_id") REFERENCES "public"."workflow_events"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_preview_links_fk" FOREIGN KEY ("preview_links_id") REFERENCES "public"."preview_links"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_preferences"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  CREATE UNIQUE INDEX "posts_slug_idx" ON "posts" USING btree ("slug");
  CREATE INDEX "posts_author_idx" ON "posts" USING btree ("author_id");
  CREATE INDEX "posts_posted_at_idx" ON "posts" USING btree ("posted_at");
  CREATE INDEX "posts_stage_idx" ON "posts" USING btree ("stage");
  CREATE INDEX "posts_owner_idx" ON "posts" USING btree ("owner_id");
  CREATE INDEX "posts_provenance_provenance_import_key_idx" ON "posts" USING btree ("provenance_import_key");
  CREATE INDEX "posts_provenance_provenance_hash_idx" ON "posts" USING btree ("provenance_hash");
  CREATE INDEX "posts_updated_at_idx" ON "posts" USING btree ("updated_at");
  CREATE INDEX "posts_created_at_idx" ON "posts" USING btree ("created_at");
  CREATE INDEX "posts_deleted_at_idx" ON "posts" USING btree ("deleted_at");
  CREATE INDEX "posts__status_idx" ON "posts" USING btree ("_status");
  CREATE INDEX "_status_deletedAt_postedAt_idx" ON "posts" USING btree ("_status","deleted_at","posted_at");
  CREATE INDEX "posts_rels_order_idx" ON "posts_rels" USING btree ("order");
  CREATE INDEX "posts_rels_parent_idx" ON "posts_rels" USING btree ("parent_id");
  CREATE INDEX "posts_rels_path_idx" ON "posts_rels" USING btree ("path");
  CREATE INDEX "posts_rels_sources_id_idx" ON "posts_rels" USING btree ("sources_id");
  CREATE INDEX "_posts_v_parent_idx" ON "_posts_v" USING btree ("parent_id");
  CREATE INDEX "_posts_v_version_version_slug_idx" ON "_posts_v" USING btree ("version_slug");
  CREATE INDEX "_posts_v_version_version_author_idx" ON "_posts_v" USING btree ("version_author_id");
  CREATE INDEX "_posts_v_version_version_posted_at_idx" ON "_posts_v" USING btree ("version_posted_at");
  CREATE INDEX "_posts_v_version_version_stage_idx" ON "_posts_v" USING btree ("version_stage");
  CREATE INDEX "_posts_v_version_version_owner_idx" ON "_posts_v" USING btree ("version_owner_id");
  CREATE INDEX "_posts_v_version_provenance_version_provenance_import_ke_idx" ON "_posts_v" USING btree ("version_provenance_import_key");
  CREATE INDEX "_posts_v_version_provenance_version_provenance_hash_idx" ON "_posts_v" USING btree ("version_provenance_hash");
  CREATE INDEX "_posts_v_version_version_updated_at_idx" ON "_posts_v" USING btree ("version_updated_at");
  CREATE INDEX "_posts_v_version_version_created_at_idx" ON "_posts_v" USING btree ("version_created_at");
  CREATE INDEX "_posts_v_version_version_deleted_at_idx" ON "_posts_v" USING btree ("version_deleted_at");
  CREATE INDEX "_posts_v_version_version__status_idx" ON "_posts_v" USING btree ("version__status");
  CREATE INDEX "_posts_v_created_at_idx" ON "_posts_v" USING btree ("created_at");
  CREATE INDEX "_posts_v_updated_at_idx" ON "_posts_v" USING btree ("updated_at");
  CREATE INDEX "_posts_v_latest_idx" ON "_posts_v" USING btree ("latest");
  CREATE INDEX "version__status_version_deletedAt_version_postedAt_idx" ON "_posts_v" USING btree ("version__status","version_deleted_at","version_posted_at");
  CREATE INDEX "_posts_v_rels_order_idx" ON "_posts_v_rels" USING btree ("order");
  CREATE INDEX "_posts_v_rels_parent_idx" ON "_posts_v_rels" USING btree ("parent_id");
  CREATE INDEX "_posts_v_rels_path_idx" ON "_posts_v_rels" USING btree ("path");
  CREATE INDEX "_posts_v_rels_sources_id_idx" ON "_posts_v_rels" USING btree ("sources_id");
  CREATE INDEX "digests_items_order_idx" ON "digests_items" USING btree ("_order");
  CREATE INDEX "digests_items_parent_id_idx" ON "digests_items" USING btree ("_parent_id");
  CREATE INDEX "digests_items_post_idx" ON "digests_items" USING btree ("post_id");
  CREATE INDEX "digests_items_source_idx" ON "digests_items" USING btree ("source_id");
  CREATE UNIQUE INDEX "digests_slug_idx" ON "digests" USING btree ("slug");
  CREATE UNIQUE INDEX "digests_issue_number_idx" ON "digests" USING btree ("issue_number");
  CREATE INDEX "digests_issue_date_idx" ON "digests" USING btree ("issue_date");
  CREATE INDEX "digests_author_idx" ON "digests" USING btree ("author_id");
  CREATE INDEX "digests_posted_at_idx" ON "digests" USING btree ("posted_at");
  CREATE INDEX "digests_stage_idx" ON "digests" USING btree ("stage");
  CREATE INDEX "digests_owner_idx" ON "digests" USING btree ("owner_id");
  CREATE INDEX "digests_provenance_provenance_import_key_idx" ON "digests" USING btree ("provenance_import_key");
  CREATE INDEX "digests_provenance_provenance_hash_idx" ON "digests" USING btree ("provenance_hash");
  CREATE INDEX "digests_updated_at_idx" ON "digests" USING btree ("updated_at");
  CREATE INDEX "digests_created_at_idx" ON "digests" USING btree ("created_at");
  CREATE INDEX "digests_deleted_at_idx" ON "digests" USING btree ("deleted_at");
  CREATE INDEX "digests__status_idx" ON "digests" USING btree ("_status");
  CREATE INDEX "_status_deletedAt_issueDate_idx" ON "digests" USING btree ("_status","deleted_at","issue_date");
  CREATE INDEX "digests_rels_order_idx" ON "digests_rels" USING btree ("order");
  CREATE INDEX "digests_rels_parent_idx" ON "digests_rels" USING btree ("parent_id");
  CREATE INDEX "digests_rels_path_idx" ON "digests_rels" USING btree ("path");
  CREATE INDEX "digests_rels_sources_id_idx" ON "digests_rels" USING btree ("sources_id");
  CREATE INDEX "digests_rels_posts_id_idx" ON "digests_rels" USING btree ("posts_id");
  CREATE INDEX "_digests_v_version_items_order_idx" ON "_digests_v_version_items" USING btree ("_order");
  CREATE INDEX "_digests_v_version_items_parent_id_idx" ON "_digests_v_version_items" USING btree ("_parent_id");
  CREATE INDEX "_digests_v_version_items_post_idx" ON "_digests_v_version_items" USING btree ("post_id");
  CREATE INDEX "_digests_v_version_items_source_idx" ON "_digests_v_version_items" USING btree ("source_id");
  CREATE INDEX "_digests_v_parent_idx" ON "_digests_v" USING btree ("parent_id");
  CREATE INDEX "_digests_v_version_version_slug_idx" ON "_digests_v" USING btree ("version_slug");
  CREATE INDEX "_digests_v_version_version_issue_number_idx" ON "_digests_v" USING btree ("version_issue_number");
  CREATE INDEX "_digests_v_version_version_issue_date_idx" ON "_digests_v" USING btree ("version_issue_date");
  CREATE INDEX "_digests_v_version_version_author_idx" ON "_digests_v" USING btree ("version_author_id");
  CREATE INDEX "_digests_v_version_version_posted_at_idx" ON "_digests_v" USING btree ("version_posted_at");
  CREATE INDEX "_digests_v_version_version_stage_idx" ON "_digests_v" USING btree ("version_stage");
  CREATE INDEX "_digests_v_version_version_owner_idx" ON "_digests_v" USING btree ("version_owner_id");
  CREATE INDEX "_digests_v_version_provenance_version_provenance_import__idx" ON "_digests_v" USING btree ("version_provenance_import_key");
  CREATE INDEX "_digests_v_version_provenance_version_provenance_hash_idx" ON "_digests_v" USING btree ("version_provenance_hash");
  CREATE INDEX "_digests_v_version_version_updated_at_idx" ON "_digests_v" USING btree ("version_updated_at");
  CREATE INDEX "_digests_v_version_version_created_at_idx" ON "_digests_v" USING btree ("version_created_at");
  CREATE INDEX "_digests_v_version_version_deleted_at_idx" ON "_digests_v" USING btree ("version_deleted_at");
  CREATE INDEX "_digests_v_version_version__status_idx" ON "_digests_v" USING btree ("version__status");
  CREATE INDEX "_digests_v_created_at_idx" ON "_digests_v" USING btree ("created_at");
  CREATE INDEX "_digests_v_updated_at_idx" ON "_digests_v" USING btree ("updated_at");
  CREATE INDEX "_digests_v_latest_idx" ON "_digests_v" USING btree ("latest");
  CREATE INDEX "version__status_version_deletedAt_version_issueDate_idx" ON "_digests_v" USING btree ("version__status","version_deleted_at","version_issue_date");
  CREATE INDEX "_digests_v_rels_order_idx" ON "_digests_v_rels" USING btree ("order");
  CREATE INDEX "_digests_v_rels_parent_idx" ON "_digests_v_rels" USING btree ("parent_id");
  CREATE INDEX "_digests_v_rels_path_idx" ON "_digests_v_rels" USING btree ("path");
  CREATE INDEX "_digests_v_rels_sources_id_idx" ON "_digests_v_rels" USING btree ("sources_id");
  CREATE INDEX "_digests_v_rels_posts_id_idx" ON "_digests_v_rels" USING btree ("posts_id");
  CREATE UNIQUE INDEX "authors_name_idx" ON "authors" USING btree ("name");
  CREATE UNIQUE INDEX "authors_slug_idx" ON "authors" USING btree ("slug");
  CREATE INDEX "authors_provenance_provenance_import_key_idx" ON "authors" USING btree ("provenance_import_key");
  CREATE INDEX "authors_provenance_provenance_hash_idx" ON "authors" USING btree ("provenance_hash");
  CREATE INDEX "authors_updated_at_idx" ON "authors" USING btree ("updated_at");
  CREATE INDEX "authors_created_at_idx" ON "authors" USING btree ("created_at");
  CREATE INDEX "authors_deleted_at_idx" ON "authors" USING btree ("deleted_at");
  CREATE UNIQUE INDEX "sources_name_idx" ON "sources" USING btree ("name");
  CREATE UNIQUE INDEX "sources_slug_idx" ON "sources" USING btree ("slug");
  CREATE INDEX "sources_provenance_provenance_import_key_idx" ON "sources" USING btree ("provenance_import_key");
  CREATE INDEX "sources_provenance_provenance_hash_idx" ON "sources" USING btree ("provenance_hash");
  CREATE INDEX "sources_updated_at_idx" ON "sources" USING btree ("updated_at");
  CREATE INDEX "sources_created_at_idx" ON "sources" USING btree ("created_at");
  CREATE INDEX "sources_deleted_at_idx" ON "sources" USING btree ("deleted_at");
  CREATE INDEX "media_updated_at_idx" ON "media" USING btree ("updated_at");
  CREATE INDEX "media_created_at_idx" ON "media" USING btree ("created_at");
  CREATE UNIQUE INDEX "media_filename_idx" ON "media" USING btree ("filename");
  CREATE INDEX "media_sizes_thumbnail_sizes_thumbnail_filename_idx" ON "media" USING btree ("sizes_thumbnail_filename");
  CREATE INDEX "media_sizes_card_sizes_card_filename_idx" ON "media" USING btree ("sizes_card_filename");
  CREATE INDEX "media_sizes_wide_sizes_wide_filename_idx" ON "media" USING btree ("sizes_wide_filename");
  CREATE INDEX "users_sessions_order_idx" ON "users_sessions" USING btree ("_order");
  CREATE INDEX "users_sessions_parent_id_idx" ON "users_sessions" USING btree ("_parent_id");
  CREATE INDEX "users_updated_at_idx" ON "users" USING btree ("updated_at");
  CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at");
  CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");
  CREATE INDEX "workflow_events_document_key_idx" ON "workflow_events" USING btree ("document_key");
  CREATE INDEX "workflow_events_user_idx" ON "workflow_events" USING btree ("user_id");
  CREATE INDEX "workflow_events_updated_at_idx" ON "workflow_events" USING btree ("updated_at");
  CREATE INDEX "workflow_events_created_at_idx" ON "workflow_events" USING btree ("created_at");
  CREATE INDEX "preview_links_document_key_idx" ON "preview_links" USING btree ("document_key");
  CREATE INDEX "preview_links_token_hash_idx" ON "preview_links" USING btree ("token_hash");
  CREATE INDEX "preview_links_created_by_idx" ON "preview_links" USING btree ("created_by_id");
  CREATE INDEX "preview_links_updated_at_idx" ON "preview_links" USING btree ("updated_at");
  CREATE INDEX "preview_links_created_at_idx" ON "preview_links" USING btree ("created_at");
  CREATE UNIQUE INDEX "payload_kv_key_idx" ON "payload_kv" USING btree ("key");
  CREATE INDEX "payload_jobs_log_order_idx" ON "payload_jobs_log" USING btree ("_order");
  CREATE INDEX "payload_jobs_log_parent_id_idx" ON "payload_jobs_log" USING btree ("_parent_id");
  CREATE INDEX "payload_jobs_completed_at_idx" ON "payload_jobs" USING btree ("completed_at");
  CREATE INDEX "payload_jobs_total_tried_idx" ON "payload_jobs" USING btree ("total_tried");
  CREATE INDEX "payload_jobs_has_error_idx" ON "payload_jobs" USING btree ("has_error");
  CREATE INDEX "payload_jobs_task_slug_idx" ON "payload_jobs" USING btree ("task_slug");
  CREATE INDEX "payload_jobs_queue_idx" ON "payload_jobs" USING btree ("queue");
  CREATE INDEX "payload_jobs_wait_until_idx" ON "payload_jobs" USING btree ("wait_until");
  CREATE INDEX "payload_jobs_processing_idx" ON "payload_jobs" USING btree ("processing");
  CREATE INDEX "payload_jobs_updated_at_idx" ON "payload_jobs" USING btree ("updated_at");
  CREATE INDEX "payload_jobs_created_at_idx" ON "payload_jobs" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_global_slug_idx" ON "payload_locked_documents" USING btree ("global_slug");
  CREATE INDEX "payload_locked_documents_updated_at_idx" ON "payload_locked_documents" USING btree ("updated_at");
  CREATE INDEX "payload_locked_documents_created_at_idx" ON "payload_locked_documents" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_rels_order_idx" ON "payload_locked_documents_rels" USING btree ("order");
  CREATE INDEX "payload_locked_documents_rels_parent_idx" ON "payload_locked_documents_rels" USING btree ("parent_id");
  CREATE INDEX "payload_locked_documents_rels_path_idx" ON "payload_locked_documents_rels" USING btree ("path");
  CREATE INDEX "payload_locked_documents_rels_posts_id_idx" ON "payload_locked_documents_rels" USING btree ("posts_id");
  CREATE INDEX "payload_locked_documents_rels_digests_id_idx" ON "payload_locked_documents_rels" USING btree ("digests_id");
  CREATE INDEX "payload_locked_documents_rels_authors_id_idx" ON "payload_locked_documents_rels" USING btree ("authors_id");
  CREATE INDEX "payload_locked_documents_rels_sources_id_idx" ON "payload_locked_documents_rels" USING btree ("sources_id");
  CREATE INDEX "payload_locked_documents_rels_media_id_idx" ON "payload_locked_documents_rels" USING btree ("media_id");
  CREATE INDEX "payload_locked_documents_rels_users_id_idx" ON "payload_locked_documents_rels" USING btree ("users_id");
  CREATE INDEX "payload_locked_documents_rels_workflow_events_id_idx" ON "payload_locked_documents_rels" USING btree ("workflow_events_id");
  CREATE INDEX "payload_locked_documents_rels_preview_links_id_idx" ON "payload_locked_documents_rels" USING btree ("preview_links_id");
  CREATE INDEX "payload_preferences_key_idx" ON "payload_preferences" USING btree ("key");
  CREATE INDEX "payload_preferences_updated_at_idx" ON "payload_preferences" USING btree ("updated_at");
  CREATE INDEX "payload_preferences_created_at_idx" ON "payload_preferences" USING btree ("created_at");
  CREATE INDEX "payload_preferences_rels_order_idx" ON "payload_preferences_rels" USING btree ("order");
  CREATE INDEX "payload_preferences_rels_parent_idx" ON "payload_preferences_rels" USING btree ("parent_id");
  CREATE INDEX "payload_preferences_rels_path_idx" ON "payload_preferences_rels" USING btree ("path");
  CREATE INDEX "payload_preferences_rels_users_id_idx" ON "payload_preferences_rels" USING btree ("users_id");
  CREATE INDEX "payload_migrations_updated_at_idx" ON "payload_migrations" USING btree ("updated_at");
  CREATE INDEX "payload_migrations_created_at_idx" ON "payload_migrations" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "posts" CASCADE;
  DROP TABLE "posts_rels" CASCADE;
  DROP TABLE "_posts_v" CASCADE;
  DROP TABLE "_posts_v_rels" CASCADE;
  DROP TABLE "digests_items" CASCADE;
  DROP TABLE "digests" CASCADE;
  DROP TABLE "digests_rels" CASCADE;
  DROP TABLE "_digests_v_version_items" CASCADE;
  DROP TABLE "_digests_v" CASCADE;
  DROP TABLE "_digests_v_rels" CASCADE;
  DROP TABLE "authors" CASCADE;
  DROP TABLE "sources" CASCADE;
  DROP TABLE "media" CASCADE;
  DROP TABLE "users_sessions" CASCADE;
  DROP TABLE "users" CASCADE;
  DROP TABLE "workflow_events" CASCADE;
  DROP TABLE "preview_links" CASCADE;
  DROP TABLE "payload_kv" CASCADE;
  DROP TABLE "payload_jobs_log" CASCADE;
  DROP TABLE "payload_jobs" CASCADE;
  DROP TABLE "payload_locked_documents" CASCADE;
  DROP TABLE "payload_locked_documents_rels" CASCADE;
  DROP TABLE "payload_preferences" CASCADE;
  DROP TABLE "payload_preferences_rels" CASCADE;
  DROP TABLE "payload_migrations" CASCADE;
  DROP TYPE "public"."enum_posts_stage";
  DROP TYPE "public"."enum_posts_status";
  DROP TYPE "public"."enum__posts_v_version_stage";
  DROP TYPE "public"."enum__posts_v_version_status";
  DROP TYPE "public"."enum_digests_stage";
  DROP TYPE "public"."enum_digests_status";
  DROP TYPE "public"."enum__digests_v_version_stage";
  DROP TYPE "public"."enum__digests_v_version_status";
  DROP TYPE "public"."enum_sources_kind";
  DROP TYPE "public"."enum_users_role";
  DROP TYPE "public"."enum_workflow_events_action";
  DROP TYPE "public"."enum_workflow_events_from";
  DROP TYPE "public"."enum_workflow_events_to";
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  DROP TYPE "public"."enum_payload_jobs_log_state";
  DROP TYPE "public"."enum_payload_jobs_task_slug";`)
}
