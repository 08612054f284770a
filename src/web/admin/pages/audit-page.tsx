import type { ActiveSession } from '../../../services/admin-auth/sessions.js';
import type { AuditEntryView, AuditFilter } from '../../../services/queries/admin-page-queries.js';
import { when } from '../format.js';
import { AdminLayout, adminHref } from './admin-layout.js';

const SOURCES = ['', 'admin', 'webhook', 'poll', 'manual', 'system'];

/** The append-only audit log, filtered by order, actor, source and time (a GET form: shareable URLs). */
export function AuditPage(props: { session: ActiveSession; filter: Omit<AuditFilter, 'limit'>; entries: AuditEntryView[]; limit: number }) {
  const f = props.filter;
  return (
    <AdminLayout title="Audit log" session={props.session} current="audit">
      <h1>Audit log</h1>
      <form class="filters card" method="get" action={adminHref('/audit')}>
        <div class="field">
          <label for="order">Order</label>
          <input id="order" name="order" type="text" value={f.orderCode ?? ''} maxlength={64} />
        </div>
        <div class="field">
          <label for="actor">Actor</label>
          <input id="actor" name="actor" type="text" value={f.actor ?? ''} maxlength={320} />
        </div>
        <div class="field">
          <label for="source">Source</label>
          <select id="source" name="source">
            {SOURCES.map((s) => (
              <option value={s} selected={(f.source ?? '') === s}>
                {s || 'any'}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="from">From (UTC)</label>
          <input id="from" name="from" type="datetime-local" value={f.from?.slice(0, 16) ?? ''} />
        </div>
        <div class="field">
          <label for="to">To (UTC)</label>
          <input id="to" name="to" type="datetime-local" value={f.to?.slice(0, 16) ?? ''} />
        </div>
        <button class="button" type="submit">
          Search
        </button>
      </form>
      {props.entries.length === 0 ? (
        <p class="card">No entry matches.</p>
      ) : (
        <div class="card table-scroll" tabindex={0} role="region" aria-label="Audit entries">
          <table>
            <caption>
              {props.entries.length === props.limit ? `The newest ${props.limit} matching entries` : `${props.entries.length} matching entries`}, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Order</th>
                <th scope="col">Source</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {props.entries.map((e) => (
                <tr data-action={e.action}>
                  <th scope="row">{when(e.at)}</th>
                  <td>{e.actor}</td>
                  <td>{e.action}</td>
                  <td>{e.orderCode ? <a href={adminHref(`/shipments/${encodeURIComponent(e.orderCode)}`)}>{e.orderCode}</a> : '–'}</td>
                  <td>{e.source ?? '–'}</td>
                  <td>{e.summary ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminLayout>
  );
}
