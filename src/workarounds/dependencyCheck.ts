/**
 * Payload checks in development that every Payload package it finds is at its own version
 * (`payload.init` and the admin's root layout), and rejects an unawaited promise when one is
 * not: an unhandled rejection that fails a test run or stops `npm run dev`. The storage
 * packages exist only at 3.90.1 (defect register, "storage-s3-version-pin"), so the check is
 * turned off, before Payload starts, and tests/unit/payloadPackages.test.ts checks the
 * installed versions instead. Production never runs it.
 */
export const skipPayloadVersionCheck = (): void => {
  process.env.PAYLOAD_DISABLE_DEPENDENCY_CHECKER ??= 'true'
}
