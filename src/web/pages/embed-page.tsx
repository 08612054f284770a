import { fill } from '../i18n/i18n.js';
import { Layout } from './layout.js';
import { StatusCard } from '../tracking/status-card.js';
import { Timeline } from '../tracking/timeline.js';
import type { PageContext } from '../tracking/page-context.js';
import { situationOf } from '../tracking/tracking-model.js';
import type { TrackingView } from '../tracking-page-queries.js';

/** The compact view for a shop's iframe: status, date, steps and a link to the full page. */
export function EmbedPage(props: { view: TrackingView; ctx: PageContext; fullHref: string; themeHref?: string; brand?: { name?: string; logoUrl?: string } }) {
  const { view, ctx } = props;
  const situation = situationOf(view, ctx.now);
  return (
    <Layout lang={ctx.lang} m={ctx.m} title={fill(ctx.m.orderTitle, { code: view.orderCode })} compact themeHref={props.themeHref}>
      {props.brand?.name || props.brand?.logoUrl ? (
        <p class="embed-brand">
          {props.brand.logoUrl ? <img src={props.brand.logoUrl} alt="" width="24" height="24" /> : null}
          {props.brand.name}
        </p>
      ) : null}
      <StatusCard view={view} ctx={ctx} situation={situation} />
      <section class="card" aria-label={ctx.m.progress}>
        <Timeline view={view} ctx={ctx} troubled={situation !== undefined && situation !== 'late'} />
      </section>
      <p>
        <a href={props.fullHref} target="_blank" rel="noopener">
          {fill(ctx.m.orderTitle, { code: view.orderCode })} →<span class="sr-only"> {ctx.m.opensNewTab}</span>
        </a>
      </p>
    </Layout>
  );
}
