import type { CarrierEnv } from './carrier-env.js';
import { envSchema, SHIP_FROM_REQUIRED, type ParsedEnv } from './schema.js';
import { notificationConfigFromEnv, type NotificationConfig } from '../notifications/all.js';
import { ChannelConfigError } from '../notifications/env-fields.js';
import { pickWebSettings, type WebSettings } from './web-env.js';

/** Typed configuration handed to every factory; nothing else reads `process.env`. */
export interface AppConfig {
  env: ParsedEnv['NODE_ENV'];
  logLevel: ParsedEnv['LOG_LEVEL'];
  http: { host: string; port: number; publicBaseUrl: string };
  temporal: {
    /** Unset means "start an embedded dev server" (dev script) and is an error for the API and worker. */
    address: string | undefined;
    namespace: string;
    taskQueue: string;
    uiPort: number;
    /** Where operators open a workflow (TEMPORAL_UI_URL); absent: no links. */
    uiUrl: string | undefined;
    cliPath: string | undefined;
    /** Workflow-task polls each worker keeps open (WORKER_WORKFLOW_TASK_POLLS). */
    workflowTaskPolls: number;
    testServerPath: string | undefined;
  };
  mongo: {
    /** Unset means "start an embedded server" (dev script) and is an error for the API and worker. */
    uri: string | undefined;
    embedded: ParsedEnv['EMBEDDED_MONGO'];
    ferretdbPath: string | undefined;
    ferretdbBackend: ParsedEnv['FERRETDB_BACKEND'];
    postgresBinDir: string | undefined;
  };
  dataDir: string;
  /** Carrier credentials as given; `createCarrierRegistryFromConfig` turns them into adapters. */
  carriers: CarrierEnv;
  auth: {
    storefrontApiKeys: string[];
    adminApiKeys: string[];
    /** ADMIN_BOOTSTRAP_USER (`email:password`, a secret): the first admin, created at API start while there is none. */
    bootstrapUser?: string;
  };
  /** Abuse limits (see src/api/middleware/abuse-limits.ts). */
  rateLimits: { authFailures: { limit: number; windowMs: number }; trackingMisses: { limit: number; windowMs: number } };
  webhooks: { maxBodyBytes: number; ipAllowLists: Record<string, string[]>; relayThread: boolean; relayThreadNice: number; inboxRetentionMs: number };
  /**
   * The shop's ship-from address, for carriers that create shipments; undefined when not configured (a
   * production worker with such a carrier then refuses to start, see `requireShipFrom`).
   */
  shipFrom: ShipFromAddress | undefined;
  /** The customer pages (TRACKING_LINK_KEYS & co.); undefined without link keys (the API requires them). */
  web: WebSettings | undefined;
  /** The ETA service's settings (ml/eta-service.ts), created once per process. */
  eta: { modelDir: string | undefined; minDeliveries: number; cutoffHour: number; shopTimeZone: string | undefined };
  shipments: {
    pollIntervalMs: number;
    stallThresholdMs: number;
    deliveredGracePeriodMs: number;
    historyEventLimit: number;
    searchAttributes: boolean;
  };
  /** Carrier outage mode (src/domain/carrier-health.ts): when a carrier is in outage, and the catch-up after it. */
  carrierHealth: {
    outage: { failedPolls: number; minShipments: number };
    catchUpRate: { limit: number; windowMs: number };
    recoverySettleMs: number;
  };
  /** Channels (absent = off) and operator alert targets, see src/notifications/README.md. */
  notifications: NotificationConfig & {
    shopName: string;
    /** HMAC key of unsubscribe links. */
    unsubscribeSecret: string;
    pollFailureAlertAfter: number;
  };
}

/** A postal address in the shape carriers receive (the same as the domain's PostalAddress). */
export interface ShipFromAddress {
  name?: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  country: string;
}

/** Thrown when the environment is invalid; its message names every bad or missing variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once. Tests pass their own object instead of `process.env`. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const e = result.data;
  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? `http://localhost:${e.HTTP_PORT}`).replace(/\/$/, '');
  const notifications = pickNotifications(e, publicBaseUrl);
  const web = pickWebSettings(e, publicBaseUrl);
  // Only the public half of the VAPID pair reaches the pages.
  const vapidPublicKey = notifications.channels.push?.publicKey;
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    http: {
      host: e.HTTP_HOST,
      port: e.HTTP_PORT,
      publicBaseUrl,
    },
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      uiPort: e.TEMPORAL_UI_PORT,
      uiUrl: e.TEMPORAL_UI_URL ?? (e.NODE_ENV === 'development' ? `http://localhost:${e.TEMPORAL_UI_PORT}` : undefined),
      cliPath: e.TEMPORAL_CLI_PATH,
      workflowTaskPolls: e.WORKER_WORKFLOW_TASK_POLLS,
      testServerPath: e.TEMPORAL_TEST_SERVER_PATH,
    },
    mongo: {
      uri: e.MONGODB_URI,
      embedded: e.EMBEDDED_MONGO,
      ferretdbPath: e.FERRETDB_PATH,
      ferretdbBackend: e.FERRETDB_BACKEND,
      postgresBinDir: e.POSTGRES_BIN_DIR,
    },
    dataDir: e.DATA_DIR,
    carriers: pickCarrierEnv(e),
    auth: { storefrontApiKeys: e.STOREFRONT_API_KEYS, adminApiKeys: e.ADMIN_API_KEYS, ...(e.ADMIN_BOOTSTRAP_USER ? { bootstrapUser: e.ADMIN_BOOTSTRAP_USER } : {}) },
    shipFrom: pickShipFrom(e),
    rateLimits: { authFailures: e.RATE_LIMIT_AUTH_FAILURES, trackingMisses: e.RATE_LIMIT_TRACKING_MISSES },
    webhooks: { maxBodyBytes: e.WEBHOOK_MAX_BODY_BYTES, ipAllowLists: e.WEBHOOK_IP_ALLOWLISTS, relayThread: e.WEBHOOK_RELAY_THREAD, relayThreadNice: e.WEBHOOK_RELAY_THREAD_NICE, inboxRetentionMs: e.WEBHOOK_INBOX_RETENTION },
    web: web && vapidPublicKey ? { ...web, vapidPublicKey } : web,
    eta: { modelDir: e.ETA_MODEL_DIR, minDeliveries: e.ETA_MIN_DELIVERIES, cutoffHour: e.ETA_DISPATCH_CUTOFF_HOUR, shopTimeZone: e.ETA_SHOP_TIME_ZONE },
    shipments: {
      pollIntervalMs: e.SHIPMENT_POLL_INTERVAL,
      stallThresholdMs: e.STALL_THRESHOLD,
      deliveredGracePeriodMs: e.DELIVERED_GRACE_PERIOD,
      historyEventLimit: e.SHIPMENT_HISTORY_LIMIT,
      searchAttributes: e.TEMPORAL_SEARCH_ATTRIBUTES,
    },
    carrierHealth: {
      outage: { failedPolls: e.CARRIER_OUTAGE_FAILED_POLLS, minShipments: e.CARRIER_OUTAGE_MIN_SHIPMENTS },
      catchUpRate: e.CARRIER_CATCH_UP_RATE,
      recoverySettleMs: e.CARRIER_RECOVERY_SETTLE,
    },
    notifications,
  };
}

function pickNotifications(e: ParsedEnv, publicBaseUrl: string): AppConfig['notifications'] {
  let channels: NotificationConfig;
  try {
    channels = notificationConfigFromEnv(e, { publicBaseUrl });
  } catch (error) {
    if (error instanceof ChannelConfigError) throw new ConfigError([error.message]);
    throw error;
  }
  if (e.NODE_ENV === 'production' && !e.NOTIFY_UNSUBSCRIBE_SECRET && Object.keys(channels.channels).length > 0) {
    throw new ConfigError(['NOTIFY_UNSUBSCRIBE_SECRET: Required in production with a notification channel (signs unsubscribe links)']);
  }
  return {
    ...channels,
    shopName: e.SHOP_NAME,
    // A fixed development key: links signed with it are only as safe as a dev stack needs.
    unsubscribeSecret: e.NOTIFY_UNSUBSCRIBE_SECRET ?? 'development-only-unsubscribe-key',
    pollFailureAlertAfter: e.OPS_POLL_FAILURE_ALERT_AFTER,
  };
}

/**
 * The API and worker processes need real servers and at least one key; the dev script fills these in
 * before it starts them. Fails fast naming each missing variable.
 */
export function requireServiceConfig(
  config: AppConfig,
  needs: { storefrontKeys?: boolean; trackingLinks?: boolean } = {},
): asserts config is AppConfig & { temporal: { address: string }; mongo: { uri: string } } {
  const problems: string[] = [];
  if (!config.temporal.address) problems.push('TEMPORAL_ADDRESS: Required (host:port of the Temporal frontend)');
  if (!config.mongo.uri) problems.push('MONGODB_URI: Required (mongodb://…)');
  if (needs.storefrontKeys && config.auth.storefrontApiKeys.length === 0) {
    problems.push('STOREFRONT_API_KEYS: Required (comma-separated API keys for the storefront)');
  }
  if (needs.trackingLinks && !config.web) {
    problems.push('TRACKING_LINK_KEYS: Required (kid:secret,… signing the customers\' tracking links; see .env.example)');
  }
  if (needs.trackingLinks && config.web?.customerKeys.length === 0) {
    problems.push('STOREFRONT_LINK_KEYS: Required (kid:secret,… the secret the storefront signs "My Orders" tokens with)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
}

/**
 * A production worker that may have to create shipments needs the ship-from address: refused at start,
 * naming the variables, rather than at the first order's registration. `creatingCarriers`: the ids of the
 * configured carriers able to create shipments.
 */
export function requireShipFrom(config: AppConfig, creatingCarriers: string[]): void {
  if (config.env !== 'production' || config.shipFrom || creatingCarriers.length === 0) return;
  throw new ConfigError(
    SHIP_FROM_REQUIRED.map((name) => `${name}: Required to register shipments with ${creatingCarriers.join(', ')} (the shop's ship-from address)`),
  );
}

function pickShipFrom(e: ParsedEnv): ShipFromAddress | undefined {
  // The schema has checked that these four come together.
  if (!e.SHIP_FROM_LINE1 || !e.SHIP_FROM_CITY || !e.SHIP_FROM_POSTAL_CODE || !e.SHIP_FROM_COUNTRY) return undefined;
  return {
    ...(e.SHIP_FROM_NAME ? { name: e.SHIP_FROM_NAME } : {}),
    line1: e.SHIP_FROM_LINE1,
    ...(e.SHIP_FROM_LINE2 ? { line2: e.SHIP_FROM_LINE2 } : {}),
    city: e.SHIP_FROM_CITY,
    ...(e.SHIP_FROM_REGION ? { region: e.SHIP_FROM_REGION } : {}),
    postalCode: e.SHIP_FROM_POSTAL_CODE,
    country: e.SHIP_FROM_COUNTRY,
  };
}

function pickCarrierEnv(e: ParsedEnv): CarrierEnv {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(e)) {
    if (/^(CARRIER_SIMULATOR|UPS|FEDEX|USPS|DHL|CANADAPOST|EASYPOST|AFTERSHIP|SHIPPO)_/.test(key)) out[key] = value;
  }
  return out as CarrierEnv;
}
