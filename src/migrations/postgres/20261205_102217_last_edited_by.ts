import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "posts" ADD COLUMN "last_edited_by_id" integer;
  ALTER TABLE "_posts_v" ADD COLUMN "version_last_edited_by_id" integer;
  ALTER TABLE "digests" ADD COLUMN "last_edited_by_id" integer;
  ALTER TABLE "_digests_v" ADD COLUMN "version_last_edited_by_id" integer;
  ALTER TABLE "posts" ADD CONSTRAINT "posts_last_edited_by_id_users_id_fk" FOREIGN KEY ("last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_posts_v" ADD CONSTRAINT "_posts_v_version_last_edited_by_id_users_id_fk" FOREIGN KEY ("version_last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "digests" ADD CONSTRAINT "digests_last_edited_by_id_users_id_fk" FOREIGN KEY ("last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_digests_v" ADD CONSTRAINT "_digests_v_version_last_edited_by_id_users_id_fk" FOREIGN KEY ("version_last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "posts_last_edited_by_idx" ON "posts" USING btree ("last_edited_by_id");
  CREATE INDEX "_posts_v_version_version_last_edited_by_idx" ON "_posts_v" USING btree ("version_last_edited_by_id");
  CREATE INDEX "digests_last_edited_by_idx" ON "digests" USING btree ("last_edited_by_id");
  CREATE INDEX "_digests_v_version_version_last_edited_by_idx" ON "_digests_v" USING btree ("version_last_edited_by_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "posts" DROP CONSTRAINT "posts_last_edited_by_id_users_id_fk";
  
  ALTER TABLE "_posts_v" DROP CONSTRAINT "_posts_v_version_last_edited_by_id_users_id_fk";
  
  ALTER TABLE "digests" DROP CONSTRAINT "digests_last_edited_by_id_users_id_fk";
  
  ALTER TABLE "_digests_v" DROP CONSTRAINT "_digests_v_version_last_edited_by_id_users_id_fk";
  
  DROP INDEX "posts_last_edited_by_idx";
  DROP INDEX "_posts_v_version_version_last_edited_by_idx";
  DROP INDEX "digests_last_edited_by_idx";
  DROP INDEX "_digests_v_version_version_last_edited_by_idx";
  ALTER TABLE "posts" DROP COLUMN "last_edited_by_id";
  ALTER TABLE "_posts_v" DROP COLUMN "version_last_edited_by_id";
  ALTER TABLE "digests" DROP COLUMN "last_edited_by_id";
  ALTER TABLE "_digests_v" DROP COLUMN "version_last_edited_by_id";`)
}
