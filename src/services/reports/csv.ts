import { REPORT_CHANNELS, type DeliveryPerformanceReport, type ReportFigures } from './report-types.js';

export type CsvCell = string | number | null | undefined;

/**
 * One CSV field per RFC 4180: quoted when it holds a comma, a quote, CR or LF (quotes doubled). Text
 * starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, so a spreadsheet shows it instead of
 * running it as a formula (OWASP's CSV-injection advice). Numbers are written as numbers; null is `n/a`.
 */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return 'n/a';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'n/a';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows to CSV text: CRLF between records and after the last (RFC 4180). */
export function toCsv(rows: CsvCell[][]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const COLUMNS: [string, (f: ReportFigures) => CsvCell][] = [
  ['orders', (f) => f.orders],
  ['in_flight', (f) => f.inFlight],
  ['delivered', (f) => f.delivered],
  ['avg_placed_to_delivered_h', (f) => f.avgPlacedToDeliveredHours],
  ['median_placed_to_delivered_h', (f) => f.medianPlacedToDeliveredHours],
  ['avg_handoff_to_delivered_h', (f) => f.avgHandoffToDeliveredHours],
  ['median_handoff_to_delivered_h', (f) => f.medianHandoffToDeliveredHours],
  ['delivered_with_promise', (f) => f.deliveredWithPromise],
  ['on_time_rate', (f) => f.onTimeRate],
  ['delayed', (f) => f.delayed],
  ['delivered_late', (f) => f.deliveredLate],
  ['open_past_promise', (f) => f.openPastPromise],
  ['exceptions', (f) => f.exceptions],
  ['returns', (f) => f.returns],
  ...REPORT_CHANNELS.flatMap((c): [string, (f: ReportFigures) => CsvCell][] => [
    [`${c}_sent`, (f) => f.notifications[c].sent],
    [`${c}_failed`, (f) => f.notifications[c].failed],
  ]),
  ['avg_rating', (f) => f.avgRating],
  ['ratings', (f) => f.ratings],
];

/** The report as CSV: a header, one row per group, and a last row `total`. */
export function renderReportCsv(report: DeliveryPerformanceReport): string {
  const header = [report.groupBy, ...COLUMNS.map(([name]) => name)];
  const line = (key: string, f: ReportFigures) => [key, ...COLUMNS.map(([, get]) => get(f))];
  return toCsv([header, ...report.groups.map((g) => line(g.key, g)), line('total', report.total)]);
}
