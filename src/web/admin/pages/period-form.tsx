import { count } from '../format.js';
import { adminHref } from './admin-layout.js';

/** A chosen period: `from` and `to` are inclusive UTC days. */
export interface Period {
  from: string;
  to: string;
  error?: string;
}

/** From/to date fields (a GET form: the period is part of the URL, so it can be shared). */
export function PeriodForm(props: { action: string; period: Period }) {
  return (
    <form class="filters card" method="get" action={adminHref(props.action)}>
      <div class="field">
        <label for="from">From</label>
        <input id="from" name="from" type="date" value={props.period.from} required />
      </div>
      <div class="field">
        <label for="to">To (inclusive)</label>
        <input id="to" name="to" type="date" value={props.period.to} required />
      </div>
      <button class="button" type="submit">
        Show
      </button>
      {props.period.error ? (
        <p class="notice bad" role="alert">
          {props.period.error}
        </p>
      ) : null}
    </form>
  );
}

/** Says how much of the period is the labelled synthetic demo history. */
export function SyntheticNote(props: { count: number; total: number }) {
  if (props.count === 0) return null;
  return (
    <p class="synthetic" data-synthetic={String(props.count)}>
      <strong>Synthetic data:</strong> {count(props.count)} of these {count(props.total)} orders are the labelled synthetic demo history (order codes SYN-…),
      seeded so the charts are not empty. They are not real deliveries.
    </p>
  );
}
