import { dayInWords, shortDay } from '../format/dates.js';
import { fill } from '../i18n/i18n.js';
import type { Situation } from '../i18n/messages-en.js';
import type { TrackingView } from '../tracking-page-queries.js';
import type { PageContext } from './page-context.js';
import { isLate, toneOf } from './tracking-model.js';

/** The delivery date in words, its range, or "late" said plainly. */
function Eta(props: { view: TrackingView; ctx: PageContext }) {
  const { view, ctx } = props;
  const { m } = ctx;
  if (view.deliveredAt) return <p class="eta-main">{fill(m.deliveredOn, { date: dayInWords(view.deliveredAt, m.locale, ctx.zone) })}</p>;
  if (view.status === 'cancelled' || view.status === 'returned_to_sender') return null;
  const day = view.estimate?.date ?? view.estimate?.latest ?? view.promisedDate;
  if (!day) return <p class="eta-none">{m.etaUnknown}</p>;
  const late = isLate(view, ctx.now);
  const range =
    view.estimate?.earliest && view.estimate.latest && view.estimate.earliest.slice(0, 10) !== view.estimate.latest.slice(0, 10)
      ? fill(m.etaBetween, { from: shortDay(view.estimate.earliest, m.locale, ctx.zone), to: shortDay(view.estimate.latest, m.locale, ctx.zone) })
      : undefined;
  return (
    <div class="eta">
      <p class="eta-label">{m.eta}</p>
      <p class="eta-main">{dayInWords(day, m.locale, ctx.zone)}</p>
      {range ? <p class="eta-range">{range}</p> : null}
      {late && view.promisedDate ? <p class="eta-late">{fill(m.lateBy, { date: dayInWords(view.promisedDate, m.locale, ctx.zone) })}</p> : null}
    </div>
  );
}

/** Headline, what happened and what the customer can do, and the delivery date. */
export function StatusCard(props: { view: TrackingView; ctx: PageContext; situation: Situation | undefined }) {
  const { view, ctx, situation } = props;
  const tone = toneOf(view, situation);
  const [what, action] = situation ? ctx.m.situations[situation] : [undefined, undefined];
  return (
    <section class={`card status tone-${tone}`} aria-labelledby="status-headline">
      <h1 id="status-headline">
        <span class={`icon icon-${tone}`} aria-hidden="true"></span>
        {ctx.m.headline[view.status]}
      </h1>
      {situation ? (
        <div class="situation" role={tone === 'bad' ? 'alert' : undefined}>
          <p>{what}</p>
          <h2 class="small-head">{ctx.m.whatYouCanDo}</h2>
          <p>{action}</p>
        </div>
      ) : null}
      <Eta view={view} ctx={ctx} />
    </section>
  );
}
