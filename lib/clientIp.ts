/**
 * Header the Express server sets on every request it hands to Next, holding the client
 * address as Express sees it (honouring TRUST_PROXY). Any incoming copy is discarded first,
 * so callers cannot choose the address rate limits are counted against.
 */
export const CLIENT_IP_HEADER = 'x-newsroom-client-ip'

/** The client address of a request, or 'unknown' when it did not come through the server. */
export const clientIpOf = (headers: Headers | undefined): string =>
  headers?.get(CLIENT_IP_HEADER)?.trim() || 'unknown'
