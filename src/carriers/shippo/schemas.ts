import { z } from 'zod';
import { trimmedText } from '../http/zod-fields.js';

// Lenient on purpose: Shippo sends `null` for absent values and adds fields freely. Optional text
// collapses to `undefined` so the mapper has one "absent" case.
const text = trimmedText;

/** `location` of a tracking status: city, state, zip, country, each optional. */
export const shippoLocationSchema = z.looseObject({ city: text, state: text, zip: text, country: text });

/** `substatus`: Shippo's finer event code (see its "event definitions"). */
export const shippoSubstatusSchema = z.looseObject({
  code: text,
  text: text,
  action_required: z.boolean().nullish(),
});

/** One tracking status: `tracking_status` (latest) and each `tracking_history[]` entry share this shape. */
export const shippoTrackingStatusSchema = z.looseObject({
  object_id: text,
  object_created: text,
  object_updated: text,
  status: text,
  substatus: shippoSubstatusSchema.nullish(),
  status_details: text,
  status_date: text,
  location: shippoLocationSchema.nullish(),
});
export type ShippoTrackingStatus = z.output<typeof shippoTrackingStatusSchema>;

/** The Track object: `GET /tracks/{carrier}/{number}`, `POST /tracks/` and webhook `data`. */
export const shippoTrackSchema = z.looseObject({
  carrier: text,
  tracking_number: z.union([z.string(), z.number()]).transform((value) => String(value).trim()).pipe(z.string().min(1)),
  eta: text,
  original_eta: text,
  tracking_status: shippoTrackingStatusSchema.nullish(),
  tracking_history: z.array(shippoTrackingStatusSchema).nullish(),
  metadata: text,
});
export type ShippoTrack = z.output<typeof shippoTrackSchema>;

/** Webhook envelope `{ event, test, data }`; `data` is validated once `event` says it is a Track. */
export const shippoWebhookSchema = z.looseObject({
  event: z.string().min(1),
  test: z.boolean().nullish(),
  data: z.unknown().optional(),
});
export type ShippoWebhook = z.output<typeof shippoWebhookSchema>;
