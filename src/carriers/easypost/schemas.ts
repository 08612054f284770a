import { z } from 'zod';
import { trimmedText } from '../http/zod-fields.js';

// Lenient on purpose: EasyPost adds fields freely and sends `null`, `""` or numbers where docs say string.
// Anything optional collapses to `undefined` so the mapper has one "absent" case to handle.
const text = trimmedText;

/** `TrackingLocation`: every part may be null. */
export const easyPostLocationSchema = z.looseObject({
  city: text,
  state: text,
  country: text,
  zip: text,
});

/** One scan of a tracker (`TrackingDetail`). */
export const easyPostTrackingDetailSchema = z.looseObject({
  message: text,
  description: text,
  status: text,
  status_detail: text,
  datetime: text,
  source: text,
  carrier_code: text,
  tracking_location: easyPostLocationSchema.nullish(),
});
export type EasyPostTrackingDetail = z.output<typeof easyPostTrackingDetailSchema>;

/** `CarrierDetail`: where EasyPost keeps the carrier's local delivery estimate. */
export const easyPostCarrierDetailSchema = z.looseObject({
  service: text,
  est_delivery_date_local: text,
  est_delivery_time_local: text,
  guaranteed_delivery_date: text,
});

/** `Tracker`: the object both the API and `tracker.*` events carry. */
export const easyPostTrackerSchema = z.looseObject({
  id: text,
  object: text,
  tracking_code: z.union([z.string(), z.number()]).transform((value) => String(value).trim()).pipe(z.string().min(1)),
  status: text,
  status_detail: text,
  carrier: text,
  updated_at: text,
  est_delivery_date: text,
  public_url: text,
  tracking_details: z.array(easyPostTrackingDetailSchema).nullish(),
  carrier_detail: easyPostCarrierDetailSchema.nullish(),
});
export type EasyPostTracker = z.output<typeof easyPostTrackerSchema>;

/** `Event` envelope posted to webhooks; `result` is validated separately once `description` says it is a tracker. */
export const easyPostEventSchema = z.looseObject({
  id: text,
  object: text,
  description: z.string().min(1),
  mode: text,
  result: z.unknown().optional(),
});
export type EasyPostEvent = z.output<typeof easyPostEventSchema>;

/** `GET /v2/trackers` answer. */
export const easyPostTrackerListSchema = z.looseObject({
  trackers: z.array(z.unknown()),
  has_more: z.boolean().nullish(),
});
