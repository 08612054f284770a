/**
 * Creates an admin user: `npm run admin:create-user -- --email a@b.c --role admin [--name "Ada"]`.
 * The password is read from stdin when stdin is a pipe (`printf '%s' "$PW" | npm run …`), else a random
 * one is generated and printed once. Connects to MONGODB_URI (the same variable the API reads).
 */
import { text } from 'node:stream/consumers';
import { loadConfig } from '../src/config/load-config.js';
import { connectMongo } from '../src/db/connection.js';
import { AdminEmailTakenError, createAdminUserRepository } from '../src/db/admin-users/repository.js';
import { AdminUserInputError, createAdminUser, generatePassword } from '../src/services/admin-auth/admin-users.js';
import { createAuditLogRepository } from '../src/db/audit-log/repository.js';
import { createAuditLog } from '../src/services/audit/audit-log.js';
import { AUDIT_ACTIONS } from '../src/services/admin-actions/index.js';
import { parseFlags } from './bench/cli-args.js';

const USAGE = 'npm run admin:create-user -- --email <address> --role admin|operator|viewer [--name <display name>]';

async function main(): Promise<number> {
  const flags = parseFlags(
    process.argv.slice(2),
    {
      email: { default: '', help: 'the person’s e-mail address (their sign-in name)' },
      role: { default: '', help: 'admin, operator or viewer' },
      name: { default: '', help: 'display name (default: the part of the e-mail before @)' },
    },
    USAGE,
  );
  if (!flags.email || !flags.role) {
    console.error(`usage: ${USAGE}`);
    return 2;
  }
  const uri = loadConfig(process.env).mongo.uri;
  if (!uri) {
    console.error('MONGODB_URI is not set: point it at the database the API uses (npm run dev prints it).');
    return 2;
  }
  const piped = !process.stdin.isTTY;
  // One trailing newline from `echo` is not part of the password; anything else is kept as typed.
  const password = piped ? (await text(process.stdin)).replace(/\r?\n$/, '') : generatePassword();
  const connection = await connectMongo(uri);
  try {
    const user = await createAdminUser(createAdminUserRepository(connection), {
      email: flags.email,
      role: flags.role,
      password,
      ...(flags.name ? { displayName: flags.name } : {}),
    });
    // Whoever ran the command is not known to the app: the audit log says it came from the command line.
    await createAuditLog({ repository: createAuditLogRepository(connection) }).record({
      actor: { kind: 'system' },
      action: AUDIT_ACTIONS.createUser,
      source: 'cli',
      target: user.id,
      details: { email: user.email, role: user.role },
    });
    console.log(`Created ${user.role} ${user.email} (${user.id}).`);
    if (!piped) console.log(`Password (shown once, store it now): ${password}`);
    return 0;
  } catch (err) {
    if (err instanceof AdminUserInputError || err instanceof AdminEmailTakenError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
