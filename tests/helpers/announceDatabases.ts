import { postgresUnavailable } from './postgresAvailability.ts'

/** Says once per run which databases the integration suite runs on, and why any is skipped. */
export default function announceDatabases(): void {
  const postgres = postgresUnavailable()
  const databases = [
    'SQLite',
    ...(postgres ? [] : ['PostgreSQL']),
    ...(process.env.MONGODB_URI ? ['MongoDB'] : []),
  ]
  const skipped = [
    ...(postgres ? [`PostgreSQL (${postgres})`] : []),
    ...(process.env.MONGODB_URI ? [] : ['MongoDB (MONGODB_URI is not set)']),
  ]
  console.log(
    `[integration] running on ${databases.join(', ')}${skipped.length ? `; skipping ${skipped.join(', ')}` : ''}`,
  )
}
