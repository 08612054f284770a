import { z } from 'zod';

/**
 * Schemas over the object `parseXmlSafely` yields for Canada Post's tracking XML (namespace
 * `http://www.canadapost.ca/ws/track`; the prefix-free element names are the same in `track-v2`).
 * Every leaf is text; empty elements such as `<changed-expected-date/>` arrive as `''`. Lenient: a
 * leaf of an unexpected shape (an element where text was expected) is dropped, not fatal.
 */
const optText = z.string().optional().catch(undefined);

/** Element paths that must always parse as arrays, even with one child. */
export const CANADA_POST_ARRAY_PATHS = [
  'tracking-detail.significant-events.occurrence',
  'messages.message',
];

/** One `<occurrence>` of `<significant-events>`. */
export const canadaPostOccurrenceSchema = z.object({
  'event-identifier': optText,
  'event-date': optText,
  'event-time': optText,
  'event-time-zone': optText,
  'event-description': optText,
  'event-site': optText,
  'event-province': optText,
  'event-retail-name': optText,
});
export type CanadaPostOccurrence = z.infer<typeof canadaPostOccurrenceSchema>;

/** `<tracking-detail>`: the answer of `GET /vis/track/pin/{pin}/detail`. */
export const canadaPostTrackingDetailSchema = z.object({
  pin: optText,
  'expected-delivery-date': optText,
  'changed-expected-date': optText,
  'changed-expected-delivery-reason': optText,
  // `<significant-events/>` (no scans yet) parses as '', hence the catch.
  'significant-events': z
    .object({ occurrence: z.array(z.unknown()).optional().catch(undefined) })
    .optional()
    .catch(undefined),
});
export type CanadaPostTrackingDetail = z.infer<typeof canadaPostTrackingDetailSchema>;

/** `<messages>`: Canada Post's error body, e.g. code `004` "No Pin History". */
export const canadaPostMessagesSchema = z.object({
  message: z.array(z.object({ code: optText, description: optText })).catch([]),
});

/** The two documented roots, keyed by element name. */
export const canadaPostDocumentSchema = z.object({
  'tracking-detail': canadaPostTrackingDetailSchema.optional(),
  messages: canadaPostMessagesSchema.optional(),
});
