import type { ActiveSession } from '../../../services/admin-auth/sessions.js';
import type { CarrierHealthRow } from '../../../services/queries/carrier-health.js';
import { age, when } from '../format.js';
import { AdminLayout } from './admin-layout.js';

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
      {props.rows.length === 0 ? (
        <p class="card">No carrier has been polled yet.</p>
      ) : (
        <div class="card table-scroll" tabindex={0} role="region" aria-label="Carriers">
          <table>
            <caption class="sr-only">Carrier health</caption>
            <thead>
              <tr>
                <th scope="col">Carrier</th>
                <th scope="col">State</th>
                <th scope="col" class="num">Failures in a row</th>
                <th scope="col">Last success</th>
                <th scope="col">Last failure</th>
                <th scope="col">Circuit breaker</th>
                <th scope="col" class="num">Held alerts</th>
                <th scope="col">Last outage</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      )}
    </AdminLayout>
  );
}
