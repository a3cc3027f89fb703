import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`workflow_events_rels\`;`)
  await db.run(sql`ALTER TABLE \`workflow_events\` ADD \`user_name\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`workflow_events_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`posts_id\` integer,
  	\`digests_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`workflow_events\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`posts_id\`) REFERENCES \`posts\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`digests_id\`) REFERENCES \`digests\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`workflow_events_rels_order_idx\` ON \`workflow_events_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`workflow_events_rels_parent_idx\` ON \`workflow_events_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`workflow_events_rels_path_idx\` ON \`workflow_events_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`workflow_events_rels_posts_id_idx\` ON \`workflow_events_rels\` (\`posts_id\`);`)
  await db.run(sql`CREATE INDEX \`workflow_events_rels_digests_id_idx\` ON \`workflow_events_rels\` (\`digests_id\`);`)
  await db.run(sql`ALTER TABLE \`workflow_events\` DROP COLUMN \`user_name\`;`)
}
