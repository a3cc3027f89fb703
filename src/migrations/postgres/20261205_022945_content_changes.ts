import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "content_changes" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"changed_collection" varchar NOT NULL,
  	"document_id" varchar,
  	"instance" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE INDEX "content_changes_instance_idx" ON "content_changes" USING btree ("instance");
  CREATE INDEX "content_changes_updated_at_idx" ON "content_changes" USING btree ("updated_at");
  CREATE INDEX "content_changes_created_at_idx" ON "content_changes" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "content_changes" CASCADE;`)
}
