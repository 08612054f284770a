import { Schema } from 'mongoose';

/**
 * One document per order: everything its tracking page and the JSON look-up by tracking number show, with
 * the customer's contact already masked (see view-document.ts). Written by the same write as the order's
 * projection (src/db/shipments/projection-repository.ts) and by the writers of what it copies (preferences,
 * feedback, customer details); rebuilt from the source rows when missing. A page reads it with one equality
 * look-up on `orderCode` (the signed link carries the code), the JSON look-up with one on `trackingNumber`:
 * FerretDB 1.x pushes down only equality filters, so both stay index reads.
 * Written and read through the driver's collection: the fields are built to this shape in view-document.ts.
 */
export const trackingViewSchema = new Schema(
  {
    orderCode: { type: String, required: true },
    revision: { type: Number, required: true },
    customerId: { type: String, required: true },
    trackingNumber: String,
    placedAt: { type: String, required: true },
    /** When a projection or a rebuild last wrote it (the writer's clock), and that whole second (../written-since.ts). */
    writtenAt: Date,
    writtenSecond: Number,
  },
  { collection: 'tracking_views', versionKey: false, strict: false },
);
trackingViewSchema.index({ orderCode: 1 }, { unique: true });
trackingViewSchema.index({ trackingNumber: 1 }, { sparse: true });
// A customer's new name or phone reaches the views of all their orders (masked).
trackingViewSchema.index({ customerId: 1 });
// The change feed of every API process reads the views written in each second of its window (../written-since.ts).
trackingViewSchema.index({ writtenSecond: 1 });
