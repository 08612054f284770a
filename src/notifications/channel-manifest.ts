import type { z } from 'zod';
import type { Channel, ChannelId } from './channel.js';
import type { EnvOf } from './env-fields.js';

/** What every channel's config reader may use besides its own variables. */
export interface ChannelEnvContext {
  /** The API's public base URL (callback and webhook URLs are built from it). */
  publicBaseUrl?: string;
}

/** A channel built from config; `close` releases pooled connections at shutdown. */
export type ClosableChannel<K extends ChannelId> = Channel<K> & { close?(): void };

/**
 * One notification channel as a plug-in (the same shape as a carrier): its id, its env variables, how they
 * become a typed config (undefined = not configured, ChannelConfigError = half configured) and the factory.
 */
export interface ChannelManifest<K extends ChannelId, S extends z.ZodRawShape, C> {
  readonly id: K;
  readonly displayName: string;
  readonly envShape: S;
  configFromEnv(env: EnvOf<S>, context: ChannelEnvContext): C | undefined;
  create(config: C): ClosableChannel<K>;
}

/** Declares a manifest with its types inferred (each channel folder's index.ts calls it once). */
export function defineChannel<K extends ChannelId, S extends z.ZodRawShape, C>(manifest: ChannelManifest<K, S, C>): ChannelManifest<K, S, C> {
  return manifest;
}
