import { z } from 'zod';
import { lenientText } from '../http/zod-fields.js';

/**
 * Only the parts of UPS bodies we read. Every leaf is optional and falls back to `undefined` when UPS sends
 * an unexpected type (numbers for codes, null, the OpenAPI's literal "string" placeholders stay strings), so a
 * surprise in one field never costs the whole response. Unknown fields pass through untouched.
 */
const text = lenientText;
const list = <T extends z.ZodType>(item: T) => z.array(item).optional().catch(undefined);
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** `activity[].status`, `currentStatus`. */
export const upsStatusSchema = z.looseObject({
  type: text,
  code: text,
  statusCode: text,
  description: text,
  simplifiedTextDescription: text,
});

/** `location.address` of an activity. */
export const upsAddressSchema = z.looseObject({
  city: text,
  stateProvince: text,
  postalCode: text,
  countryCode: text,
  country: text,
});

/** `package.activity[]`: one scan, newest first; local `date`/`time` plus optional GMT readings. */
export const upsActivitySchema = z.looseObject({
  date: text,
  time: text,
  gmtDate: text,
  gmtTime: text,
  gmtOffset: text,
  location: optional(z.looseObject({ address: optional(upsAddressSchema), slic: text })),
  status: optional(upsStatusSchema),
});

/** `shipment.package[]`: scans, current status and the delivery estimate (`deliveryDate[]`, `deliveryTime`). */
export const upsPackageSchema = z.looseObject({
  trackingNumber: text,
  activity: list(upsActivitySchema),
  currentStatus: optional(upsStatusSchema),
  deliveryDate: list(z.looseObject({ type: text, date: text })),
  deliveryTime: optional(z.looseObject({ type: text, startTime: text, endTime: text })),
});

const upsMessageSchema = z.looseObject({ code: text, message: text });

/** `trackResponse.shipment[]`: the inquiry, its packages, and warnings such as TW0001 (not found). */
export const upsShipmentSchema = z.looseObject({
  inquiryNumber: text,
  package: list(upsPackageSchema),
  warnings: list(upsMessageSchema),
});

/** `GET /api/track/v1/details/{inquiryNumber}` 200 body. */
export const upsTrackResponseSchema = z.looseObject({
  trackResponse: z.looseObject({ shipment: z.array(upsShipmentSchema) }),
});

/** Error body of every UPS API: `{"response":{"errors":[{code,message}]}}`. */
export const upsErrorResponseSchema = z.looseObject({
  response: z.looseObject({ errors: z.array(upsMessageSchema) }),
});

/** Track Alert webhook body (UPSTrackAlert.yaml `TrackingEventRequest`). */
export const upsTrackAlertSchema = z.looseObject({
  trackingNumber: z.string().min(1),
  localActivityDate: text,
  localActivityTime: text,
  activityLocation: optional(
    z.looseObject({ city: text, stateProvince: text, postalCode: text, country: text }),
  ),
  activityStatus: z.looseObject({ type: text, code: text, description: text, descriptionCode: text }),
  scheduledDeliveryDate: text,
  actualDeliveryDate: text,
  actualDeliveryTime: text,
  gmtActivityDate: text,
  gmtActivityTime: text,
  gmtOffset: text,
  deliveryStartTime: text,
  deliveryEndTime: text,
  deliveryTimeDescription: text,
});

export type UpsStatus = z.infer<typeof upsStatusSchema>;
export type UpsAddress = z.infer<typeof upsAddressSchema>;
export type UpsActivity = z.infer<typeof upsActivitySchema>;
export type UpsPackage = z.infer<typeof upsPackageSchema>;
export type UpsShipment = z.infer<typeof upsShipmentSchema>;
export type UpsTrackResponse = z.infer<typeof upsTrackResponseSchema>;
export type UpsTrackAlert = z.infer<typeof upsTrackAlertSchema>;
