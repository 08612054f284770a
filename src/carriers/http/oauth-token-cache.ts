/** What a token endpoint handed back, already parsed by the carrier client. */
export interface FetchedToken {
  accessToken: string;
  /** Lifetime in seconds as the carrier stated it (`expires_in`). */
  expiresInSec: number;
}

/** Options of {@link OAuthTokenCache}. */
export interface OAuthTokenCacheOptions {
  /** Clock in epoch ms; tests pass a fake one. */
  now?: () => number;
  /** Refresh this long before the stated expiry (default 60 s) so a token never expires mid-request. */
  refreshSkewMs?: number;
}

/**
 * Caches an OAuth2 client-credentials access token until shortly before it expires. Concurrent callers share
 * one in-flight fetch, so a burst of look-ups after expiry costs the token endpoint one call, not one each.
 */
export class OAuthTokenCache {
  private readonly now: () => number;
  private readonly refreshSkewMs: number;
  private cached: { token: string; refreshAtMs: number } | undefined;
  private inFlight: Promise<string> | undefined;

  constructor(
    private readonly fetchToken: () => Promise<FetchedToken>,
    options: OAuthTokenCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.refreshSkewMs = options.refreshSkewMs ?? 60_000;
  }

  /** A valid access token: the cached one, or a fresh one fetched once for all concurrent callers. */
  get(): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAtMs) return Promise.resolve(this.cached.token);
    this.inFlight ??= this.refresh().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /**
   * Forgets the cached token (call it after a 401). A fetch already in flight is kept: it was started after
   * the cached token went stale, so what it brings back is newer than the token the carrier refused.
   */
  invalidate(): void {
    this.cached = undefined;
  }

  private async refresh(): Promise<string> {
    const fetched = await this.fetchToken();
    const lifetimeMs = Math.max(0, fetched.expiresInSec * 1000);
    // A token that lives shorter than the skew would be stale on arrival; refresh it at half-life instead.
    const skew = Math.min(this.refreshSkewMs, lifetimeMs / 2);
    this.cached = { token: fetched.accessToken, refreshAtMs: this.now() + lifetimeMs - skew };
    return fetched.accessToken;
  }
}
