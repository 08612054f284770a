import { z } from 'zod';
import { lenientText } from '../http/zod-fields.js';

/**
 * Only the parts of USPS Tracking v3 bodies we read. Leaves are optional and fall back to `undefined` on
 * null or an unexpected type (USPS sends `null` freely), so one odd field never costs the whole response.
 */
const text = lenientText;
const list = <T extends z.ZodType>(item: T) => z.array(item).optional().catch(undefined);

/** `trackingEvents[]`, newest first. */
export const uspsTrackingEventSchema = z.looseObject({
  eventType: text,
  eventTimestamp: text,
  GMTTimestamp: text,
  GMTOffset: text,
  eventCity: text,
  eventState: text,
  eventZIP: text,
  eventCountry: text,
  eventCode: text,
});

/** `GET /tracking/v3/tracking/{n}?expand=DETAIL` (TrackingDetails), also the SUMMARY form's ETA fields. */
export const uspsTrackingDetailsSchema = z.looseObject({
  trackingNumber: text,
  status: text,
  statusCategory: text,
  statusSummary: text,
  expectedDeliveryTimeStamp: text,
  guaranteedDeliveryTimeStamp: text,
  predictedDeliveryDate: text,
  predictedDeliveryWindowStartTime: text,
  predictedDeliveryWindowEndTime: text,
  predictedDeliveryTimeStamp: text,
  expectedDeliveryDate: text,
  expectedDeliveryTime: text,
  guaranteedDeliveryDate: text,
  trackingEvents: list(uspsTrackingEventSchema),
  eventSummaries: list(z.string()),
});

const trackInfoSchema = z.looseObject({ '@ID': text, TrackSummary: text });

/** The summary example in USPS's api-examples README: `{TrackResults:{TrackInfo:{"@ID",TrackSummary}}}`. */
export const uspsTrackResultsSchema = z.looseObject({
  TrackResults: z.looseObject({
    TrackInfo: z.union([trackInfoSchema, z.array(trackInfoSchema)]),
  }),
});

export type UspsTrackingEvent = z.infer<typeof uspsTrackingEventSchema>;
export type UspsTrackingDetails = z.infer<typeof uspsTrackingDetailsSchema>;
export type UspsTrackResults = z.infer<typeof uspsTrackResultsSchema>;
