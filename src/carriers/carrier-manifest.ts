import type { z } from 'zod';
import type { TrackingUpdate } from '../domain/tracking-event.js';
import type { CarrierAdapter, IncomingWebhook, WebhookVerification } from './carrier-adapter.js';
import type { TrackingFormat } from './tracking-number/types.js';

/** Maps one raw carrier body (response or webhook, JSON or XML text) to tracking updates; throws when unreadable. */
export type BodyNormalizer = (body: string) => TrackingUpdate[];

/** What a carrier can do, as pages, docs and the workflow's wiring see it before any adapter exists. */
export interface CarrierManifestCapabilities {
  /** Creates shipments (labels) and hands back tracking numbers. */
  canRegisterShipments: boolean;
  /** Pushes tracking updates to `POST /webhooks/:carrier`. */
  hasWebhooks: boolean;
  /** Answers tracking look-ups (the poll path). */
  canPoll: boolean;
}

/** Colours of the carrier's generated badge (we draw initials, never a carrier's trademarked logo). */
export interface CarrierLogo {
  background: string;
  foreground: string;
}

/** The parsed environment of one carrier: the output of its `env` shape. */
export type CarrierEnvOf<Shape extends z.ZodRawShape> = { [K in keyof Shape]: z.output<Shape[K]> };

/**
 * Everything the rest of the service needs to know about one carrier, exported as `manifest` from
 * `src/carriers/<id>/index.ts` and listed once in `src/carriers/all.ts`. Ids, the catalog, normalizers,
 * the registry, the carrier environment and the logos are all derived from that list.
 */
export interface CarrierManifest<Id extends string = string, Shape extends z.ZodRawShape = z.ZodRawShape> {
  id: Id;
  displayName: string;
  logo: CarrierLogo;
  /**
   * The carrier's public tracking page, `{n}` standing for the URL-encoded number. A function of the
   * carrier's environment for carriers whose site depends on the installation (the demo carrier).
   */
  trackingUrlTemplate: string | ((env: CarrierEnvOf<Shape>) => string);
  /** The carrier's environment variables (zod, all optional: a carrier without credentials is off). */
  env: Shape;
  /**
   * Tracking-number formats that name this carrier, defined in its folder (`<id>/tracking-formats.ts`,
   * built with `tracking-number/format-builders.ts`); detection and validation are built from these.
   * Empty for carriers that track any courier's numbers (aggregators): they accept any 6–40 letters or digits.
   */
  trackingNumberFormats: readonly TrackingFormat[];
  /** The pure body normalizer (`carrier:normalize`, tests, replays). */
  normalizeBody: BodyNormalizer;
  /** The adapter when the environment configures this carrier; undefined when its credentials are absent. */
  createAdapter(env: CarrierEnvOf<Shape>): CarrierAdapter | undefined;
  /** Verifies a webhook against the configured secret; absent for carriers without webhooks. */
  verifyWebhook?(webhook: IncomingWebhook, env: CarrierEnvOf<Shape>): WebhookVerification;
  capabilities: CarrierManifestCapabilities;
}

