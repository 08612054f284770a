import type { Child } from 'hono/jsx';

/** A column heading: its text, and `num` for right-aligned figures. */
export type ListColumn = string | { text: string; num: true };

/**
 * A page's main list as a card: the empty text when there is nothing, otherwise a scrollable table (a
 * focusable region, so keyboard users can scroll it) with its caption and headings; the page renders the rows.
 */
export function ListCard(props: { label: string; caption?: Child; columns: ListColumn[]; count: number; empty: string; children: Child }) {
  if (props.count === 0) return <p class="card">{props.empty}</p>;
  return (
    <div class="card table-scroll" tabindex={0} role="region" aria-label={props.label}>
      <table>
        {props.caption === undefined ? <caption class="sr-only">{props.label}</caption> : <caption>{props.caption}</caption>}
        <thead>
          <tr>
            {props.columns.map((c) =>
              typeof c === 'string' ? (
                <th scope="col">{c}</th>
              ) : (
                <th scope="col" class="num">
                  {c.text}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}
