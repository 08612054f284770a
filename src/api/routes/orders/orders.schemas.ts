import { z } from '@hono/zod-openapi';
import { CARRIER_IDS } from '../../../carriers/carrier-adapter.js';
import { MILESTONES, SHIPMENT_STATUSES } from '../../../domain/shipment-status.js';
import { NOTIFICATION_CHANNELS, NOTIFICATION_TRIGGERS } from '../../../domain/notification-policy.js';
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
    estimatedDelivery: z
      .object({ date: z.string().optional(), earliest: z.string().optional(), latest: z.string().optional(), source: z.string().optional() })
      .optional(),
    trackingPageUrl: z.string().openapi({ description: 'Public, unguessable link for the customer.' }),
    items: z.array(z.object({ sku: z.string(), name: z.string(), quantity: z.number() })),
    placedAt: z.string(),
    updatedAt: z.string(),
    deliveredAt: z.string().optional(),
    cancelledAt: z.string().optional(),
  })
  .openapi('Order');

export type OrderView = z.infer<typeof OrderViewSchema>;
