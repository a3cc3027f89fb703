// The base class of rate-limiter-flexible's database stores: in its type declarations, but not
// among the names its entry point exports, so it is loaded from its own file.
declare module 'rate-limiter-flexible/lib/RateLimiterStoreAbstract.js' {
  import { RateLimiterStoreAbstract } from 'rate-limiter-flexible'

  export default RateLimiterStoreAbstract
}
