import { z } from 'zod';
import { trimmedText } from '../http/zod-fields.js';

// Lenient on purpose: AfterShip renames fields between API/webhook versions and sends `null` or `""` for
// absent values. Optional text collapses to `undefined` so the mapper has one "absent" case.
const text = trimmedText;

/**
 * One checkpoint. Field names differ by version (`as-webhook-version` / API version): the postal code is
 * `zip` before 2026-01 and `postal_code` after; the country is `country_iso3` in old versions and
 * `country_region` in new ones. Both spellings are accepted, so the header need not be consulted.
 */
export const afterShipCheckpointSchema = z.looseObject({
  checkpoint_time: text,
  created_at: text,
  message: text,
  tag: text,
  subtag: text,
  subtag_message: text,
  raw_tag: text,
  location: text,
  city: text,
  state: text,
  zip: text,
  postal_code: text,
  country_iso3: text,
  country_region: text,
  slug: text,
});
export type AfterShipCheckpoint = z.output<typeof afterShipCheckpointSchema>;

/** `latest_estimated_delivery` / `first_estimated_delivery`. */
const estimatedDeliverySchema = z.looseObject({ type: text, source: text, datetime: text, datetime_min: text, datetime_max: text });
/** `courier_estimated_delivery_date` / `aftership_estimated_delivery_date`. */
const estimatedDateSchema = z.looseObject({
  estimated_delivery_date: text,
  estimated_delivery_date_min: text,
  estimated_delivery_date_max: text,
});

/** The Tracking object: webhook `msg` and API `data`. */
export const afterShipTrackingSchema = z.looseObject({
  id: text,
  tracking_number: z.union([z.string(), z.number()]).transform((value) => String(value).trim()).pipe(z.string().min(1)),
  slug: text,
  tag: text,
  subtag: text,
  subtag_message: text,
  updated_at: text,
  checkpoints: z.array(afterShipCheckpointSchema).nullish(),
  latest_estimated_delivery: estimatedDeliverySchema.nullish(),
  first_estimated_delivery: estimatedDeliverySchema.nullish(),
  courier_estimated_delivery_date: estimatedDateSchema.nullish(),
  aftership_estimated_delivery_date: estimatedDateSchema.nullish(),
  expected_delivery: text,
});
export type AfterShipTracking = z.output<typeof afterShipTrackingSchema>;

/** Webhook envelope; `msg` is validated once `event` says it carries a tracking. */
export const afterShipWebhookSchema = z.looseObject({
  event: z.string().min(1),
  event_id: text,
  is_tracking_first_tag: z.boolean().nullish(),
  msg: z.unknown().optional(),
  ts: z.number().nullish(),
});
export type AfterShipWebhook = z.output<typeof afterShipWebhookSchema>;

/** API envelope `{ meta, data }`; `data` is a tracking, `{ tracking }` (older versions) or `{ trackings }`. */
export const afterShipApiEnvelopeSchema = z.looseObject({
  meta: z.looseObject({ code: z.number().nullish(), message: text, type: text }),
  data: z.unknown().optional(),
});
