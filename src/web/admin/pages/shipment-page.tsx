import type { ActiveSession } from '../../../services/admin-auth/sessions.js';
import { can } from '../../../services/admin-auth/roles.js';
import type { ShipmentDetailPage } from '../../../services/queries/admin-page-queries.js';
import type { AuditEntryView, NoteView, TemporalUiLink } from '../admin-deps.js';
import { auditActorName, auditSummary } from './audit-page.js';
import { when } from '../format.js';
import { AdminLayout, adminHref } from './admin-layout.js';
import { Flash } from './flash.js';
import { NoteForm, ShipmentButtons, workflowUrl } from './shipment-actions.js';

type Row = Record<string, unknown>;
const text = (v: unknown) => (v === undefined || v === null ? '–' : String(v));

/** A simple table of rows; `cells` turn a row into its cells (first one is the row header). */
function Table<T>(props: { caption: string; head: string[]; rows: T[]; cells: (row: T) => unknown[]; empty: string; name: string }) {
  if (props.rows.length === 0) return <p class="muted" data-section={props.name}>{props.empty}</p>;
  return (
    <div class="table-scroll" tabindex={0} role="region" aria-label={props.caption} data-section={props.name}>
      <table>
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            {props.head.map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => {
            const [first, ...rest] = props.cells(row);
            return (
              <tr>
                <th scope="row">{first as never}</th>
                {rest.map((cell) => (
                  <td>{cell as never}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Everything about one order: facts, events, status changes (with raw payloads), messages, ETA history, feedback, notes. */
export function ShipmentPage(props: { session: ActiveSession; detail: ShipmentDetailPage; notes: NoteView[]; history: AuditEntryView[]; temporalUi?: TemporalUiLink; done?: string; error?: string }) {
  const d = props.detail;
  const o = d.order;
  const act = can(props.session.user.role, 'shipments:act');
  const back = `/admin/shipments/${encodeURIComponent(o.orderCode)}`;
  const shipment = (d.shipment ?? {}) as Row;
  const feedback = d.feedback as Row | null;
  return (
    <AdminLayout title={`Order ${o.orderCode}`} session={props.session} current="shipment">
      <h1>Order {o.orderCode}</h1>
      <Flash done={props.done} error={props.error} />
      <section class="card">
        <dl class="kpis">
          <div class="kpi">
            <dt class="kpi-label">Status</dt>
            <dd class="kpi-value">{o.status}</dd>
          </div>
          <div class="kpi">
            <dt class="kpi-label">Carrier</dt>
            <dd class="kpi-value">{o.carrier.name}</dd>
            <dd class="kpi-note mono">{o.carrier.trackingNumber ?? 'no tracking number yet'}</dd>
          </div>
          <div class="kpi">
            <dt class="kpi-label">Placed</dt>
            <dd class="kpi-value">{when(o.placedAt)}</dd>
          </div>
          <div class="kpi">
            <dt class="kpi-label">Estimated delivery</dt>
            <dd class="kpi-value">{o.estimatedDelivery?.date ?? '–'}</dd>
            <dd class="kpi-note">{o.estimatedDelivery?.source ?? ''}</dd>
          </div>
          <div class="kpi">
            <dt class="kpi-label">Last progress</dt>
            <dd class="kpi-value">{when(shipment.lastProgressAt as string | undefined)}</dd>
            <dd class="kpi-note">{shipment.stalledSince ? `stalled since ${when(shipment.stalledSince as string)}` : ''}</dd>
          </div>
        </dl>
        <p>
          <a href={o.trackingPageUrl} rel="noreferrer" target="_blank">
            Customer's tracking page<span class="sr-only"> (opens in a new tab)</span>
          </a>
          {props.temporalUi ? (
            <>
              {' · '}
              <a href={workflowUrl(props.temporalUi, o.orderCode)} rel="noreferrer" target="_blank">
                Workflow in Temporal UI<span class="sr-only"> (opens in a new tab)</span>
              </a>
            </>
          ) : null}
        </p>
        {act ? <ShipmentButtons orderCode={o.orderCode} csrf={props.session.csrfToken} back={back} stalled={Boolean(shipment.stalledSince)} /> : null}
      </section>

      <section class="card" aria-labelledby="events-h">
        <h2 id="events-h">Carrier events</h2>
        <Table name="events" caption="Carrier events, oldest first" head={['When', 'Status', 'Description', 'Place', 'Source']} rows={d.events as Row[]} empty="No carrier events yet."
          cells={(e) => [when(e.occurredAt as string), text(e.status), text(e.description), text((e.location as Row | undefined)?.city), text(e.source)]} />
      </section>

      <section class="card" aria-labelledby="changes-h">
        <h2 id="changes-h">Status changes</h2>
        <Table name="status-changes" caption="Every status change with its source" head={['Recorded', 'Change', 'Source', 'Raw payload']} rows={d.auditLog as Row[]} empty="No status change yet."
          cells={(s) => [
            when(s.recordedAt as string),
            `${text(s.from)} → ${text(s.to)}`,
            text(s.source),
            s.inboxId ? <a href={adminHref(`/webhooks/${String(s.inboxId)}/raw`)}>webhook {String(s.inboxId).slice(-6)}</a> : '–',
          ]} />
      </section>

      <section class="card" aria-labelledby="notify-h">
        <h2 id="notify-h">Notifications</h2>
        <Table name="notifications" caption="Every notification attempt" head={['Requested', 'Trigger', 'Channel', 'Status', 'Attempts', 'Provider id', 'Error or reason']} rows={d.notifications} empty="No notification requested."
          cells={(n) => [when(n.requestedAt), n.trigger, n.channel, n.deliveryState ? `${n.status} (${n.deliveryState})` : n.status, String(n.attempts), n.providerMessageId ? <span class="mono">{n.providerMessageId}</span> : '–', n.error ?? n.deliveryError ?? n.reason ?? '–']} />
      </section>

      <section class="card" aria-labelledby="eta-h">
        <h2 id="eta-h">Estimated delivery history</h2>
        <Table name="eta" caption="Every revision of the estimated date" head={['When', 'From', 'To', 'Stage', 'Reason']} rows={d.etaRevisions} empty="The estimate was never revised."
          cells={(r) => [when(r.at), r.from.date, r.to.date, r.stage, r.reason]} />
      </section>

      <section class="card" aria-labelledby="feedback-h">
        <h2 id="feedback-h">Feedback</h2>
        {feedback && feedback.rating ? (
          <p data-section="feedback">
            {String(feedback.rating)} / 5{feedback.comment ? ` — “${String(feedback.comment)}”` : ''}
          </p>
        ) : (
          <p class="muted" data-section="feedback">No feedback given.</p>
        )}
      </section>

      <section class="card" aria-labelledby="notes-h">
        <h2 id="notes-h">Notes</h2>
        <Table name="notes" caption="Notes on this order, newest first" head={['When', 'Who', 'Note']} rows={props.notes} empty="No notes yet."
          cells={(n) => [when(n.at), n.author.name, n.text]} />
        {act ? <NoteForm orderCode={o.orderCode} csrf={props.session.csrfToken} back={back} /> : null}
      </section>

      <section class="card" aria-labelledby="actions-h">
        <h2 id="actions-h">Operator actions</h2>
        <Table name="history" caption="Audited actions on this order, newest first" head={['When', 'Who', 'Action', 'Details']} rows={props.history} empty="No operator action yet."
          cells={(h) => [when(h.at), auditActorName(h), h.action, auditSummary(h)]} />
      </section>
    </AdminLayout>
  );
}
