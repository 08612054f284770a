import type { ActiveSession } from '../../../services/admin-auth/sessions.js';
import type { AuditEntryView, AuditQueryInput } from '../admin-deps.js';
import { when } from '../format.js';
import { AdminLayout, adminHref } from './admin-layout.js';
import { ListCard } from './list-card.js';

const SOURCES = ['', 'admin-page', 'admin-api', 'cli', 'system'];

/** Who did it: a person's e-mail, a key's label, or `system`. */
export const auditActorName = (e: AuditEntryView) => e.actor.email ?? e.actor.label ?? e.actor.kind;

/** The entry's details as `key: value` pairs (never secrets: the log does not hold any). */
export function auditSummary(e: AuditEntryView): string {
  const parts = Object.entries(e.details ?? {}).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  if (e.target && !e.orderCode) parts.unshift(`target: ${e.target}`);
  return parts.join('; ').slice(0, 300) || '–';
}

const localValue = (d: Date | undefined) => (d ? d.toISOString().slice(0, 16) : '');

/** The append-only audit log, filtered by order, actor, source and time (a GET form: shareable URLs). */
export function AuditPage(props: { session: ActiveSession; filter: AuditQueryInput; entries: AuditEntryView[]; limit: number }) {
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
          <input id="from" name="from" type="datetime-local" value={localValue(f.from)} />
        </div>
        <div class="field">
          <label for="to">To (UTC)</label>
          <input id="to" name="to" type="datetime-local" value={localValue(f.to)} />
        </div>
        <button class="button" type="submit">
          Search
        </button>
      </form>
      <ListCard
        label="Audit entries"
        caption={<>{props.entries.length === props.limit ? `The newest ${props.limit} matching entries` : `${props.entries.length} matching ${props.entries.length === 1 ? 'entry' : 'entries'}`}, newest first</>}
        columns={['When', 'Actor', 'Action', 'Order', 'Source', 'Details']}
        count={props.entries.length}
        empty="No entry matches."
      >
        {props.entries.map((e) => (
          <tr data-action={e.action}>
            <th scope="row">{when(e.at)}</th>
            <td>{auditActorName(e)}</td>
            <td>{e.action}</td>
            <td>{e.orderCode ? <a href={adminHref(`/shipments/${encodeURIComponent(e.orderCode)}`)}>{e.orderCode}</a> : '–'}</td>
            <td>{e.source}</td>
            <td>{auditSummary(e)}</td>
          </tr>
        ))}
      </ListCard>
    </AdminLayout>
  );
}
