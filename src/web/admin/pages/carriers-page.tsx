import type { ActiveSession } from '../../../services/admin-auth/sessions.js';
import type { DeliveryPerformanceReport } from '../../../services/reports/report-types.js';
import { AdminLayout, adminHref } from './admin-layout.js';
import { ChartBox, ChartData, daySeconds, type ChartSpec } from './charts.js';
import { FIGURE_COLUMNS } from './figures-table.js';
import { PeriodForm, SyntheticNote, type Period } from './period-form.js';

const days = (h: number | null) => (h === null ? null : Math.round((h / 24) * 100) / 100);

/** Carriers side by side: figures as rows, carriers as columns; weekly on-time lines and per-carrier bars. */
export function CarriersPage(props: {
  session: ActiveSession;
  period: Period;
  byCarrier: DeliveryPerformanceReport;
  weekly: { carrierId: string; report: DeliveryPerformanceReport }[];
  synthetic: number;
  carrierName: (id: string) => string;
}) {
  const groups = props.byCarrier.groups;
  const labels = groups.map((g) => props.carrierName(g.key));
  const index = groups.map((_, i) => i);
  const weeks = [...new Set(props.weekly.flatMap((w) => w.report.groups.map((g) => g.key)))].sort();
  const charts: Record<string, ChartSpec> = {
    weekly: {
      kind: 'line',
      x: weeks.map(daySeconds),
      unit: '%',
      series: props.weekly.map((w) => ({
        label: props.carrierName(w.carrierId),
        values: weeks.map((week) => w.report.groups.find((g) => g.key === week)?.onTimeRate ?? null),
      })),
    },
    time: {
      kind: 'bars',
      x: index,
      labels,
      unit: 'd',
      series: [
        { label: 'Placed → delivered (avg days)', values: groups.map((g) => days(g.avgPlacedToDeliveredHours)) },
        { label: 'Hand-off → delivered (avg days)', values: groups.map((g) => days(g.avgHandoffToDeliveredHours)) },
      ],
    },
    trouble: {
      kind: 'bars',
      x: index,
      labels,
      unit: '',
      series: [
        { label: 'Delayed', values: groups.map((g) => g.delayed) },
        { label: 'Exceptions', values: groups.map((g) => g.exceptions) },
        { label: 'Returns', values: groups.map((g) => g.returns) },
      ],
    },
    rating: { kind: 'bars', x: index, labels, unit: '', yMax: 5, series: [{ label: 'Average rating (1–5)', values: groups.map((g) => g.avgRating) }] },
  };
  const csv = adminHref(`/carriers.csv?from=${props.period.from}&to=${props.period.to}`);
  return (
    <AdminLayout title="Carrier comparison" session={props.session} current="carriers" charts>
      <h1>Carrier comparison</h1>
      <PeriodForm action="/carriers" period={props.period} />
      <SyntheticNote count={props.synthetic} total={props.byCarrier.total.orders} />
      <p>
        <a class="button secondary" href={csv} download={`delivery-performance-${props.period.from}-${props.period.to}.csv`}>
          Download CSV
        </a>
      </p>
      <div class="charts">
        <ChartBox id="weekly" title="On-time rate per week" tableNote="The period's rate per carrier is in the table below." />
        <ChartBox id="time" title="Average delivery time (days)" tableNote="Averages and medians are in the table below." />
        <ChartBox id="trouble" title="Delayed, exceptions and returns" tableNote="Counts are in the table below." />
        <ChartBox id="rating" title="Customer feedback" tableNote="Average ratings and their counts are in the table below." />
      </div>
      <ChartData charts={charts} />
      <section class="card">
        <div class="table-scroll" tabindex={0} role="region" aria-label="Carriers side by side">
          <table class="compare">
            <caption>Carriers side by side</caption>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                {groups.map((g) => (
                  <th scope="col" class="num" data-carrier={g.key}>
                    {props.carrierName(g.key)}
                  </th>
                ))}
                <th scope="col" class="num">
                  All
                </th>
              </tr>
            </thead>
            <tbody>
              {FIGURE_COLUMNS.map((col) => (
                <tr>
                  <th scope="row">{col.label}</th>
                  {groups.map((g) => (
                    <td class="num">{col.value(g)}</td>
                  ))}
                  <td class="num">{col.value(props.byCarrier.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </AdminLayout>
  );
}
