import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, ErrorBodySchema } from '../../errors.js';
import { REPORT_CHANNELS, REPORT_GROUP_BY } from '../../../services/reports/report-types.js';

const channel = z.object({ sent: z.number().int(), failed: z.number().int() });
const hours = (what: string) => z.number().nullable().openapi({ description: `${what}, hours; null when nothing was delivered.` });

const figures = {
  orders: z.number().int().openapi({ description: 'Orders placed in the period (the cohort every other figure is about).' }),
  inFlight: z.number().int().openapi({ description: 'Handed to the carrier and not yet delivered, cancelled or returned.' }),
  delivered: z.number().int(),
  avgPlacedToDeliveredHours: hours('Average order placed → delivered'),
  medianPlacedToDeliveredHours: hours('Median order placed → delivered'),
  avgHandoffToDeliveredHours: hours('Average carrier hand-off → delivered'),
  medianHandoffToDeliveredHours: hours('Median carrier hand-off → delivered'),
  deliveredWithPromise: z.number().int().openapi({ description: 'Delivered orders that had a promise at purchase.' }),
  onTimeRate: z.number().nullable().openapi({ description: 'Share (0..1) of those delivered by the promised deadline.' }),
  delayed: z.number().int().openapi({ description: '`deliveredLate + openPastPromise`.' }),
  deliveredLate: z.number().int(),
  openPastPromise: z.number().int().openapi({ description: 'Not delivered, cancelled or returned, and past the promise at `asOf`.' }),
  exceptions: z.number().int().openapi({ description: 'Orders that had at least one exception status.' }),
  returns: z.number().int().openapi({ description: 'Orders returned to sender.' }),
  notifications: z.object(Object.fromEntries(REPORT_CHANNELS.map((c) => [c, channel])) as Record<(typeof REPORT_CHANNELS)[number], typeof channel>),
  avgRating: z.number().nullable(),
  ratings: z.number().int(),
};

const ReportFiguresSchema = z.object(figures).openapi('DeliveryPerformanceFigures');
const ReportGroupSchema = z
  .object({ key: z.string().openapi({ description: '`2026-12-01` (day), the ISO week’s Monday (week), `dhl` (carrier), `dhl:DE` (lane).' }), ...figures })
  .openapi('DeliveryPerformanceGroup');

export const DeliveryPerformanceSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    carrierId: z.string().optional(),
    groupBy: z.enum(REPORT_GROUP_BY),
    asOf: z.string().openapi({ description: 'When "in flight past the promise" was judged.' }),
    groups: z.array(ReportGroupSchema),
    total: ReportFiguresSchema,
  })
  .openapi('DeliveryPerformanceReport');

/**
 * The query as the URL carries it. The cross-field rules (`to` after `from`, at most 366 days) are the
 * service's `reportQuerySchema`, applied by the handler with the same 400 shape.
 */
export const reportQueryParams = z.object({
  from: z.string().openapi({ description: 'Start (inclusive): ISO date (UTC midnight) or date-time with offset.', example: '2026-11-01' }),
  to: z.string().openapi({ description: 'End (exclusive), at most 366 days after `from`.', example: '2026-12-01' }),
  carrier: z.string().optional().openapi({ description: 'Only this carrier’s orders (carrier id).', example: 'dhl' }),
  groupBy: z.enum(REPORT_GROUP_BY).default('day').openapi({ description: 'Rows per UTC day, ISO week (Monday), carrier or lane (carrier:destination country).' }),
});

export const deliveryPerformanceRoute = createRoute({
  method: 'get',
  path: '/api/v1/reports/delivery-performance',
  tags: ['Reports'],
  summary: 'Delivery performance of the orders placed in a period, overall and per day, week, carrier or lane',
  description:
    'JSON by default; `Accept: text/csv` answers the same figures as CSV (one row per group and a last row `total`, n/a for figures with nothing to measure). Admin keys and signed-in staff may read it; storefront keys get 403.',
  security: [{ adminKey: [] }],
  request: { query: reportQueryParams },
  responses: {
    200: {
      description: 'The report',
      content: {
        'application/json': { schema: DeliveryPerformanceSchema },
        'text/csv': { schema: z.string().openapi({ description: 'The report as CSV (RFC 4180, CRLF), served as an attachment.' }) },
      },
    },
    ...errorResponses(400, 401),
    403: { description: 'The credentials may not read reports (a storefront key)', content: { 'application/json': { schema: ErrorBodySchema } } },
  },
});
