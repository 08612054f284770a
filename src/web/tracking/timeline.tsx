import { MILESTONES } from '../../domain/shipment-status.js';
import { dateTime } from '../format/dates.js';
import type { TrackingView } from '../tracking-page-queries.js';
import type { PageContext } from './page-context.js';
import { currentStepIndex } from './tracking-model.js';

/**
 * The five steps as an ordered list: screen readers hear "Shipped, current step"; the current step is
 * also marked with `aria-current` and drawn larger, not by colour alone.
 */
export function Timeline(props: { view: TrackingView; ctx: PageContext; troubled: boolean }) {
  const { view, ctx } = props;
  const current = currentStepIndex(view);
  return (
    <ol class={['steps', props.troubled ? 'troubled' : '', view.status === 'delivered' ? 'complete' : ''].filter(Boolean).join(' ')} aria-label={ctx.m.progress}>
      {MILESTONES.map((milestone, i) => {
        const state = i < current ? 'done' : i === current ? 'current' : 'todo';
        const at = view.milestoneAt[milestone];
        const hint = state === 'done' ? ctx.m.completedStep : state === 'current' ? ctx.m.currentStep : ctx.m.upcomingStep;
        return (
          <li class={`step ${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span class="dot" aria-hidden="true"></span>
            <span class="step-name">{ctx.m.milestones[milestone]}</span>
            <span class="sr-only">, {hint}</span>
            {at && state !== 'todo' ? <span class="step-at">{dateTime(at, ctx.m.locale, ctx.zone)}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}
