import { z } from 'zod';
import { lenientList, lenientOptional, lenientText } from '../http/zod-fields.js';

/**
 * Only the parts of FedEx Track API bodies we read. Leaves are optional and fall back to `undefined` on an
 * unexpected type, so one odd field never costs the whole response; unknown fields pass through.
 */
const text = lenientText;
const list = lenientList;
const optional = lenientOptional;

/** `scanLocation` (and the other address blocks): the parts an event location needs. */
export const fedexLocationSchema = z.looseObject({
  city: text,
  stateOrProvinceCode: text,
  postalCode: text,
  countryCode: text,
});

const delayDetailSchema = z.looseObject({ type: text, subType: text, status: text });

/** `scanEvents[]`, newest first: ISO `date` with offset, raw and derived codes, exception reason. */
export const fedexScanEventSchema = z.looseObject({
  date: text,
  eventType: text,
  eventDescription: text,
  derivedStatusCode: text,
  derivedStatus: text,
  exceptionCode: text,
  exceptionDescription: text,
  scanLocation: optional(fedexLocationSchema),
  delayDetail: optional(delayDetailSchema),
});

const windowSchema = z.looseObject({ type: text, window: optional(z.looseObject({ begins: text, ends: text })) });

/** One `trackResults[]` entry: scans, estimate fields, and a per-number `error` (NOTFOUND) inside HTTP 200. */
export const fedexTrackResultSchema = z.looseObject({
  trackingNumberInfo: optional(z.looseObject({ trackingNumber: text })),
  latestStatusDetail: optional(z.looseObject({ code: text, derivedCode: text, description: text })),
  dateAndTimes: list(z.looseObject({ type: text, dateTime: text })),
  estimatedDeliveryTimeWindow: optional(windowSchema),
  scanEvents: list(fedexScanEventSchema),
  error: optional(z.looseObject({ code: text, message: text })),
});

/** One requested number (`trackingNumber`) with one or more results (a reused number gives several). */
export const fedexCompleteTrackResultSchema = z.looseObject({
  trackingNumber: text,
  trackResults: list(fedexTrackResultSchema),
});

/** `POST /track/v1/trackingnumbers` 200 body (`alerts` is an array in some samples, a string in others). */
export const fedexTrackResponseSchema = z.looseObject({
  transactionId: text,
  output: z.looseObject({ completeTrackResults: z.array(fedexCompleteTrackResultSchema) }),
});

export type FedexScanEvent = z.infer<typeof fedexScanEventSchema>;
export type FedexTrackResult = z.infer<typeof fedexTrackResultSchema>;
export type FedexCompleteTrackResult = z.infer<typeof fedexCompleteTrackResultSchema>;
