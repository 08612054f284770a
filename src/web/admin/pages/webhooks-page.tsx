import type { ActiveSession } from '../../../services/admin-auth/sessions.js';
import { can } from '../../../services/admin-auth/roles.js';
import type { UnmatchedWebhookView } from '../../../services/queries/admin-queries.js';
import { when } from '../format.js';
import { AdminLayout, adminHref, Csrf } from './admin-layout.js';
import { Flash } from './flash.js';
import { ListCard } from './list-card.js';

/** Webhooks whose tracking number matched no order: re-match one to an order, or discard it. */
export function WebhooksPage(props: { session: ActiveSession; webhooks: UnmatchedWebhookView[]; carrierName: (id: string) => string; done?: string; error?: string }) {
  const act = can(props.session.user.role, 'shipments:act');
  return (
    <AdminLayout title="Unmatched webhooks" session={props.session} current="webhooks">
      <h1>Unmatched webhooks</h1>
      <p class="muted">Carrier webhooks for tracking numbers no order had when they came. Newest first.</p>
      <Flash done={props.done} error={props.error} />
      <ListCard
        label="Unmatched webhooks"
        columns={['Received', 'Carrier', 'Tracking numbers', 'Updates', 'Actions']}
        count={props.webhooks.length}
        empty="No unmatched webhook."
      >
        {props.webhooks.map((w) => {
          const numbers = [...new Set(w.deliveries.filter((d) => d.state === 'unmatched').map((d) => d.trackingNumber))];
          return (
            <tr data-webhook={w.id}>
              <th scope="row">
                {when(w.receivedAt)}
                <br />
                <a class="small" href={adminHref(`/webhooks/${w.id}/raw`)}>
                  Raw payload
                </a>
              </th>
              <td>{props.carrierName(w.carrierId)}</td>
              <td class="mono">{numbers.join(', ') || '–'}</td>
              <td>{w.updates.length}</td>
              <td>
                {act ? (
                  <div class="actions">
                    <form class="inline-form" method="post" action={adminHref(`/webhooks/${w.id}/rematch`)}>
                      <Csrf token={props.session.csrfToken} />
                      <div class="field">
                        <label for={`tn-${w.id}`}>Tracking number</label>
                        <select id={`tn-${w.id}`} name="trackingNumber">
                          {numbers.map((n) => (
                            <option value={n}>{n}</option>
                          ))}
                        </select>
                      </div>
                      <div class="field">
                        <label for={`order-${w.id}`}>Order</label>
                        <input id={`order-${w.id}`} name="orderCode" type="text" required maxlength={64} />
                      </div>
                      <button class="button secondary" type="submit">
                        Re-match
                      </button>
                    </form>
                    <form method="post" action={adminHref(`/webhooks/${w.id}/discard`)}>
                      <Csrf token={props.session.csrfToken} />
                      <button class="button danger" type="submit" aria-label={`Discard the webhook received ${when(w.receivedAt)}`}>
                        Discard
                      </button>
                    </form>
                  </div>
                ) : null}
              </td>
            </tr>
          );
        })}
      </ListCard>
    </AdminLayout>
  );
}
