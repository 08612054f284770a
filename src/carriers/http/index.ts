export { CarrierHttp, type CarrierHttpOptions, type CarrierHttpRequest, type CarrierHttpResponse } from './carrier-http.js';
export { CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './circuit-breaker.js';
export { carrierErrorCode, parseRetryAfter } from './http-errors.js';
export { OAuthTokenCache, type FetchedToken, type OAuthTokenCacheOptions } from './oauth-token-cache.js';
export { TokenBucket, type TokenBucketOptions } from './token-bucket.js';
export { mapCarrierBody, parseOAuthTokenResponse, withBearerToken } from './client-support.js';
