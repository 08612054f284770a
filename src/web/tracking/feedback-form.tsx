import { fill } from '../i18n/i18n.js';
import type { TrackingView } from '../tracking-page-queries.js';
import type { PageContext } from './page-context.js';

/** After delivery: 1–5 rating (radio buttons, keyboard-friendly) and an optional comment, once per order. */
export function FeedbackForm(props: { view: TrackingView; ctx: PageContext; action: string; justSaved: boolean }) {
  const { view, ctx } = props;
  const { m } = ctx;
  if (view.status !== 'delivered') return null;
  return (
    <section class="card feedback" id="feedback" aria-labelledby="feedback-head">
      <h2 id="feedback-head">{m.feedback}</h2>
      {view.feedback ? (
        <p class="notice ok" role="status">
          {props.justSaved ? `${m.feedbackThanks} ` : ''}
          {fill(m.feedbackGiven, { rating: view.feedback.rating })}
        </p>
      ) : (
        <form method="post" action={props.action}>
          <fieldset class="stars">
            <legend>{m.rating}</legend>
            {m.stars.map((label, i) => (
              <span class="star">
                <input type="radio" id={`rating-${i + 1}`} name="rating" value={String(i + 1)} required />
                <label for={`rating-${i + 1}`}>
                  <span aria-hidden="true">{i + 1}★</span>
                  <span class="sr-only">{label}</span>
                </label>
              </span>
            ))}
          </fieldset>
          <div class="field">
            <label for="feedback-comment">{m.comment}</label>
            <textarea id="feedback-comment" name="comment" rows={3} maxlength={1000}></textarea>
          </div>
          <button type="submit" class="button">
            {m.send}
          </button>
        </form>
      )}
    </section>
  );
}
