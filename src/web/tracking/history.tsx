import { dateTime, zoneName } from '../format/dates.js';
import { fill } from '../i18n/i18n.js';
import type { TrackingView, ViewEvent } from '../tracking-page-queries.js';
import type { PageContext } from './page-context.js';

const placeOf = (e: ViewEvent) => (e.location ? [e.location.city, e.location.region, e.location.country].filter(Boolean).join(', ') || e.location.text : undefined);

/** Scans newest first, times in the customer's zone (named once above the list). */
export function History(props: { view: TrackingView; ctx: PageContext }) {
  const { ctx } = props;
  const { m } = ctx;
  const events = [...props.view.events].sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
  return (
    <section class="card history" aria-labelledby="history-head">
      <h2 id="history-head">{m.history}</h2>
      {events.length === 0 ? (
        <p class="muted">{m.historyEmpty}</p>
      ) : (
        <>
          <p class="muted small">{fill(m.timesIn, { zone: zoneName(m.locale, ctx.zone, ctx.now) })}</p>
          <ol class="events">
            {events.map((e, i) => {
              const place = placeOf(e);
              return (
                <li class={i === 0 ? 'event latest' : 'event'}>
                  <time datetime={e.occurredAt}>{dateTime(e.occurredAt, m.locale, ctx.zone)}</time>
                  <span class="event-text">{e.description || m.headline[e.status]}</span>
                  {place ? <span class="event-place">{place}</span> : null}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
