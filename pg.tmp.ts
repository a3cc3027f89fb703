import { startTestPostgres } from './tests/helpers/postgres.ts'
const pg = await startTestPostgres()
console.log(pg.uri())
setInterval(() => {}, 1 << 30)
