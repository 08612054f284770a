import type { Connection } from 'mongoose';
import { createTrackingViewRepository } from '../tracking-views/repository.js';
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
  const views = createTrackingViewRepository(connection);
  return {
    /**
     * The customer with this e-mail, created from the input when there is none; an existing customer is
     * left as it is (see `refresh`), so a request that fails later changes nobody's details.
     */
    async findOrCreateByEmail(input: CustomerInput): Promise<Customer> {
      const email = input.email.toLowerCase();
      const doc = await Customers.findOneAndUpdate(
        { email },
        { $setOnInsert: { email, ...detailsOf(input) } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
      if (!doc) throw new Error('customer upsert returned nothing');
      return toCustomer(doc);
    },

    /**
     * Takes the name, phone and external id a newer order gave (once that order is stored), and shows the
     * new contact (masked) on the tracking views of all the customer's orders.
     */
    async refresh(id: string, input: CustomerInput): Promise<void> {
      const set = detailsOf(input);
      if (Object.keys(set).length === 0) return;
      const before = await Customers.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'before' }).lean();
      if (!before) return;
      const after = withDetails(before, input);
      // The views show the name and phone (masked): rewritten only when one of them changed, not per order.
      if (after.name !== before.name || after.phone !== before.phone) await views.setContact(id, after);
    },

    async findById(id: string): Promise<Customer | null> {
      const doc = await Customers.findById(id).lean();
      return doc ? toCustomer(doc) : null;
    },

    /** Customers with this phone number, as stored or in E.164 (`variants`: the forms to match). */
    async findByPhone(variants: string[]): Promise<Customer[]> {
      const docs = await Customers.find({ phone: { $in: variants } }).lean();
      return docs.map(toCustomer);
    },

    /**
     * Customers whose stored phone ends with these digits, whatever separators it was stored with
     * (`+90 (532) 123-45-67` ends with 5321234567): the candidates of a number match the caller confirms by
     * normalising both numbers. `digits` must be digits only.
     */
    async findByPhoneEnding(digits: string): Promise<Customer[]> {
      if (!/^\d{4,17}$/.test(digits)) return [];
      const docs = await Customers.find({ phone: { $regex: `${digits.split('').join('\\D*')}\\D*$` } }).lean();
      return docs.map(toCustomer);
    },

    async findByEmail(email: string): Promise<Customer | null> {
      const doc = await Customers.findOne({ email: email.toLowerCase() }).lean();
      return doc ? toCustomer(doc) : null;
    },
  };
}

export type CustomerRepository = ReturnType<typeof createCustomerRepository>;

/** A customer as it is once `input`'s details are adopted (what `refresh` stores; the intake's view shows it at once). */
export function withDetails<T extends object>(customer: T, input: CustomerInput): T {
  return { ...customer, ...detailsOf(input) };
}

/** The details an order may update; absent ones leave the stored value alone. */
function detailsOf(input: CustomerInput): Record<string, string> {
  const set: Record<string, string> = {};
  if (input.name) set.name = input.name;
  if (input.phone) set.phone = input.phone;
  if (input.externalId) set.externalId = input.externalId;
  return set;
}

function toCustomer(doc: { _id: unknown; email: string; name?: string | null; phone?: string | null; externalId?: string | null }): Customer {
  return {
    id: String(doc._id),
    email: doc.email,
    ...(doc.name ? { name: doc.name } : {}),
    ...(doc.phone ? { phone: doc.phone } : {}),
    ...(doc.externalId ? { externalId: doc.externalId } : {}),
  };
}
