import { createClient } from '@libsql/client'

/** Folds an SQLite file's write-ahead log into it, so the file alone can be copied. */
export const checkpoint = async (file: string): Promise<void> => {
  const client = createClient({ url: `file:${file}` })
  await client.execute('PRAGMA wal_checkpoint(TRUNCATE)')
  client.close()
}
