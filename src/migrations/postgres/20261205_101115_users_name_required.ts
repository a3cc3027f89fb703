import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

import { nameFromEmail } from '../../../lib/names.ts'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  // Names are required from now on: accounts without one are named from their email first.
  const nameless = await db.execute<{ id: number; email: string }>(
    sql`SELECT "id", "email" FROM "users" WHERE "name" IS NULL OR trim("name") = '';`,
  )
  for (const { id, email } of nameless.rows) {
    await db.execute(sql`UPDATE "users" SET "name" = ${nameFromEmail({ email })} WHERE "id" = ${id};`)
  }
  await db.execute(sql`
   ALTER TABLE "users" ALTER COLUMN "name" SET NOT NULL;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "users" ALTER COLUMN "name" DROP NOT NULL;`)
}
