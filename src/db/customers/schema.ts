import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const customerSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String },
    phone: { type: String },
    /** The shop's own customer id, when it sends one. */
    externalId: { type: String },
  },
  { timestamps: true, collection: 'customers' },
);
customerSchema.index({ email: 1 }, { unique: true });
customerSchema.index({ externalId: 1 }, { sparse: true });

export type CustomerDoc = InferSchemaType<typeof customerSchema>;

export function customerModel(connection: Connection): Model<CustomerDoc> {
  return (connection.models.Customer as Model<CustomerDoc> | undefined) ?? connection.model('Customer', customerSchema);
}
