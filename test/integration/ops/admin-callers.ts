import { createAdminUserRepository } from '../../../src/db/admin-users/repository.js';
import type { AdminRole } from '../../../src/db/admin-users/schema.js';
import { createAdminUser } from '../../../src/services/admin-auth/admin-users.js';
import type { AdminAction, ApiKeyScope } from '../../../src/services/admin-auth/roles.js';
import { uniqueName } from '../../support/servers.js';
import type { TestStack } from '../../support/stack.js';
import { ADMIN_KEY, STOREFRONT_KEY } from '../../support/test-config.js';

/** One way of calling the admin API, and what it should be let do. */
export interface Caller {
  name: string;
  headers: Record<string, string>;
  /** null: not signed in at all (every admin route answers 401). */
  allows: ((action: AdminAction) => boolean) | null;
}

/** A signed-in person: their user, session cookie and CSRF token. */
export interface SignedIn {
  user: { id: string; email: string; role: AdminRole };
  sessionId: string;
  csrfToken: string;
  headers: Record<string, string>;
}

export const sessionHeaders = (sessionId: string, csrfToken?: string): Record<string, string> => ({
  cookie: `ot_admin=${sessionId}`,
  'content-type': 'application/json',
  ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
});

export const keyHeaders = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });

/** Creates a user of `role` and signs them in (a session as the sign-in service starts one). */
export async function signedIn(stack: TestStack, role: AdminRole): Promise<SignedIn> {
  const user = await createAdminUser(createAdminUserRepository(stack.mongo), {
    email: `${uniqueName(role)}@example.com`,
    role,
    password: 'correct horse battery staple',
  });
  const { sessionId, csrfToken } = await stack.services.adminAuth.sessions.start(user.id, { ip: '127.0.0.1' });
  return { user, sessionId, csrfToken, headers: sessionHeaders(sessionId, csrfToken) };
}

/** Every kind of caller: nobody, storefront keys (bootstrap and stored), the three roles, admin keys. */
export async function allCallers(stack: TestStack): Promise<{ callers: Caller[]; people: Record<AdminRole, SignedIn> }> {
  const people = { viewer: await signedIn(stack, 'viewer'), operator: await signedIn(stack, 'operator'), admin: await signedIn(stack, 'admin') };
  const keys = stack.services.adminAuth.apiKeys;
  const stored = async (scopes: ApiKeyScope[]) => (await keys.create({ name: `probe ${scopes.join('+')}`, scopes })).key;
  // Written out rather than asked of can()/keyAllows(), so a wrong role table fails here.
  const only = (...actions: AdminAction[]) => (action: AdminAction) => actions.includes(action);
  const callers: Caller[] = [
    { name: 'signed out', headers: { 'content-type': 'application/json' }, allows: null },
    { name: 'bootstrap storefront key', headers: keyHeaders(STOREFRONT_KEY), allows: () => false },
    { name: 'stored storefront key', headers: keyHeaders(await stored(['storefront'])), allows: () => false },
    { name: 'viewer session', headers: people.viewer.headers, allows: only('read') },
    { name: 'operator session', headers: people.operator.headers, allows: only('read', 'shipments:act') },
    { name: 'admin session', headers: people.admin.headers, allows: only('read', 'shipments:act', 'users:manage', 'keys:manage') },
    { name: 'bootstrap admin key', headers: keyHeaders(ADMIN_KEY), allows: only('read', 'shipments:act') },
    { name: 'stored admin:read key', headers: keyHeaders(await stored(['admin:read'])), allows: only('read') },
  ];
  return { callers, people };
}
