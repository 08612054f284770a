import type { ActiveSession } from '../../../services/admin-auth/sessions.js';
import { can } from '../../../services/admin-auth/roles.js';
import type { StalledShipmentRow } from '../../../services/queries/admin-page-queries.js';
import type { TemporalUiLink } from '../admin-deps.js';
import { age, when } from '../format.js';
import { AdminLayout, adminHref } from './admin-layout.js';
import { Flash } from './flash.js';
import { NoteForm, ShipmentButtons, workflowUrl } from './shipment-actions.js';
import { ListCard } from './list-card.js';

function AlertState(props: { row: StalledShipmentRow }) {
  const alert = props.row.alert;
  if (!alert) return <span class="badge warn">no alert</span>;
  if (alert.heldByOutage) return <span class="badge warn">held: {alert.heldByOutage} outage</span>;
  if (alert.handledAt) return <span class="badge ok">handled {when(alert.handledAt)}{alert.handledBy ? ` by ${alert.handledBy}` : ''}</span>;
  return <span class={`badge ${alert.status === 'open' ? 'bad' : 'ok'}`}>alert {alert.status} since {when(alert.openedAt)}</span>;
}

/** Shipments without carrier progress for the stall threshold, longest first, with the operator's actions. */
export function StalledPage(props: {
  session: ActiveSession;
  rows: StalledShipmentRow[];
  now: number;
  carrierName: (id: string) => string;
  temporalUi?: TemporalUiLink;
  done?: string;
  error?: string;
}) {
  const act = can(props.session.user.role, 'shipments:act');
  return (
    <AdminLayout title="Stalled shipments" session={props.session} current="stalled">
      <h1>Stalled shipments</h1>
      <p class="muted">No carrier progress for the stall threshold (72 h of carrier time). Longest stalled first.</p>
      <Flash done={props.done} error={props.error} />
      <ListCard
        label="Stalled shipments"
        columns={['Order', 'Carrier', 'Stalled for', 'Last event', 'Alert', 'Actions']}
        count={props.rows.length}
        empty="No shipment is stalled."
      >
        {props.rows.map((row) => (
          <tr data-order={row.orderCode}>
            <th scope="row">
              <a href={adminHref(`/shipments/${encodeURIComponent(row.orderCode)}`)}>{row.orderCode}</a>
              <br />
              <span class="small mono">{row.trackingNumber ?? ''}</span>
            </th>
            <td>{props.carrierName(row.carrierId)}</td>
            <td>
              {age(row.lastProgressAt ?? row.stalledSince, props.now)}
              <br />
              <span class="small muted">since {when(row.lastProgressAt ?? row.stalledSince)}</span>
            </td>
            <td>
              {row.lastEvent ? (
                <>
                  {row.lastEvent.description || row.lastEvent.status}
                  <br />
                  <span class="small muted">{when(row.lastEvent.occurredAt)}</span>
                </>
              ) : (
                '–'
              )}
            </td>
            <td>
              <AlertState row={row} />
            </td>
            <td>
              {act ? <ShipmentButtons orderCode={row.orderCode} csrf={props.session.csrfToken} back="/admin/stalled" stalled handled={Boolean(row.alert?.handledAt)} /> : null}
              {act ? <NoteForm orderCode={row.orderCode} csrf={props.session.csrfToken} back="/admin/stalled" compact /> : null}
              {props.temporalUi ? (
                <a href={workflowUrl(props.temporalUi, row.orderCode)} rel="noreferrer" target="_blank">
                  Workflow in Temporal UI<span class="sr-only"> (opens in a new tab)</span>
                </a>
              ) : null}
            </td>
          </tr>
        ))}
      </ListCard>
    </AdminLayout>
  );
}
