import { ensureProductionBuild } from './server.ts'

/** Global setup of suites that start production servers of their own: the build, once. */
export function setup(): void {
  ensureProductionBuild()
}
