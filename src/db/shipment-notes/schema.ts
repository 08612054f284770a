import { Schema } from 'mongoose';

/** Operators' notes on an order ("called the carrier, parcel found"), listed on its detail page. */
export const shipmentNoteSchema = new Schema(
  {
    orderCode: { type: String, required: true },
    text: { type: String, required: true },
    at: { type: Date, required: true },
    author: {
      kind: { type: String, enum: ['user', 'key', 'system'], required: true },
      /** `user:<id>`, `key:<keyId>` or `system`. */
      ref: { type: String, required: true },
      /** E-mail or key label, as shown beside the note. */
      name: { type: String, required: true },
    },
  },
  { collection: 'shipment_notes', versionKey: false },
);
shipmentNoteSchema.index({ orderCode: 1, at: -1 });
