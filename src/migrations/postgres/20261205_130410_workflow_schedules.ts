import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// Payload also wrote users.name NOT NULL here again (20261205_101115_users_name_required does it:
// its snapshot came before last_edited_by's); taken out.
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_workflow_events_schedule_type" AS ENUM('publish', 'unpublish');
  ALTER TYPE "public"."enum_workflow_events_action" ADD VALUE 'unschedule';
  ALTER TABLE "workflow_events" ADD COLUMN "schedule_type" "enum_workflow_events_schedule_type";
  ALTER TABLE "workflow_events" ADD COLUMN "scheduled_at" timestamp(3) with time zone;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DELETE FROM "workflow_events" WHERE "action" = 'unschedule';
  ALTER TABLE "workflow_events" ALTER COLUMN "action" SET DATA TYPE text;
  DROP TYPE "public"."enum_workflow_events_action";
  CREATE TYPE "public"."enum_workflow_events_action" AS ENUM('submit', 'request_changes', 'approve', 'publish', 'unpublish', 'schedule');
  ALTER TABLE "workflow_events" ALTER COLUMN "action" SET DATA TYPE "public"."enum_workflow_events_action" USING "action"::"public"."enum_workflow_events_action";
  ALTER TABLE "workflow_events" DROP COLUMN "schedule_type";
  ALTER TABLE "workflow_events" DROP COLUMN "scheduled_at";
  DROP TYPE "public"."enum_workflow_events_schedule_type";`)
}
