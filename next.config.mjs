import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The Express server (src/server.ts) sets security headers; Next must not add its own banner.
  poweredByHeader: false,
  // The Express server compresses (after its ETag and response-cache layers see plain bodies).
  compress: false,
  // Keep server class names: Payload maps error names (QueryError, …) to log levels and
  // responses, and readable stack traces help operators.
  experimental: { serverMinification: false },
  // Resolve `.js` specifiers to TypeScript sources (the server is compiled as NodeNext ESM).
  webpack: (webpackConfig) => {
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
