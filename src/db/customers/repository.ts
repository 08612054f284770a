import type { Connection } from 'mongoose';
import { customerModel } from './schema.js';

export interface CustomerInput {
  email: string;
  name?: string;
  phone?: string;
  externalId?: string;
}

/** A customer as plain data. */
export interface Customer extends CustomerInput {
  id: string;
}

/** Customers keyed by e-mail: one shop's customers, found again on every order. */
export function createCustomerRepository(connection: Connection) {
  const Customers = customerModel(connection);
  return {
    /** Creates or refreshes the customer with this e-mail; later orders update name and phone. */
    async upsertByEmail(input: CustomerInput): Promise<Customer> {
      const set: Record<string, string> = {};
      if (input.name) set.name = input.name;
      if (input.phone) set.phone = input.phone;
      if (input.externalId) set.externalId = input.externalId;
      const doc = await Customers.findOneAndUpdate(
        { email: input.email.toLowerCase() },
        { $set: set, $setOnInsert: { email: input.email.toLowerCase() } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
      if (!doc) throw new Error('customer upsert returned nothing');
      return toCustomer(doc);
    },

    async findById(id: string): Promise<Customer | null> {
      const doc = await Customers.findById(id).lean();
      return doc ? toCustomer(doc) : null;
    },

    async findByEmail(email: string): Promise<Customer | null> {
      const doc = await Customers.findOne({ email: email.toLowerCase() }).lean();
      return doc ? toCustomer(doc) : null;
    },
  };
}

export type CustomerRepository = ReturnType<typeof createCustomerRepository>;

function toCustomer(doc: { _id: unknown; email: string; name?: string | null; phone?: string | null; externalId?: string | null }): Customer {
  return {
    id: String(doc._id),
    email: doc.email,
    ...(doc.name ? { name: doc.name } : {}),
    ...(doc.phone ? { phone: doc.phone } : {}),
    ...(doc.externalId ? { externalId: doc.externalId } : {}),
  };
}
