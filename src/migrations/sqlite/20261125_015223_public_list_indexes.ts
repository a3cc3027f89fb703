import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE INDEX \`_status_deletedAt_postedAt_idx\` ON \`posts\` (\`_status\`,\`deleted_at\`,\`posted_at\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_deletedAt_version_postedAt_idx\` ON \`_posts_v\` (\`version__status\`,\`version_deleted_at\`,\`version_posted_at\`);`)
  await db.run(sql`CREATE INDEX \`_status_deletedAt_issueDate_idx\` ON \`digests\` (\`_status\`,\`deleted_at\`,\`issue_date\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_deletedAt_version_issueDate_idx\` ON \`_digests_v\` (\`version__status\`,\`version_deleted_at\`,\`version_issue_date\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`_status_deletedAt_postedAt_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_deletedAt_version_postedAt_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_deletedAt_issueDate_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_deletedAt_version_issueDate_idx\`;`)
}
