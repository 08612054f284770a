import type { Schema } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { feedbackSchema } from '../../../src/db/feedback/schema.js';
import { notificationSchema } from '../../../src/db/notifications/schema.js';
import { orderModel } from '../../../src/db/orders/schema.js';
import { REPORT_INDEXES } from '../../../src/db/reports/report-pipelines.js';
import { shipmentSchema } from '../../../src/db/shipments/schema.js';
import { statusChangeSchema } from '../../../src/db/status-changes/schema.js';
import mongoose from 'mongoose';

describe('report indexes', () => {
  it('every index the report builds is declared by its collection’s schema (so autoIndex builds it too)', () => {
    const schemas: Record<string, Schema> = {
      orders: orderModel(mongoose.createConnection()).schema,
      shipments: shipmentSchema,
      status_changes: statusChangeSchema,
      notifications: notificationSchema,
      feedback: feedbackSchema,
    };
    for (const index of REPORT_INDEXES) {
      const declared = schemas[index.collection]!.indexes().map(([keys]) => JSON.stringify(keys));
      expect(declared, `${index.collection} ${JSON.stringify(index.keys)}`).toContain(JSON.stringify(index.keys));
    }
  });
});
