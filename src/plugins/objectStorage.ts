import { s3Storage, type S3StorageOptions } from '@payloadcms/storage-s3'
import type { AllowList, CollectionConfig, Config, Plugin, UploadConfig } from 'payload'

import { missingFileAnswer } from '../../collections/hooks/missingUploadFile.ts'
import { slugs } from '../../collections/slugs.ts'
import type { ObjectStorageSettings } from '../../lib/envValues.ts'
import { errorBody } from '../../lib/errors.ts'

type UploadHandler = NonNullable<UploadConfig['handlers']>[number]

/** The collections whose files go to the bucket. */
const STORED = [slugs.media] as const

/**
 * The S3 client's settings. A custom endpoint (MinIO, s3rver, Ceph, Swift…) gets checksums only
 * where S3 requires them: since @aws-sdk/client-s3 3.729 the SDK adds CRC checksums to every
 * upload, and to a body of unknown length as an "aws-chunked" trailer, which such servers store
 * as part of the file (s3rver kept 300,080 bytes for 300,000) or refuse (Swift). AWS itself
 * checks those checksums, so they stay on there.
 */
export const s3ClientConfig = (storage: ObjectStorageSettings): S3StorageOptions['config'] => ({
  region: storage.region,
  credentials: { accessKeyId: storage.accessKeyId, secretAccessKey: storage.secretAccessKey },
  forcePathStyle: storage.forcePathStyle,
  ...(storage.endpoint
    ? {
        endpoint: storage.endpoint,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }
    : {}),
})

/**
 * Makes the bucket's answers the disk's (Payload's own file route, collections/hooks/
 * missingUploadFile.ts): storage-s3 3.90.1 answers a missing file with an empty 404 and a
 * storage failure with a plain-text 500, and sends the bucket's ETag, which disk serving has not
 * (the server gives anonymous answers an ETag of their body, the same for both:
 * src/server/middleware/httpCache.ts). Payload's route adds the CORS headers to either. See the
 * defect register, "storage-s3-serving".
 */
const servedLikeDisk =
  (handler: UploadHandler): UploadHandler =>
  async (req, args): Promise<Response> => {
    const answer = await handler(req, args)
    // storage-s3's handler always answers; a handler that does not would leave it to Payload.
    if (!(answer instanceof Response)) {
      throw new Error(`${args.params.collection}: the storage handler gave no answer`)
    }
    const { collection, filename } = args.params
    if (answer.status === 404) {
      return missingFileAnswer({ req, collection, filename, storage: 'in the bucket' })
    }
    if (answer.status >= 500) {
      // storage-s3 has logged the cause.
      return Response.json(
        errorBody(`The file "${filename}" cannot be read from media storage now: try again later.`),
        { status: 503, headers: { 'cache-control': 'no-store' } },
      )
    }
    const headers = new Headers(answer.headers)
    headers.delete('etag')
    return new Response(answer.body, { status: answer.status, headers })
  }

/**
 * Where Payload may fetch a stored file over HTTP: only this CMS's own file route. With local
 * storage off, a crop or focal-point change fetches the original from its URL; plugin-cloud-storage
 * 3.90.1 would allow any `localhost` address outside production instead (defect register,
 * "cloud-storage-localhost-fetch"), and Payload's guard against private addresses must keep
 * covering every other address an upload's `url` names.
 */
const ownFileRoute = ({ serverUrl, slug }: { serverUrl: string; slug: string }): AllowList => {
  const url = new URL(serverUrl)
  return [
    {
      protocol: url.protocol === 'https:' ? 'https' : 'http',
      hostname: url.hostname,
      port: url.port,
      pathname: `/api/${slug}/file/*`,
    },
  ]
}

/** The stored collection as the cloud-storage plugin left it, with our serving and fetching. */
const finishStoredCollection = ({
  collection,
  serverUrl,
}: {
  collection: CollectionConfig
  serverUrl: string
}): CollectionConfig => {
  const upload = typeof collection.upload === 'object' ? collection.upload : {}
  return {
    ...collection,
    // `_objectKey` holds a per-upload folder for uploads the browser sends straight to the
    // bucket (`clientUploads`), which are off: it would only be an empty column. Keys stay
    // `<filename>` at the top of the bucket, as names are on disk.
    fields: collection.fields.filter((field) => !('name' in field && field.name === '_objectKey')),
    upload: {
      ...upload,
      handlers: (upload.handlers ?? []).map(servedLikeDisk),
      skipSafeFetch: ownFileRoute({ serverUrl, slug: collection.slug }),
    },
  }
}

/**
 * Media files in an S3 bucket (S3_BUCKET and its companions) through `@payloadcms/storage-s3`,
 * instead of the local disk. Files are still served by the CMS at `/api/media/file/<name>`, with
 * Payload's access control and the same headers as from disk; deleting a document deletes its
 * objects, every image size included.
 *
 * Without a bucket the plugin is applied switched off: it still registers its admin upload
 * handler (inactive), so the generated import map is the same with and without S3.
 */
export const objectStorage =
  ({ storage, serverUrl }: { storage?: ObjectStorageSettings; serverUrl: string }): Plugin =>
  async (config: Config): Promise<Config> => {
    const isStored = (collection: CollectionConfig) =>
      (STORED as readonly string[]).includes(collection.slug)
    const incoming: Config = {
      ...config,
      // storage-s3 adds its admin provider by pushing to these: keep the caller's config intact.
      admin: {
        ...config.admin,
        dependencies: { ...config.admin?.dependencies },
        components: {
          ...config.admin?.components,
          providers: [...(config.admin?.components?.providers ?? [])],
        },
      },
      // Handlers that look for files on the disk do not apply to files in the bucket.
      collections: storage
        ? (config.collections ?? []).map((collection) =>
            isStored(collection) && typeof collection.upload === 'object'
              ? { ...collection, upload: { ...collection.upload, handlers: [] } }
              : collection,
          )
        : config.collections,
    }
    const stored = await s3Storage({
      enabled: storage !== undefined,
      bucket: storage?.bucket ?? '',
      // storage-s3 keeps one client per key for the process: one per server and bucket, so a
      // process that builds configs for two servers (tests, tools) never mixes them up.
      clientCacheKey: storage
        ? `s3:${storage.endpoint ?? 'aws'}:${storage.region}:${storage.bucket}:${storage.accessKeyId}`
        : undefined,
      collections: Object.fromEntries(STORED.map((slug) => [slug, true])),
      config: storage ? s3ClientConfig(storage) : {},
    })(incoming)
    if (!storage) return stored
    return {
      ...stored,
      collections: (stored.collections ?? []).map((collection) =>
        isStored(collection) ? finishStoredCollection({ collection, serverUrl }) : collection,
      ),
    }
  }
