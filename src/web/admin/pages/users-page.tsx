import type { AdminUser } from '../../../db/admin-users/repository.js';
import type { ApiKeyRecord } from '../../../db/api-keys/repository.js';
import type { ActiveSession } from '../../../services/admin-auth/sessions.js';
import { when } from '../format.js';
import { AdminLayout, adminHref, Csrf } from './admin-layout.js';
import { Flash } from './flash.js';

const ROLES = ['viewer', 'operator', 'admin'] as const;
const SCOPES = [
  ['storefront', 'Storefront (orders, tracking look-ups)'],
  ['admin:read', 'Admin API: read'],
  ['admin:write', 'Admin API: act on shipments'],
] as const;

/** A secret shown once (a new user's password, a new key): not stored in readable form anywhere. */
export interface ShownOnce {
  what: string;
  value: string;
}

/** People (create, role, disable, reset password) and machine keys (create, revoke): admins only. */
export function UsersPage(props: { session: ActiveSession; users: AdminUser[]; keys: ApiKeyRecord[]; shown?: ShownOnce; done?: string; error?: string }) {
  const csrf = props.session.csrfToken;
  return (
    <AdminLayout title="Users & API keys" session={props.session} current="users">
      <h1>Users & API keys</h1>
      <Flash done={props.done} error={props.error} />
      {props.shown ? (
        <div class="notice ok" role="status">
          <p>{props.shown.what} — shown once, copy it now:</p>
          <p class="secret" data-secret>
            {props.shown.value}
          </p>
        </div>
      ) : null}
      <section class="card" aria-labelledby="users-h">
        <h2 id="users-h">People</h2>
        <div class="table-scroll" tabindex={0} role="region" aria-label="People">
          <table>
            <caption class="sr-only">People who can sign in</caption>
            <thead>
              <tr>
                <th scope="col">E-mail</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {props.users.map((u) => (
                <tr data-user={u.email}>
                  <th scope="row">
                    {u.email} {u.disabled ? <span class="badge bad">disabled</span> : null}
                  </th>
                  <td>{u.displayName}</td>
                  <td>{u.role}</td>
                  <td>{when(u.lastSignInAt)}</td>
                  <td>
                    {u.disabled || u.id === props.session.user.id ? null : (
                      <div class="actions">
                        <form class="inline-form" method="post" action={adminHref(`/users/${u.id}/role`)}>
                          <Csrf token={csrf} />
                          <label class="sr-only" for={`role-${u.id}`}>{`Role of ${u.email}`}</label>
                          <select id={`role-${u.id}`} name="role">
                            {ROLES.map((r) => (
                              <option value={r} selected={u.role === r}>
                                {r}
                              </option>
                            ))}
                          </select>
                          <button class="button secondary" type="submit">
                            Change role
                          </button>
                        </form>
                        <form method="post" action={adminHref(`/users/${u.id}/reset-password`)}>
                          <Csrf token={csrf} />
                          <button class="button secondary" type="submit" aria-label={`Reset password: ${u.email}`}>
                            Reset password
                          </button>
                        </form>
                        <form method="post" action={adminHref(`/users/${u.id}/disable`)}>
                          <Csrf token={csrf} />
                          <button class="button danger" type="submit" aria-label={`Disable ${u.email}`}>
                            Disable
                          </button>
                        </form>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>Add a person</h3>
        <form class="inline-form" method="post" action={adminHref('/users')}>
          <Csrf token={csrf} />
          <div class="field">
            <label for="new-email">E-mail</label>
            <input id="new-email" name="email" type="email" required maxlength={320} />
          </div>
          <div class="field">
            <label for="new-name">Name</label>
            <input id="new-name" name="displayName" type="text" maxlength={100} />
          </div>
          <div class="field">
            <label for="new-role">Role</label>
            <select id="new-role" name="role">
              {ROLES.map((r) => (
                <option value={r}>{r}</option>
              ))}
            </select>
          </div>
          <button class="button" type="submit">
            Add (password shown once)
          </button>
        </form>
      </section>

      <section class="card" aria-labelledby="keys-h">
        <h2 id="keys-h">API keys</h2>
        {props.keys.length === 0 ? <p class="muted">No stored keys yet (the environment's bootstrap keys are not listed).</p> : null}
        <div class="table-scroll" tabindex={0} role="region" aria-label="API keys" hidden={props.keys.length === 0}>
          <table>
            <caption class="sr-only">Machine keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key id</th>
                <th scope="col">Scopes</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {props.keys.map((k) => (
                <tr data-key={k.keyId}>
                  <th scope="row">
                    {k.name} {k.revokedAt ? <span class="badge bad">revoked {when(k.revokedAt)}</span> : null}
                  </th>
                  <td class="mono">otk_live_{k.keyId}</td>
                  <td>{k.scopes.join(', ')}</td>
                  <td>{when(k.createdAt)}</td>
                  <td>{when(k.lastUsedAt)}</td>
                  <td>
                    {k.revokedAt ? null : (
                      <form method="post" action={adminHref(`/keys/${k.keyId}/revoke`)}>
                        <Csrf token={csrf} />
                        <button class="button danger" type="submit" aria-label={`Revoke ${k.name}`}>
                          Revoke
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>Create a key</h3>
        <form method="post" action={adminHref('/keys')}>
          <Csrf token={csrf} />
          <div class="field">
            <label for="key-name">Name</label>
            <input id="key-name" name="name" type="text" required maxlength={100} />
          </div>
          <fieldset>
            <legend>Scopes</legend>
            {SCOPES.map(([scope, label]) => (
              <label class="toggle">
                <input type="checkbox" name="scopes" value={scope} /> {label}
              </label>
            ))}
          </fieldset>
          <button class="button" type="submit">
            Create (key shown once)
          </button>
        </form>
      </section>
    </AdminLayout>
  );
}
