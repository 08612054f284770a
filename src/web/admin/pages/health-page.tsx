import type { ActiveSession } from '../../../services/admin-auth/sessions.js';
import type { CarrierHealthRow } from '../../../services/queries/carrier-health.js';
import { age, when } from '../format.js';
import { AdminLayout } from './admin-layout.js';
import { ListCard } from './list-card.js';

const STATE_TEXT: Record<CarrierHealthRow['state'], { text: string; tone: string }> = {
  outage: { text: 'Outage', tone: 'bad' },
  recovering: { text: 'Recovering (catching up)', tone: 'warn' },
  healthy: { text: 'Healthy', tone: 'ok' },
};

/** Carrier health: outages first, with held alerts (one outage alert instead of a stall storm). */
export function HealthPage(props: { session: ActiveSession; rows: CarrierHealthRow[]; now: number }) {
  const outages = props.rows.filter((r) => r.state !== 'healthy');
  return (
    <AdminLayout title="Carrier health" session={props.session} current="health">
      <h1>Carrier health</h1>
      {outages.length > 0 ? (
        <p class="notice bad" role="status">
          {outages.map((r) => `${r.carrierName}: ${STATE_TEXT[r.state].text}`).join(' · ')}. Stall and poll-failure alerts of these carriers' shipments are held until they recover.
        </p>
      ) : (
        <p class="notice ok" role="status">
          Every polled carrier answers.
        </p>
      )}
      <ListCard
        label="Carrier health"
        columns={['Carrier', 'State', { text: 'Failures in a row', num: true }, 'Last success', 'Last failure', 'Circuit breaker', { text: 'Held alerts', num: true }, 'Last outage']}
        count={props.rows.length}
        empty="No carrier has been polled yet."
      >
        {props.rows.map((r) => (
          <tr data-carrier={r.carrierId} data-state={r.state}>
            <th scope="row">{r.carrierName}</th>
            <td>
              <span class={`badge ${STATE_TEXT[r.state].tone}`}>{STATE_TEXT[r.state].text}</span>
              <br />
              <span class="small muted">
                for {age(r.outageSince ?? r.since, props.now)}
              </span>
            </td>
            <td class="num">{r.consecutiveFailures}</td>
            <td>{when(r.lastSuccessAt)}</td>
            <td>
              {when(r.lastFailureAt)}
              {r.lastError ? (
                <>
                  <br />
                  <span class="small muted">{r.lastError}</span>
                </>
              ) : null}
            </td>
            <td>{r.circuitOpenAt ? `open since ${when(r.circuitOpenAt)}` : 'closed'}</td>
            <td class="num">
              {r.heldAlerts.stalled} stalled, {r.heldAlerts.pollFailures} poll failures
            </td>
            <td>{r.lastOutage ? `${when(r.lastOutage.since)} – ${when(r.lastOutage.endedAt)}` : '–'}</td>
          </tr>
        ))}
      </ListCard>
    </AdminLayout>
  );
}
