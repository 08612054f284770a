import { z } from '@hono/zod-openapi';
import { CARRIER_IDS } from '../../../carriers/carrier-adapter.js';
import { MILESTONES, SHIPMENT_STATUSES } from '../../../domain/shipment-status.js';
import { NOTIFICATION_CHANNELS, NOTIFICATION_TRIGGERS } from '../../../domain/notification-policy.js';
import { isKnownTimeZone } from '../../../domain/quiet-hours.js';
import { safeText } from '../../text-schemas.js';

export const OrderCodeSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only')
  .openapi({ example: 'SHOP-1001' });

const AddressSchema = z
  .object({
    name: safeText(200).optional(),
    line1: safeText(200, 1),
    line2: safeText(200).optional(),
    city: safeText(100, 1),
    region: safeText(100).optional(),
    postalCode: safeText(20, 1),
    country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code, e.g. US'),
  })
  .openapi('Address');

const DAY_MS = 86_400_000;

/**
 * A placement time the system can reason about: a year-1 order would raise its stall alert at once, a
 * year-9999 one would head every newest-first list forever.
 */
function withinPlacementWindow(iso: string): boolean {
  const at = Date.parse(iso);
  const now = Date.now();
  return at >= now - 365 * DAY_MS && at <= now + DAY_MS;
}

export const CreateOrderBodySchema = z
  .object({
    orderCode: OrderCodeSchema,
    placedAt: z.iso
      .datetime({ offset: true })
      .refine(withinPlacementWindow, { message: 'must lie within the last 365 days (and not more than a day ahead)' })
      .optional()
      .openapi({ description: 'Defaults to the time of the request. At most 365 days ago, at most a day ahead (clock skew).' }),
    customer: z.object({
      email: z.email(),
      name: safeText(200).optional(),
      phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164 format, e.g. +15551234567').optional(),
      externalId: safeText(100).optional(),
      timeZone: z
        .string()
        .max(64)
        .refine(isKnownTimeZone, { message: 'an IANA time zone, e.g. America/Los_Angeles' })
        .optional()
        .openapi({
          example: 'America/Los_Angeles',
          description: "The customer's IANA time zone: delivery dates are calendar dates on their calendar. Default: the shop's (ETA_SHOP_TIME_ZONE), else UTC.",
        }),
    }),
    items: z
      .array(
        z.object({
          sku: safeText(100, 1),
          name: safeText(300, 1),
          quantity: z.number().int().min(1).max(10_000),
          unitPriceCents: z.number().int().min(0).optional(),
          weightGrams: z.number().int().min(0).optional(),
        }),
      )
      .min(1)
      .max(500),
    shippingAddress: AddressSchema,
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    totalCents: z.number().int().min(0).optional(),
    shipping: z.object({
      carrier: z.enum(CARRIER_IDS).optional().openapi({ description: 'Detected from the tracking number when omitted.' }),
      serviceLevel: safeText(100).optional(),
      trackingNumber: safeText(40, 4).optional(),
    }),
    notifications: z
      .object({
        channels: z.array(z.enum(NOTIFICATION_CHANNELS)).max(3).default(['email']),
        triggers: z.array(z.enum(NOTIFICATION_TRIGGERS)).optional(),
        language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/).default('en'),
      })
      .optional(),
  })
  .openapi('CreateOrder');

export type CreateOrderBody = z.infer<typeof CreateOrderBodySchema>;

const isoDate = (description: string) => z.string().openapi({ example: '2026-12-10', description });

/** The delivery estimate: calendar dates (`YYYY-MM-DD`) on the customer's calendar. */
const EstimatedDeliverySchema = z
  .object({
    date: isoDate('Most likely delivery day.').optional(),
    earliest: isoDate('Start of the range (10th percentile).').optional(),
    latest: isoDate('End of the range (90th percentile).').optional(),
    source: z.enum(['carrier', 'model', 'baseline', 'prior', 'shop']).optional().openapi({
      description: "`model`: the trained ETA model; `baseline`: its per-lane statistics; `prior`: carrier + service level transit days (too few deliveries yet); `carrier`: the carrier's own date (orders from before the ETA).",
    }),
    promisedDate: isoDate('The "arrives by" date promised at purchase; never changes.').optional(),
    arrivesBy: isoDate('The current "arrives by" date: the promise, moved only when the most likely day passed it.').optional(),
    modelVersion: z.string().optional().openapi({ description: 'ETA model version (`prior-v1` for the prior).' }),
    stage: z.enum(['picked_up', 'in_destination_region', 'out_for_delivery']).optional().openapi({ description: 'Where the parcel was at the last revision.' }),
    carrierDate: isoDate("The carrier's own date blended into the last revision.").optional(),
    reasonCode: z.string().optional().openapi({ example: 'picked_up+carrier_eta' }),
    reason: z.string().optional().openapi({ description: 'Why the last revision moved the date.' }),
    revisedAt: z.string().optional(),
  })
  .openapi('EstimatedDelivery');

export const OrderViewSchema = z
  .object({
    orderCode: z.string(),
    status: z.enum(SHIPMENT_STATUSES),
    subStatus: z.string().optional(),
    milestone: z.enum(MILESTONES),
    carrier: z.object({
      id: z.string(),
      name: z.string(),
      logoUrl: z.string(),
      trackingNumber: z.string().optional(),
      trackingUrl: z.string().optional(),
    }),
    estimatedDelivery: EstimatedDeliverySchema.optional(),
    trackingPageUrl: z.string().openapi({ description: 'Public, unguessable link for the customer.' }),
    items: z.array(z.object({ sku: z.string(), name: z.string(), quantity: z.number() })),
    placedAt: z.string(),
    updatedAt: z.string(),
    deliveredAt: z.string().optional(),
    cancelledAt: z.string().optional(),
  })
  .openapi('Order');

export type OrderView = z.infer<typeof OrderViewSchema>;
