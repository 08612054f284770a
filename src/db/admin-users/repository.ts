import { Types, type Connection } from 'mongoose';
import { isDuplicateKeyError } from '../connection.js';
import { modelFor } from '../model.js';
import { adminUserSchema, type AdminRole } from './schema.js';

/** An admin user as the services see it; the password hash is returned only by `findForSignIn`. */
export interface AdminUser {
  id: string;
  email: string;
  displayName: string;
  role: AdminRole;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  lastSignInAt?: string;
}

/** Raised by `create` when the e-mail is taken. */
export class AdminEmailTakenError extends Error {
  constructor(email: string) {
    super(`an admin user with e-mail ${email} exists already`);
    this.name = 'AdminEmailTakenError';
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

interface UserDoc {
  _id: Types.ObjectId;
  email: string;
  displayName: string;
  role: AdminRole;
  passwordHash: string;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  lastSignInAt?: Date | null;
}

function toUser(doc: UserDoc): AdminUser {
  return {
    id: doc._id.toHexString(),
    email: doc.email,
    displayName: doc.displayName,
    role: doc.role,
    disabled: doc.disabled,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    ...(doc.lastSignInAt ? { lastSignInAt: doc.lastSignInAt.toISOString() } : {}),
  };
}

/** Admin users: create, look up, change role/password/disabled, list. */
export function createAdminUserRepository(connection: Connection) {
  const Users = modelFor(connection, 'AdminUser', adminUserSchema);
  const byId = (id: string) => (Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : null);
  return {
    async create(input: { email: string; displayName: string; role: AdminRole; passwordHash: string }): Promise<AdminUser> {
      try {
        const doc = await Users.create({ ...input, email: normalizeEmail(input.email) });
        return toUser(doc.toObject() as UserDoc);
      } catch (err) {
        if (isDuplicateKeyError(err)) throw new AdminEmailTakenError(normalizeEmail(input.email));
        throw err;
      }
    },

    /** The user and their password hash, for the sign-in check only. */
    async findForSignIn(email: string): Promise<{ user: AdminUser; passwordHash: string } | null> {
      const doc = (await Users.findOne({ email: normalizeEmail(email) }).lean()) as UserDoc | null;
      return doc ? { user: toUser(doc), passwordHash: doc.passwordHash } : null;
    },

    async findById(id: string): Promise<AdminUser | null> {
      const _id = byId(id);
      const doc = _id ? ((await Users.findById(_id).lean()) as UserDoc | null) : null;
      return doc ? toUser(doc) : null;
    },

    async list(): Promise<AdminUser[]> {
      const docs = (await Users.find({}).sort({ email: 1 }).limit(1000).lean()) as UserDoc[];
      return docs.map(toUser);
    },

    async count(): Promise<number> {
      return Users.countDocuments({});
    },

    /** Changes role, display name, disabled flag or password hash; returns the user after, or null. */
    async update(id: string, changes: Partial<{ displayName: string; role: AdminRole; disabled: boolean; passwordHash: string }>): Promise<AdminUser | null> {
      const _id = byId(id);
      if (!_id) return null;
      const doc = (await Users.findByIdAndUpdate(_id, { $set: changes }, { returnDocument: 'after' }).lean()) as UserDoc | null;
      return doc ? toUser(doc) : null;
    },

    async recordSignIn(id: string, at: Date): Promise<void> {
      const _id = byId(id);
      if (_id) await Users.updateOne({ _id }, { $set: { lastSignInAt: at } });
    },
  };
}

export type AdminUserRepository = ReturnType<typeof createAdminUserRepository>;
