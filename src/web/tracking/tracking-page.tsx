import { fill } from '../i18n/i18n.js';
import { maskName } from '../../domain/contact-mask.js';
import { Layout } from '../pages/layout.js';
import type { TrackingView } from '../tracking-page-queries.js';
import { FeedbackForm } from './feedback-form.js';
import { LiveRegion } from './live-region.js';
import type { PageContext } from './page-context.js';
import { PreferencesForm, type UnsavedPreferences } from './preferences-form.js';

export interface TrackingPageProps {
  view: TrackingView;
  ctx: PageContext;
  /** Base path of this order's token URL (`/t/<token>`), for forms and the live stream. */
  base: string;
  saved?: 'preferences' | 'feedback';
  /** A preferences change that could not be saved (the workflow service was unreachable). */
  unsavedPreferences?: UnsavedPreferences;
  pushKey?: string;
  brand?: { name?: string; logoUrl?: string };
}

/** The whole tracking view: live part first (what a customer came for), then order facts and forms. */
export function TrackingPage(props: TrackingPageProps) {
  const { view, ctx } = props;
  const { m } = ctx;
  const dest = [view.destination.city, view.destination.region, view.destination.country].filter(Boolean).join(', ');
  return (
    <Layout lang={ctx.lang} m={m} title={`${m.headline[view.status]} · ${fill(m.orderTitle, { code: view.orderCode })}`} brand={props.brand}>
      <div class="live-bar" data-live-url={`${props.base}/events`} data-revision={String(view.revision)}>
        <p class="order-code">{fill(m.orderTitle, { code: view.orderCode })}</p>
        <p class="live-note muted small" role="status" data-updated-text={m.updated} hidden>
          {m.live}
        </p>
      </div>
      {props.unsavedPreferences ? (
        // At the top too: a form post without script lands at the top of the page, far from the form.
        <p class="notice bad" role="alert">
          {m.preferencesUnavailable} <a href="#preferences">{m.preferences}</a>
        </p>
      ) : null}
      <LiveRegion view={view} ctx={ctx} />
      <section class="card order" aria-labelledby="order-head">
        <h2 id="order-head">{m.items}</h2>
        <ul class="items">
          {view.items.map((item) => (
            <li>
              <span class="qty">{item.quantity}×</span> {item.name}
            </li>
          ))}
        </ul>
        <p class="muted">
          {m.deliverTo}: {view.contact.name ? `${maskName(view.contact.name)}, ` : ''}
          {dest}
        </p>
      </section>
      <FeedbackForm view={view} ctx={ctx} action={`${props.base}/feedback`} justSaved={props.saved === 'feedback'} />
      <PreferencesForm view={view} ctx={ctx} action={`${props.base}/preferences`} saved={props.saved === 'preferences'} pushEnabled={Boolean(props.pushKey)} pushKey={props.pushKey} unsaved={props.unsavedPreferences} />
    </Layout>
  );
}
