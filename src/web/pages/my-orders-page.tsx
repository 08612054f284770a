import { dayInWords } from '../format/dates.js';
import { fill, type Language } from '../i18n/i18n.js';
import type { Messages } from '../i18n/messages-en.js';
import type { OrderSummary } from '../tracking-page-queries.js';
import { Layout } from './layout.js';

/** "My Orders" (TC001): newest first, tracking number and status, each linking to its tracking view. */
export function MyOrdersPage(props: { lang: Language; m: Messages; zone: string; orders: { summary: OrderSummary; href: string }[]; brand?: { name?: string; logoUrl?: string } }) {
  const { m } = props;
  return (
    <Layout lang={props.lang} m={m} title={m.myOrders} brand={props.brand}>
      <h1>{m.myOrders}</h1>
      {props.orders.length === 0 ? (
        <p class="card">{m.myOrdersEmpty}</p>
      ) : (
        <ul class="order-list">
          {props.orders.map(({ summary: o, href }) => (
            <li class="card order-row" data-order={o.orderCode}>
              <a class="order-link" href={href}>
                <span class="order-row-code">{fill(m.viewOrder, { code: o.orderCode })}</span>
              </a>
              <span class={`badge status-${o.status}`}>{m.headline[o.status]}</span>
              <dl class="order-facts">
                <div>
                  <dt class="sr-only">{m.placedOn.replace('{date}', '').trim()}</dt>
                  <dd>{fill(m.placedOn, { date: dayInWords(o.placedAt, m.locale, props.zone) })}</dd>
                </div>
                <div>
                  <dt>{m.carrier}</dt>
                  <dd>{o.carrier.name}</dd>
                </div>
                {o.trackingNumber ? (
                  <div>
                    <dt>{m.trackingNumber}</dt>
                    <dd class="tracking-number">{o.trackingNumber}</dd>
                  </div>
                ) : null}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
