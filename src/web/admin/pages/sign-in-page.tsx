import { AdminLayout } from './admin-layout.js';
import { Flash } from './flash.js';
import { ADMIN_BASE } from '../http/admin-session.js';

/** The sign-in form; `error` is shown as an alert above it (wrong credentials, too many attempts). */
export function SignInPage(props: { token: string; next?: string; email?: string; error?: string; signedOut?: boolean }) {
  return (
    <AdminLayout title="Sign in">
      <div class="sign-in card">
        <h1>Sign in</h1>
        <Flash done={props.signedOut ? 'You are signed out.' : undefined} error={props.error} />
        <form method="post" action={`${ADMIN_BASE}/sign-in`}>
          <input type="hidden" name="_pre" value={props.token} />
          {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
          <div class="field">
            <label for="email">E-mail</label>
            <input id="email" name="email" type="email" autocomplete="username" required value={props.email ?? ''} />
          </div>
          <div class="field">
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required />
          </div>
          <button class="button" type="submit">
            Sign in
          </button>
        </form>
      </div>
    </AdminLayout>
  );
}
