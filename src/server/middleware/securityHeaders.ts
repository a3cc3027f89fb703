import helmet from 'helmet'

/**
 * Helmet's headers for every answer: a CSP that lets Next's App Router run, and HSTS and
 * upgrade-insecure-requests only when the CMS is served over HTTPS.
 */
export const securityHeaders = ({ dev, serverUrl }: { dev: boolean; serverUrl: string }) => {
  const isHttps = serverUrl.startsWith('https://')
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        // Next's App Router streams inline scripts; dev mode also needs eval and websockets.
        'script-src': ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : [])],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'", ...(dev ? ['ws:', 'wss:'] : [])],
        'frame-ancestors': ["'self'"],
        'form-action': ["'self'"],
        'object-src': ["'none'"],
        'upgrade-insecure-requests': isHttps ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // Front ends on other origins embed uploaded media; API data is still guarded by CORS.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    strictTransportSecurity: isHttps ? { maxAge: 15552000, includeSubDomains: true } : false,
  })
}
