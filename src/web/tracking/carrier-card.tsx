import { fill } from '../i18n/i18n.js';
import type { TrackingView } from '../tracking-page-queries.js';
import type { PageContext } from './page-context.js';

/** Carrier name and logo, the tracking number (selectable), and a link to the carrier's own page (TC005). */
export function CarrierCard(props: { view: TrackingView; ctx: PageContext }) {
  const { view, ctx } = props;
  const { m } = ctx;
  const { carrier } = view;
  return (
    <section class="card carrier" aria-labelledby="carrier-head">
      <h2 id="carrier-head" class="sr-only">
        {m.carrier}
      </h2>
      <img class="carrier-logo" src={carrier.logoUrl} alt="" width="64" height="32" />
      <dl class="carrier-facts">
        <div>
          <dt>{m.carrier}</dt>
          <dd class="carrier-name">{carrier.name}</dd>
        </div>
        {view.trackingNumber ? (
          <div>
            <dt>{m.trackingNumber}</dt>
            <dd class="tracking-number">{view.trackingNumber}</dd>
          </div>
        ) : null}
      </dl>
      {view.carrierNotice === 'carrier_outage' ? (
        <p class="notice warn carrier-notice" role="note">
          {fill(m.carrierOutage, { carrier: carrier.name })}
        </p>
      ) : null}
      {carrier.trackingUrl && view.trackingNumber ? (
        <a class="button secondary carrier-link" href={carrier.trackingUrl} target="_blank" rel="noopener noreferrer">
          {fill(m.carrierLink, { carrier: carrier.name })}
          <span class="sr-only"> {m.opensNewTab}</span>
        </a>
      ) : null}
    </section>
  );
}
