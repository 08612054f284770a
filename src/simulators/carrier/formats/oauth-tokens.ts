import { randomBytes } from 'node:crypto';
import type { CarrierId } from '../../../carriers/carrier-adapter.js';

/** Lifetime of issued tokens: UPS, FedEx and USPS all document about an hour (UPS ~4 h); one hour is typical. */
export const TOKEN_LIFETIME_SECONDS = 3_599;

/**
 * OAuth access tokens the simulated carriers issued. The simulator accepts any client credentials (it does
 * not know merchants' accounts) but a tracking call must present a token it issued for that carrier, so a
 * client that skips or mishandles its token flow fails here exactly as it would against the carrier.
 */
export class SimTokens {
  private readonly tokens = new Map<string, { carrier: CarrierId; expiresAtMs: number }>();

  constructor(private readonly realNow: () => number) {}

  /** A fresh opaque token for `carrier`. */
  issue(carrier: CarrierId): { accessToken: string; expiresIn: number } {
    const accessToken = `sim_${carrier}_${randomBytes(18).toString('base64url')}`;
    this.tokens.set(accessToken, { carrier, expiresAtMs: this.realNow() + TOKEN_LIFETIME_SECONDS * 1000 });
    return { accessToken, expiresIn: TOKEN_LIFETIME_SECONDS };
  }

  /** Whether `token` was issued for `carrier` and has not expired. */
  valid(carrier: CarrierId, token: string | undefined): boolean {
    if (!token) return false;
    const entry = this.tokens.get(token);
    return entry !== undefined && entry.carrier === carrier && entry.expiresAtMs > this.realNow();
  }

  /** Revokes every token (forces clients through their token flow again). */
  revokeAll(): void {
    this.tokens.clear();
  }
}
