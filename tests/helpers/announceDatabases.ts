/** Says once per run which databases the integration suite runs on. */
export default function announceDatabases(): void {
  if (process.env.MONGODB_URI) {
    console.log('[integration] running on SQLite and on MongoDB (MONGODB_URI is set)')
  } else {
    console.log(
      '[integration] MONGODB_URI is not set: skipping the MongoDB run; running on SQLite only',
    )
  }
}
