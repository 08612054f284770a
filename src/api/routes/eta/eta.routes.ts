import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from '../../errors.js';

const accuracyGroup = z
  .object({
    key: z.string().openapi({ description: 'Carrier id, or lane `origin country:region>destination country:region`.' }),
    n: z.number().int().openapi({ description: 'Delivered orders.' }),
    promise: z.object({
      maeDays: z.number().openapi({ description: 'Mean absolute error (days) of the "arrives by" date promised at purchase.' }),
      lateRate: z.number().openapi({ description: 'Share delivered after the promised date.' }),
    }),
    likely: z.object({
      maeDays: z.number().openapi({ description: 'Mean absolute error (days) of the most likely day at purchase.' }),
      lastMaeDays: z.number().openapi({ description: 'The same for the last prediction before delivery.' }),
    }),
    rangeCoverage: z.number().nullable().openapi({ description: 'Share delivered inside the 10th–90th range given at purchase.' }),
  })
  .openapi('EtaAccuracyGroup');

export const etaAccuracyRoute = createRoute({
  method: 'get',
  path: '/api/v1/admin/eta/accuracy',
  tags: ['Admin'],
  summary: 'ETA accuracy in production per carrier or lane, and which model serves',
  security: [{ adminKey: [] }],
  request: {
    query: z.object({
      by: z.enum(['carrier', 'lane']).default('carrier'),
      since: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Only orders delivered since this instant.' }),
    }),
  },
  responses: {
    200: {
      description: 'Accuracy of delivered orders, largest groups first',
      content: {
        'application/json': {
          schema: z
            .object({
              by: z.enum(['carrier', 'lane']),
              serving: z.object({ source: z.enum(['model', 'prior']), modelVersion: z.string(), trainedOnDeliveries: z.number(), detail: z.string() }),
              groups: z.array(accuracyGroup),
            })
            .openapi('EtaAccuracy'),
        },
      },
    },
    ...errorResponses(400, 401),
  },
});
