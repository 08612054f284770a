import { fill } from '../i18n/i18n.js';
import { JourneyMap, journeyPins } from '../map/journey-map.js';
import type { TrackingView } from '../tracking-page-queries.js';
import { CarrierCard } from './carrier-card.js';
import { History } from './history.js';
import type { PageContext } from './page-context.js';
import { StatusCard } from './status-card.js';
import { Timeline } from './timeline.js';
import { situationOf } from './tracking-model.js';

/**
 * The part of the tracking view that changes with the parcel. The live stream sends this same fragment,
 * rendered on the server, and the client script swaps it in: one renderer for first load and updates.
 */
export function LiveRegion(props: { view: TrackingView; ctx: PageContext }) {
  const { view, ctx } = props;
  const situation = situationOf(view, ctx.now);
  const pins = journeyPins(view);
  const scans = pins.filter((p) => p.kind === 'scan').map((p) => p.label);
  const destination = pins.find((p) => p.kind === 'destination')?.label ?? '';
  return (
    <div id="live" data-revision={String(view.revision)}>
      <StatusCard view={view} ctx={ctx} situation={situation} />
      <section class="card progress" aria-labelledby="progress-head">
        <h2 id="progress-head" class="sr-only">
          {ctx.m.progress}
        </h2>
        <Timeline view={view} ctx={ctx} troubled={situation !== undefined && situation !== 'late'} />
      </section>
      <CarrierCard view={view} ctx={ctx} />
      {pins.length > 0 ? (
        <section class="card map-card" aria-labelledby="map-head">
          <h2 id="map-head">{ctx.m.map}</h2>
          <JourneyMap pins={pins} title={ctx.m.map} description={fill(ctx.m.mapDescription, { places: scans.join('; ') || '–', destination })} />
        </section>
      ) : null}
      <History view={view} ctx={ctx} />
    </div>
  );
}
