import type { ReportFigures } from '../../../services/reports/report-types.js';
import { count, hours, percent, rating } from '../format.js';

/** The report's columns, in the order the tables show them. */
export const FIGURE_COLUMNS: { label: string; value: (f: ReportFigures) => string }[] = [
  { label: 'Orders', value: (f) => count(f.orders) },
  { label: 'In flight', value: (f) => count(f.inFlight) },
  { label: 'Delivered', value: (f) => count(f.delivered) },
  { label: 'Avg placed → delivered', value: (f) => hours(f.avgPlacedToDeliveredHours) },
  { label: 'Median placed → delivered', value: (f) => hours(f.medianPlacedToDeliveredHours) },
  { label: 'Avg hand-off → delivered', value: (f) => hours(f.avgHandoffToDeliveredHours) },
  { label: 'Median hand-off → delivered', value: (f) => hours(f.medianHandoffToDeliveredHours) },
  { label: 'On time (vs promise)', value: (f) => percent(f.onTimeRate) },
  { label: 'Delayed', value: (f) => count(f.delayed) },
  { label: 'Exceptions', value: (f) => count(f.exceptions) },
  { label: 'Returns', value: (f) => count(f.returns) },
  { label: 'E-mail sent / failed', value: (f) => `${count(f.notifications.email.sent)} / ${count(f.notifications.email.failed)}` },
  { label: 'SMS sent / failed', value: (f) => `${count(f.notifications.sms.sent)} / ${count(f.notifications.sms.failed)}` },
  { label: 'Push sent / failed', value: (f) => `${count(f.notifications.push.sent)} / ${count(f.notifications.push.failed)}` },
  { label: 'Avg rating', value: (f) => (f.ratings ? `${rating(f.avgRating)} (${f.ratings})` : rating(null)) },
];

/** Rows = groups (carriers), columns = figures; the first column names the row. */
export function FiguresTable(props: { caption: string; rowHead: string; rows: { key: string; label: string; figures: ReportFigures }[]; extra?: { label: string; value: (key: string) => string }[] }) {
  const extra = props.extra ?? [];
  return (
    <div class="table-scroll" tabindex={0} role="region" aria-label={props.caption}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.rowHead}</th>
            {FIGURE_COLUMNS.map((col) => (
              <th scope="col" class="num">
                {col.label}
              </th>
            ))}
            {extra.map((col) => (
              <th scope="col" class="num">
                {col.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr data-row={row.key}>
              <th scope="row">{row.label}</th>
              {FIGURE_COLUMNS.map((col) => (
                <td class="num">{col.value(row.figures)}</td>
              ))}
              {extra.map((col) => (
                <td class="num">{col.value(row.key)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
