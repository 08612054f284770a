import type { ActiveSession } from '../../../services/admin-auth/sessions.js';
import type { DeliveryPerformanceReport, ReportFigures } from '../../../services/reports/report-types.js';
import { count, hours, percent, rating } from '../format.js';
import { AdminLayout } from './admin-layout.js';
import { ChartBox, ChartData, daySeconds, type ChartSpec } from './charts.js';
import { FiguresTable } from './figures-table.js';
import { PeriodForm, SyntheticNote, type Period } from './period-form.js';

/** ETA accuracy of one carrier (or all): purchase promise error and lateness, range coverage. */
export interface EtaFigures {
  n: number;
  promiseMaeDays: number;
  promiseLateRate: number;
  rangeCoverage: number | null;
}

function Kpi(props: { label: string; value: string; note?: string }) {
  return (
    <li class="kpi">
      <p class="kpi-label">{props.label}</p>
      <p class="kpi-value">{props.value}</p>
      {props.note ? <p class="kpi-note">{props.note}</p> : null}
    </li>
  );
}

const sentFailed = (f: ReportFigures, ch: 'email' | 'sms' | 'push') => `${count(f.notifications[ch].sent)} sent`;

/** The dashboard: the period's figures overall (tiles), per day (charts) and per carrier (table). */
export function DashboardPage(props: {
  session: ActiveSession;
  period: Period;
  byCarrier: DeliveryPerformanceReport;
  byDay: DeliveryPerformanceReport;
  eta: { total: EtaFigures | null; byCarrier: Map<string, EtaFigures> };
  synthetic: number;
  carrierName: (id: string) => string;
}) {
  const t = props.byCarrier.total;
  const days = props.byDay.groups;
  const charts: Record<string, ChartSpec> = {
    orders: { kind: 'bars', x: days.map((g) => daySeconds(g.key)), unit: '', series: [{ label: 'Orders', values: days.map((g) => g.orders) }] },
    ontime: {
      kind: 'line',
      x: days.map((g) => daySeconds(g.key)),
      unit: '%',
      series: [{ label: 'On time', values: days.map((g) => g.onTimeRate) }],
    },
  };
  const eta = props.eta.total;
  return (
    <AdminLayout title="Dashboard" session={props.session} current="dashboard" charts>
      <h1>Dashboard</h1>
      <PeriodForm action="/" period={props.period} />
      <SyntheticNote count={props.synthetic} total={t.orders} />
      <section aria-labelledby="overall">
        <h2 id="overall" class="sr-only">
          Whole period
        </h2>
        <ul class="kpis">
          <Kpi label="Orders" value={count(t.orders)} />
          <Kpi label="In flight" value={count(t.inFlight)} />
          <Kpi label="Delivered" value={count(t.delivered)} />
          <Kpi label="Placed → delivered" value={hours(t.avgPlacedToDeliveredHours)} note={`average; median ${hours(t.medianPlacedToDeliveredHours)}`} />
          <Kpi label="Hand-off → delivered" value={hours(t.avgHandoffToDeliveredHours)} note={`average; median ${hours(t.medianHandoffToDeliveredHours)}`} />
          <Kpi label="On time" value={percent(t.onTimeRate)} note={`of ${count(t.deliveredWithPromise)} delivered with a promise`} />
          <Kpi label="Delayed" value={count(t.delayed)} note={`${count(t.deliveredLate)} delivered late, ${count(t.openPastPromise)} open past promise`} />
          <Kpi label="Exceptions" value={count(t.exceptions)} />
          <Kpi label="Returns" value={count(t.returns)} />
          <Kpi label="E-mail" value={sentFailed(t, 'email')} note={`${count(t.notifications.email.failed)} failed`} />
          <Kpi label="SMS" value={sentFailed(t, 'sms')} note={`${count(t.notifications.sms.failed)} failed`} />
          <Kpi label="Push" value={sentFailed(t, 'push')} note={`${count(t.notifications.push.failed)} failed`} />
          <Kpi label="Feedback" value={rating(t.avgRating)} note={`${count(t.ratings)} ratings`} />
          <Kpi
            label="ETA accuracy"
            value={eta ? `±${eta.promiseMaeDays.toFixed(2)} d` : '–'}
            note={eta ? `promise error over ${count(eta.n)} deliveries; ${percent(eta.promiseLateRate)} late; range held ${percent(eta.rangeCoverage)}` : 'no scored deliveries yet'}
          />
        </ul>
      </section>
      <div class="charts">
        <ChartBox id="orders" title="Orders per day" tableNote="Per-carrier figures are in the table below." />
        <ChartBox id="ontime" title="On-time rate per day (orders placed that day)" tableNote="The period's rate is in the tiles above." />
      </div>
      <ChartData charts={charts} />
      <section class="card">
        <FiguresTable
          caption="Per carrier"
          rowHead="Carrier"
          rows={props.byCarrier.groups.map((g) => ({ key: g.key, label: props.carrierName(g.key), figures: g }))}
          extra={[
            { label: 'ETA promise error', value: (key) => (props.eta.byCarrier.get(key) ? `±${props.eta.byCarrier.get(key)!.promiseMaeDays.toFixed(2)} d` : '–') },
            { label: 'ETA late', value: (key) => percent(props.eta.byCarrier.get(key)?.promiseLateRate) },
          ]}
        />
      </section>
    </AdminLayout>
  );
}
