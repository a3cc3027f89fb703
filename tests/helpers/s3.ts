/**
 * A throwaway S3-compatible server for tests: s3rver (npm) in this process, on a free port,
 * keeping its objects in a temp folder that `stop` removes.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3'
import S3rver from 's3rver'

export type TestBucket = {
  bucket: string
  endpoint: string
  /** The S3_* variables that point the CMS at this bucket. */
  env: Record<string, string>
  /** A client of the server, for tests to look into the bucket. */
  client: S3Client
  /** Every key in the bucket, sorted. */
  keys: () => Promise<string[]>
  /** One object's bytes. */
  read: (key: string) => Promise<Buffer>
  /** Stops the server and removes its folder. */
  stop: () => Promise<void>
}

/** The credentials s3rver accepts (it checks signatures made with them). */
const ACCESS_KEY = 'S3RVER'

/** Starts s3rver with an empty bucket and answers once the bucket is there. */
export const startTestBucket = async ({
  bucket = 'newsroom-media',
}: { bucket?: string } = {}): Promise<TestBucket> => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-s3-'))
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory })
  let client: S3Client | undefined
  try {
    // Resolves once the server listens.
    const { port } = await server.run()
    const endpoint = `http://127.0.0.1:${port}`
    client = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: ACCESS_KEY },
      // See src/plugins/objectStorage.ts: s3rver does not understand the SDK's default checksums.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    })
    await client.send(new CreateBucketCommand({ Bucket: bucket }))
    await client.send(new HeadBucketCommand({ Bucket: bucket }))
    const s3 = client
    return {
      bucket,
      endpoint,
      env: {
        S3_BUCKET: bucket,
        S3_ENDPOINT: endpoint,
        S3_REGION: 'us-east-1',
        S3_ACCESS_KEY_ID: ACCESS_KEY,
        S3_SECRET_ACCESS_KEY: ACCESS_KEY,
        S3_FORCE_PATH_STYLE: 'true',
      },
      client: s3,
      keys: async () => {
        const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: bucket }))
        return Contents.map((object) => object.Key as string).sort()
      },
      read: async (key) => {
        const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
        if (!Body) throw new Error(`${bucket}/${key} has no body`)
        return Buffer.from(await Body.transformToByteArray())
      },
      stop: async () => {
        s3.destroy()
        await server.close()
        fs.rmSync(directory, { recursive: true, force: true })
      },
    }
  } catch (err) {
    client?.destroy()
    await server.close().catch(() => undefined)
    fs.rmSync(directory, { recursive: true, force: true })
    throw err
  }
}
