import { z } from 'zod';

// Lenient on purpose: DHL's divisions (express, parcel-de, ecommerce…) fill different subsets of the
// Unified schema, and a field of an unexpected type must cost us that field, not the whole answer.
const optString = z.string().optional().catch(undefined);
const optBoolean = z.boolean().optional().catch(undefined);

/** `location.address` of a status or event (schema.org PostalAddress subset). */
export const dhlAddressSchema = z.object({
  countryCode: optString,
  postalCode: optString,
  addressLocality: optString,
});

/** One status entry: `shipments[].status` and each of `shipments[].events[]`. */
export const dhlEventSchema = z.object({
  timestamp: optString,
  location: z.object({ address: dhlAddressSchema.optional().catch(undefined) }).optional().catch(undefined),
  statusCode: optString,
  status: optString,
  statusDetailed: optString,
  description: optString,
  remark: optString,
  nextSteps: optString,
  /** Added in newer spec versions; true when the item is on its way back to the sender. */
  returnFlag: optBoolean,
});
export type DhlEvent = z.infer<typeof dhlEventSchema>;

/** One shipment of `GET /track/shipments`. The doc sample sends `id` as a number; real answers as a string. */
export const dhlShipmentSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  service: optString,
  status: dhlEventSchema.optional().catch(undefined),
  estimatedTimeOfDelivery: optString,
  estimatedDeliveryTimeFrame: z
    .object({ estimatedFrom: optString, estimatedThrough: optString })
    .optional()
    .catch(undefined),
  estimatedTimeOfDeliveryRemark: optString,
  returnFlag: optBoolean,
  events: z.array(z.unknown()).optional().catch(undefined),
});
export type DhlShipment = z.infer<typeof dhlShipmentSchema>;

/** Success body of `GET /track/shipments`; shipments are validated one by one by the mapper. */
export const dhlTrackResponseSchema = z.object({
  shipments: z.array(z.unknown()),
});

/** RFC 7807 problem body DHL answers with on errors (404 "No result found", 401, 429…). */
export const dhlProblemSchema = z.object({
  title: optString,
  detail: optString,
  status: z.number().optional().catch(undefined),
  instance: optString,
});
export type DhlProblem = z.infer<typeof dhlProblemSchema>;
