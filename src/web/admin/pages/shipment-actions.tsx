import { shipmentWorkflowId } from '../../../domain/ids.js';
import type { TemporalUiLink } from '../admin-deps.js';
import { adminHref, Csrf } from './admin-layout.js';

/** The Temporal Web UI page of an order's workflow. */
export const workflowUrl = (ui: TemporalUiLink, orderCode: string) =>
  `${ui.baseUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(ui.namespace)}/workflows/${encodeURIComponent(shipmentWorkflowId(orderCode))}`;

/** Poll now and mark handled: one small form each (work without JavaScript), back to `back`. */
export function ShipmentButtons(props: { orderCode: string; csrf: string; back: string; handled?: boolean; stalled?: boolean }) {
  const base = adminHref(`/shipments/${encodeURIComponent(props.orderCode)}`);
  return (
    <div class="actions">
      <form method="post" action={`${base}/poll-now`}>
        <Csrf token={props.csrf} />
        <input type="hidden" name="back" value={props.back} />
        <button class="button secondary" type="submit" aria-label={`Poll now: ${props.orderCode}`}>
          Poll now
        </button>
      </form>
      {props.stalled && !props.handled ? (
        <form method="post" action={`${base}/handled`}>
          <Csrf token={props.csrf} />
          <input type="hidden" name="back" value={props.back} />
          <button class="button secondary" type="submit" aria-label={`Mark handled: ${props.orderCode}`}>
            Mark handled
          </button>
        </form>
      ) : null}
    </div>
  );
}

/** A note on the order (lands in the audit log with its author). */
export function NoteForm(props: { orderCode: string; csrf: string; back: string; compact?: boolean }) {
  const id = `note-${props.orderCode}`;
  return (
    <form class="inline-form" method="post" action={adminHref(`/shipments/${encodeURIComponent(props.orderCode)}/notes`)}>
      <Csrf token={props.csrf} />
      <input type="hidden" name="back" value={props.back} />
      <div class="field">
        <label for={id}>{props.compact ? `Note on ${props.orderCode}` : 'Add a note'}</label>
        {props.compact ? <input id={id} name="text" type="text" maxlength={2000} required /> : <textarea id={id} name="text" maxlength={2000} required></textarea>}
      </div>
      <button class="button secondary" type="submit">
        Add note
      </button>
    </form>
  );
}
