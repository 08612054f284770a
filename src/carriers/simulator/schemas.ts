import { z } from 'zod';

/** Where a simulator scan happened. */
export const simLocationSchema = z.looseObject({
  city: z.string().optional(),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string().optional(),
});

/** One scan as the simulator's REST API and webhooks carry it. */
export const simEventSchema = z.looseObject({
  eventId: z.string().min(1),
  code: z.string(),
  status: z.string().optional(),
  occurredAt: z.string(),
  location: simLocationSchema.nullish(),
  description: z.string().default(''),
});
export type SimEventWire = z.output<typeof simEventSchema>;

/** The carrier's delivery estimate. */
export const simEtaSchema = z.looseObject({
  date: z.string().min(1),
  windowStart: z.string().optional(),
  windowEnd: z.string().optional(),
});

/** `GET /simulator/v1/tracking/:n` answer (also a batch result and a webhook's `tracking`). */
export const simTrackingSchema = z.looseObject({
  trackingNumber: z.string().min(1),
  status: z.string().optional(),
  events: z.array(simEventSchema),
  eta: simEtaSchema.nullish(),
});
export type SimTrackingWire = z.output<typeof simTrackingSchema>;

/** A batch result for a number the simulator does not know. */
export const simNotFoundSchema = z.looseObject({ trackingNumber: z.string().min(1), notFound: z.literal(true) });

/** `POST /simulator/v1/tracking/batch` answer. */
export const simBatchSchema = z.looseObject({
  results: z.array(z.union([simNotFoundSchema, simTrackingSchema])),
});

/** `POST /simulator/v1/shipments` answer. */
export const simCreatedSchema = z.looseObject({
  trackingNumber: z.string().min(1),
  shipmentId: z.string().min(1),
  eta: z.looseObject({ date: z.string().min(1) }).nullish(),
});

/** A webhook delivery: one new scan of one shipment, plus the shipment as it stands. */
export const simWebhookSchema = z.looseObject({
  type: z.string(),
  id: z.string().min(1),
  createdAt: z.string().optional(),
  data: z.looseObject({
    trackingNumber: z.string().min(1),
    event: simEventSchema,
    eta: simEtaSchema.nullish(),
  }),
});
export type SimWebhookWire = z.output<typeof simWebhookSchema>;
