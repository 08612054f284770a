import { z } from 'zod';
import { carrierEnvShape } from './carrier-env.js';
import { parseDurationMs } from './duration.js';
import { notificationEnvShape } from '../notifications/all.js';
import { webEnvShape } from './web-env.js';

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const ms = parseDurationMs(text);
      if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: `expected a duration like 30s, 30m, 72h or 14d, got "${text}"` });
        return z.NEVER;
      }
      return ms;
    });

/** True for an IANA zone this runtime knows (the same check as src/domain/quiet-hours.ts). */
function knownZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** `<count>/<duration>`, e.g. `20/5m`: at most that many counted events per window. */
const rateLimit = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const [count, window] = text.split('/');
      const limit = Number(count);
      const windowMs = window === undefined ? undefined : parseDurationMs(window.trim());
      if (!Number.isInteger(limit) || limit < 1 || windowMs === undefined) {
        ctx.addIssue({ code: 'custom', message: `expected a limit like 20/5m (count/duration), got "${text}"` });
        return z.NEVER;
      }
      return { limit, windowMs };
    });

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** Comma-separated list of secrets; blanks are dropped so `A,,B` and `A, B` both work. */
const secretList = z
  .string()
  .optional()
  .transform((text) => (text ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0));

const optionalText = z
  .string()
  .optional()
  .transform((text) => (text && text.trim().length > 0 ? text.trim() : undefined));

/** The parts of the ship-from address a carrier cannot do without. */
export const SHIP_FROM_REQUIRED = ['SHIP_FROM_LINE1', 'SHIP_FROM_CITY', 'SHIP_FROM_POSTAL_CODE', 'SHIP_FROM_COUNTRY'] as const;

/**
 * Every environment variable the system reads, in one place. `.env.example` documents the same list and a
 * test keeps the two (and docker-compose.yml) in agreement.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),

  HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  HTTP_PORT: port(3000),
  PUBLIC_BASE_URL: z.url().optional(),

  TEMPORAL_ADDRESS: optionalText,
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('shipments'),
  TEMPORAL_UI_PORT: port(8233),
  /** Base URL of the Temporal Web UI the admin pages link workflows to (default in development: localhost on TEMPORAL_UI_PORT). */
  TEMPORAL_UI_URL: z.url().optional(),
  TEMPORAL_CLI_PATH: optionalText,
  TEMPORAL_TEST_SERVER_PATH: optionalText,
  /**
   * Workflow-task polls a worker keeps open (a fifth on its normal queue, the rest on its sticky one). Every
   * carrier event is a workflow task on the worker's sticky queue: one that finds a poll waiting is handed
   * over at once, one that finds none is written to the task queue's store and read back from it later,
   * which costs the server writes and reads and the event its time in the store. With the SDK's 10 polls
   * (8 sticky), bench:lifecycle at 50 events/s found a poll waiting for only 54% of its tasks; with 40 (32
   * sticky), for 80–96%, and the event→visible p50 of its slowest 5-second window fell from 1.2–2 s to
   * 0.4–0.5 s. An idle poll costs the server no more than a waiting request.
   */
  WORKER_WORKFLOW_TASK_POLLS: z.coerce.number().int().min(2).max(200).default(40),

  MONGODB_URI: optionalText,
  EMBEDDED_MONGO: z.enum(['auto', 'mongodb-memory-server', 'ferretdb']).default('auto'),
  FERRETDB_PATH: optionalText,
  /** FerretDB's storage: PostgreSQL where its server programs are installed (faster), else SQLite. */
  FERRETDB_BACKEND: z.enum(['auto', 'postgresql', 'sqlite']).default('auto'),
  POSTGRES_BIN_DIR: optionalText,
  DATA_DIR: z.string().min(1).default('.data'),

  STOREFRONT_API_KEYS: secretList,
  ADMIN_API_KEYS: secretList,
  /**
   * `email:password` of the first admin, created at API start while no admin user exists (a later password
   * change is never overwritten). A secret: never logged.
   */
  ADMIN_BOOTSTRAP_USER: z
    .string()
    .optional()
    .transform((text) => (text && text.trim().length > 0 ? text.trim() : undefined))
    .refine((text) => text === undefined || /^[^\s:@]+@[^\s:]+:.+$/.test(text), { message: 'expected email:password' }),

  /** Failed API-key checks per client address before it gets 429 (shared by every API process). */
  RATE_LIMIT_AUTH_FAILURES: rateLimit('20/5m'),
  /** Storefront tracking look-ups that find nothing, per key, before that key gets 429 (enumeration). */
  RATE_LIMIT_TRACKING_MISSES: rateLimit('60/10m'),

  SHIPMENT_POLL_INTERVAL: duration('30m'),
  STALL_THRESHOLD: duration('72h'),
  DELIVERED_GRACE_PERIOD: duration('14d'),
  /** Continue-as-new once a shipment's history holds this many events (Temporal's hard limit is 50k). */
  SHIPMENT_HISTORY_LIMIT: z.coerce.number().int().min(50).max(40_000).default(2_000),
  /**
   * Upsert operator search attributes from workflows. Needs them registered on the server (the embedded dev
   * server and docker-compose do it); the time-skipping test server has none, so its tests turn this off.
   */
  TEMPORAL_SEARCH_ATTRIBUTES: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),

  /** Largest webhook body accepted (bytes); larger ones get 413 and are not stored. */
  WEBHOOK_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(1024 * 1024),
  /**
   * Relay stored webhooks from a worker thread of the API process (its own connections): answers then never
   * wait behind relaying. `false` relays on the API's event loop, one thread and connection pool fewer.
   */
  WEBHOOK_RELAY_THREAD: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /**
   * Nice levels the relay thread runs below the API thread (Linux; 0 = the same priority). The relay can
   * wait a few milliseconds, an answer to a carrier should not. At 500 webhooks/s on 2 cores
   * (scripts/bench-webhooks.ts), 10 levels took the answer p99 from 87 ms to 51–53 ms in the whole benchmark,
   * and from 43–53 ms to 31–36 ms in runs of the open loop alone, and the relay still kept up.
   */
  WEBHOOK_RELAY_THREAD_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /**
   * How long relayed and unmatched webhooks stay in the inbox (raw body included, which the audit log points
   * at); entries still to relay are kept whatever their age.
   */
  WEBHOOK_INBOX_RETENTION: duration('30d'),
  /** Optional per-carrier source allow-lists: `shippo=52.4.41.98,52.23.121.194;ups=203.0.113.0/24`. */
  WEBHOOK_IP_ALLOWLISTS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      const lists: Record<string, string[]> = {};
      for (const part of (text ?? '').split(';').map((p) => p.trim()).filter(Boolean)) {
        const [carrier, addresses] = part.split('=');
        if (!carrier || !addresses) {
          ctx.addIssue({ code: 'custom', message: `expected carrier=addr,addr;… got "${part}"` });
          return z.NEVER;
        }
        lists[carrier.trim()] = addresses.split(',').map((a) => a.trim()).filter(Boolean);
      }
      return lists;
    }),

  /**
   * The shop's ship-from address, which carriers that create shipments need (`registerShipment`). All or
   * nothing: set line 1, city, postal code and country together (name, line 2 and region are optional).
   */
  SHIP_FROM_NAME: optionalText,
  SHIP_FROM_LINE1: optionalText,
  SHIP_FROM_LINE2: optionalText,
  SHIP_FROM_CITY: optionalText,
  SHIP_FROM_REGION: optionalText,
  SHIP_FROM_POSTAL_CODE: optionalText,
  SHIP_FROM_COUNTRY: optionalText.pipe(z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code, e.g. US').optional()),

  ...webEnvShape,
  /**
   * The ETA model (issue #23): the artifact directory train:eta writes (`ml/artifacts` by default; empty =
   * the prior only). The API and worker load its current model at start and pick up a new one without restart.
   */
  ETA_MODEL_DIR: z.string().default('ml/artifacts').transform((text) => (text.trim().length > 0 ? text.trim() : undefined)),
  /** A model trained on fewer delivered shipments than this does not serve; the documented prior does. */
  ETA_MIN_DELIVERIES: z.coerce.number().int().min(0).default(200),
  /** The shop's dispatch cut-off hour (shop's clock): an order placed at or after it leaves the next business day. */
  ETA_DISPATCH_CUTOFF_HOUR: z.coerce.number().int().min(0).max(23).default(14),
  /** IANA zone of the shop's clock for the cut-off (default: the customer's zone). */
  ETA_SHOP_TIME_ZONE: optionalText.refine((zone) => zone === undefined || knownZone(zone), 'an IANA time zone, e.g. Europe/Berlin'),

  ...carrierEnvShape,

  /** Customer notifications and operator alerts (src/notifications/README.md lists each variable). */
  ...notificationEnvShape,
  /** The shop's name as customers read it in e-mails and texts. */
  SHOP_NAME: z.string().min(1).default('Order tracking'),
  /** Key of the signed unsubscribe links (HMAC); at least 16 characters. Unset: a development-only default. */
  NOTIFY_UNSUBSCRIBE_SECRET: optionalText.pipe(z.string().min(16, 'at least 16 characters').optional()),
  /** Consecutive failed carrier polls that make an operator alert (once per episode). */
  OPS_POLL_FAILURE_ALERT_AFTER: z.coerce.number().int().min(1).default(3),
  /**
   * A carrier is in outage after this many failed look-up attempts in a row (each retry counts; no success in
   * between) from at least CARRIER_OUTAGE_MIN_SHIPMENTS different shipments. Its shipments' stall and
   * poll-failure alerts are then held (one outage alert instead) until it answers again.
   */
  CARRIER_OUTAGE_FAILED_POLLS: z.coerce.number().int().min(1).default(6),
  CARRIER_OUTAGE_MIN_SHIPMENTS: z.coerce.number().int().min(1).default(2),
  /** How fast a carrier's open shipments are polled to catch up after an outage. */
  CARRIER_CATCH_UP_RATE: rateLimit('60/1m'),
  /** Wait after the last catch-up poll is asked for before held alerts are re-evaluated. */
  CARRIER_RECOVERY_SETTLE: duration('5m'),
}).superRefine((env, ctx) => {
  const given = SHIP_FROM_REQUIRED.filter((name) => env[name] !== undefined);
  const anyGiven = given.length > 0 || env.SHIP_FROM_NAME !== undefined || env.SHIP_FROM_LINE2 !== undefined || env.SHIP_FROM_REGION !== undefined;
  if (!anyGiven) return;
  for (const name of SHIP_FROM_REQUIRED) {
    if (env[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'Required with the other SHIP_FROM_* variables (the ship-from address is all or nothing)' });
  }
});

/** The raw parse result; `loadConfig` reshapes it into `AppConfig`. */
export type ParsedEnv = z.output<typeof envSchema>;

/** Names of every variable the schema knows, for checks against `.env.example` and docker-compose. */
export const knownEnvVars: readonly string[] = Object.keys(envSchema.shape);
