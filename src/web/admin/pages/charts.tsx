/** One chart's data, as the chart script reads it from the page's JSON block. */
export interface ChartSpec {
  kind: 'line' | 'bars';
  /** Unix seconds (time axis), or 0..n-1 with `labels` (categories). */
  x: number[];
  labels?: string[];
  unit?: '%' | 'h' | 'd' | '';
  /** A fixed top of the value axis (e.g. 5 for ratings); bars otherwise start at zero. */
  yMax?: number;
  series: { label: string; values: (number | null)[] }[];
}

/**
 * The page's chart data as `<script type="application/json">`: not executed, so the CSP allows it; `<`
 * is escaped so no value can close the element.
 */
export function ChartData(props: { charts: Record<string, ChartSpec> }) {
  const json = JSON.stringify(props.charts).replace(/</g, '\\u003c');
  return <script type="application/json" id="chart-data" dangerouslySetInnerHTML={{ __html: json }}></script>;
}

/** A chart's frame: a heading, the drawing area (role img, described by the table named in `tableNote`). */
export function ChartBox(props: { id: string; title: string; tableNote: string }) {
  return (
    <section class="chart-box" aria-labelledby={`chart-${props.id}-title`}>
      <h2 id={`chart-${props.id}-title`}>{props.title}</h2>
      <div class="chart" data-chart={props.id} role="img" aria-label={`${props.title}. ${props.tableNote}`}>
        <p class="chart-fallback muted small">{props.tableNote}</p>
      </div>
    </section>
  );
}

/** Day keys (`2026-12-01`) to unix seconds at noon UTC, so bars sit in the middle of their day. */
export const daySeconds = (key: string) => Math.floor(Date.parse(`${key}T12:00:00Z`) / 1000);
