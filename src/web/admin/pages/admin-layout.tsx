import type { Child } from 'hono/jsx';
import { can } from '../../../services/admin-auth/roles.js';
import type { ActiveSession } from '../../../services/admin-auth/sessions.js';
import { ADMIN_ASSETS } from '../assets/admin-assets.js';
import { ADMIN_BASE } from '../http/admin-session.js';

export type NavKey = 'dashboard' | 'carriers' | 'stalled' | 'webhooks' | 'audit' | 'users' | 'health' | 'shipment';

const NAV: { key: NavKey; href: string; label: string; adminOnly?: boolean }[] = [
  { key: 'dashboard', href: '/', label: 'Dashboard' },
  { key: 'carriers', href: '/carriers', label: 'Carriers' },
  { key: 'stalled', href: '/stalled', label: 'Stalled' },
  { key: 'webhooks', href: '/webhooks', label: 'Unmatched webhooks' },
  { key: 'health', href: '/health', label: 'Carrier health' },
  { key: 'audit', href: '/audit', label: 'Audit log' },
  { key: 'users', href: '/users', label: 'Users & keys', adminOnly: true },
];

/** `/admin` + a path of the admin router. */
export const adminHref = (path: string) => (path === '/' ? ADMIN_BASE : `${ADMIN_BASE}${path}`);

/** The hidden CSRF field every state-changing form carries. */
export const Csrf = (props: { token: string }) => <input type="hidden" name="_csrf" value={props.token} />;

/**
 * The admin shell: skip link, navigation (what the role may open), who is signed in and a sign-out form.
 * External stylesheet and scripts only (CSP without inline code); `charts` adds uPlot.
 */
export function AdminLayout(props: { title: string; session?: ActiveSession; current?: NavKey; charts?: boolean; children: Child }) {
  const { session } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} · Operations`}</title>
        {props.charts ? <link rel="stylesheet" href={adminHref(ADMIN_ASSETS.uplotCss)} /> : null}
        <link rel="stylesheet" href={adminHref(ADMIN_ASSETS.css)} />
        {props.charts ? <script src={adminHref(ADMIN_ASSETS.uplotJs)} defer></script> : null}
        {props.charts ? <script src={adminHref(ADMIN_ASSETS.js)} defer></script> : null}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <div class="wrap top-inner">
            <span class="brand">Order tracking · Operations</span>
            {session ? (
              <nav aria-label="Admin">
                <ul class="nav">
                  {NAV.filter((n) => !n.adminOnly || can(session.user.role, 'users:manage')).map((n) => (
                    <li>
                      <a href={adminHref(n.href)} aria-current={props.current === n.key ? 'page' : undefined}>
                        {n.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
            {session ? (
              <div class="who">
                <span>
                  {session.user.email} <span class="badge">{session.user.role}</span>
                </span>
                <form method="post" action={adminHref('/sign-out')}>
                  <Csrf token={session.csrfToken} />
                  <button class="link-button" type="submit">
                    Sign out
                  </button>
                </form>
              </div>
            ) : null}
          </div>
        </header>
        <main id="main" class="wrap" tabindex={-1}>
          {props.children}
        </main>
        <footer class="wrap foot">Times are UTC.</footer>
      </body>
    </html>
  );
}
