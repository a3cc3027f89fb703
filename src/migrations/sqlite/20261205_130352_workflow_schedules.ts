import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

// Only the workflow events' new columns: the users table rebuild Payload also wrote here repeated
// 20261205_101059_users_name_required (its snapshot came before last_edited_by's).
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`workflow_events\` ADD \`schedule_type\` text;`)
  await db.run(sql`ALTER TABLE \`workflow_events\` ADD \`scheduled_at\` text;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`workflow_events\` DROP COLUMN \`schedule_type\`;`)
  await db.run(sql`ALTER TABLE \`workflow_events\` DROP COLUMN \`scheduled_at\`;`)
}
