import type { Channel, ChannelId } from './channel.js';
import type { ChannelEnvContext, ClosableChannel } from './channel-manifest.js';
import { emailChannel } from './email/index.js';
import type { EnvOf } from './env-fields.js';
import { operatorConfigFromEnv, operatorEnvShape, type OperatorAlertConfig } from './operators/operator-config.js';
import { pushChannel } from './push/index.js';
import { smsChannel } from './sms/index.js';

/** The one list of notification channels: a new channel is a folder with an index.ts manifest and a line here. */
export const CHANNEL_MANIFESTS = [emailChannel, smsChannel, pushChannel] as const;

type Manifest = (typeof CHANNEL_MANIFESTS)[number];
type ConfigOf<M> = M extends { configFromEnv(...args: never[]): infer C } ? Exclude<C, undefined> : never;

/** Every notification variable: the channels' and the operator alerts'. src/config spreads it into its schema. */
export const notificationEnvShape = {
  ...emailChannel.envShape,
  ...smsChannel.envShape,
  ...pushChannel.envShape,
  ...operatorEnvShape,
};
export type NotificationEnv = EnvOf<typeof notificationEnvShape>;

/** Typed settings per configured channel (absent = off), plus operator alert targets. */
export type ChannelConfigs = { [M in Manifest as M['id']]?: ConfigOf<M> };
export interface NotificationConfig {
  channels: ChannelConfigs;
  operators?: OperatorAlertConfig;
}

/**
 * Reads every channel's config from parsed env. Throws ChannelConfigError (with the variable's name) when a
 * channel is half configured; a channel with none of its variables set is simply off.
 */
export function notificationConfigFromEnv(env: NotificationEnv, context: ChannelEnvContext = {}): NotificationConfig {
  const channels: Record<string, unknown> = {};
  for (const manifest of CHANNEL_MANIFESTS) {
    const config = (manifest.configFromEnv as (e: NotificationEnv, c: ChannelEnvContext) => unknown)(env, context);
    if (config !== undefined) channels[manifest.id] = config;
  }
  const operators = operatorConfigFromEnv(env, channels.email !== undefined);
  return { channels: channels as ChannelConfigs, ...(operators ? { operators } : {}) };
}

/** The configured channels by id, and `close()` for shutdown. */
export interface ChannelRegistry {
  get<K extends ChannelId>(id: K): Channel<K> | undefined;
  /** Ids of the channels that are configured, in manifest order. */
  readonly available: ChannelId[];
  close(): void;
}

/** Builds every configured channel once. */
export function createChannelRegistry(configs: ChannelConfigs): ChannelRegistry {
  const built = new Map<ChannelId, ClosableChannel<ChannelId>>();
  for (const manifest of CHANNEL_MANIFESTS) {
    const config = configs[manifest.id];
    if (config === undefined) continue;
    built.set(manifest.id, (manifest.create as (c: unknown) => ClosableChannel<ChannelId>)(config));
  }
  return {
    get: <K extends ChannelId>(id: K) => built.get(id) as Channel<K> | undefined,
    available: [...built.keys()],
    close: () => {
      for (const channel of built.values()) channel.close?.();
    },
  };
}
