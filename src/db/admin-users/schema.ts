import { Schema } from 'mongoose';

/** The roles a person can hold; what each may do is `can()` in src/services/admin-auth/roles.ts. */
export const ADMIN_ROLES = ['admin', 'operator', 'viewer'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

/** A person who signs in to /admin. The e-mail is stored lower-cased, so it is unique regardless of case. */
export const adminUserSchema = new Schema(
  {
    email: { type: String, required: true },
    displayName: { type: String, required: true },
    role: { type: String, enum: ADMIN_ROLES, required: true },
    /** Argon2id PHC string (`$argon2id$v=19$m=…`): algorithm, parameters and salt travel with the hash. */
    passwordHash: { type: String, required: true },
    disabled: { type: Boolean, required: true, default: false },
    lastSignInAt: Date,
  },
  { timestamps: true, collection: 'admin_users' },
);
adminUserSchema.index({ email: 1 }, { unique: true });
