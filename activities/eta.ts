import type { EtaService } from '../ml/eta-service.js';
import { laneKey } from '../ml/purchase-input.js';
import type { EtaOutcomeRepository } from '../src/db/eta-outcomes/repository.js';
import type { EtaRevisionRepository } from '../src/db/eta-revisions/repository.js';
import type { EstimatedDelivery, OrderEtaState } from '../src/db/orders/order-record.js';
import type { OrderRepository } from '../src/db/orders/repository.js';
import type { ProjectionInput } from '../src/db/shipments/projection-input.js';
import { calendarDate } from '../src/eta/calendar-date.js';
import { purchaseInput } from '../src/eta/order-eta-input.js';
import type { Logger } from '../src/observability/logger.js';
import { etaStep, STAGE_RANK } from './eta-stage.js';

export interface EtaRevisionDeps {
  orders: OrderRepository;
  revisions: EtaRevisionRepository;
  outcomes: EtaOutcomeRepository;
  eta: EtaService;
  logger: Logger;
  now: () => Date;
}

/** Orders whose ETA state this process wrote last (a few hundred bytes each). */
const REMEMBERED_ORDERS = 20_000;

/** What `estimateFor` decided, and the order it decided from (the projection write takes its report facts from it). */
export interface EtaDecision {
  /** The estimate the projection writes: a revised one, `keep`, or undefined (the carrier's own date, as before). */
  estimate: EstimatedDelivery | 'keep' | undefined;
  order: OrderEtaState | null;
}

/**
 * The ETA side of a revision's read-model write (called from `writeReadModel`, an activity: the service
 * reads model files, so never from workflow code). Returns what the projection writes as the order's
 * estimate: a revised one, `keep` (leave it), or undefined for orders placed before the ETA was wired
 * (the carrier's own date, as before).
 */
export function createEtaRevisions(deps: EtaRevisionDeps) {
  // The order's ETA state at the revision this process's last write of it stored: the next revision's write
  // (revisions of an order come one at a time, each one more than the last) starts from it instead of
  // reading the order, one read fewer per carrier event. Only a state this process's write stored is kept,
  // and only for the revision right after it: anything written by another worker in between has a newer
  // revision, which is then read.
  const remembered = new Map<string, OrderEtaState>();

  async function stateFor(p: ProjectionInput): Promise<OrderEtaState | null> {
    const known = remembered.get(p.orderCode);
    // Used once: a write that fails after the order took its revision is retried from a read of the order.
    remembered.delete(p.orderCode);
    if (known?.revision === p.revision - 1) return known;
    return deps.orders.findEtaState(p.orderCode);
  }


  async function recordDelivery(order: OrderEtaState, current: EstimatedDelivery, p: ProjectionInput, deliveredAt: string): Promise<void> {
    const input = purchaseInput(order.etaInput!, order.code);
    const first = order.etaAtPurchase ?? current;
    const handedOverAt = p.milestoneAt.shipped;
    const stored = await deps.outcomes.record(
      {
        orderCode: order.code,
        carrierId: order.carrierId,
        lane: laneKey(input),
        atPurchase: { date: first.date!, ...dates(first), promise: current.promisedDate! },
        last: { date: current.date!, ...dates(current), ...(current.arrivesBy ? { promise: current.arrivesBy } : {}) },
        actualDate: calendarDate(deliveredAt, input.customerTimeZone),
        ...(current.source ? { source: current.source } : {}),
        ...(current.modelVersion ? { modelVersion: current.modelVersion } : {}),
        placedAt: order.placedAt,
        ...(handedOverAt ? { handedOverAt } : {}),
        deliveredAt,
        input: order.etaInput!,
      },
      deps.now(),
    );
    // Once per delivery (a retried activity finds it stored): it feeds this process's lane history.
    if (stored) deps.eta.recordDelivery({ input, deliveredAt, ...(handedOverAt ? { handedOverAt } : {}) });
  }

  async function decide(p: ProjectionInput, order: OrderEtaState | null): Promise<EstimatedDelivery | 'keep' | undefined> {
    const current = order?.estimatedDelivery;
    if (!order?.etaInput || !current?.date || !current.promisedDate) return undefined;
    // Stale, or a retry of a write that went through: the order's revision guard refuses it anyway.
    if (order.revision >= p.revision) return 'keep';
    const step = etaStep(p, order.shippingAddress);
    if (step.kind === 'delivered') {
      await recordDelivery(order, current, p, step.at);
      return 'keep';
    }
    if (step.kind === 'none') return 'keep';
    // A stage is not left for an earlier one, except out for delivery: back at the depot or after a
    // failed attempt, the parcel is still in the region and the next business day is the plan.
    let stage = step.stage;
    if (current.stage && STAGE_RANK[current.stage] > STAGE_RANK[stage]) stage = current.stage === 'out_for_delivery' ? 'in_destination_region' : current.stage;
    const input = purchaseInput(order.etaInput, order.code);
    const carrierDate = p.carrierEta?.date.slice(0, 10);
    const today = calendarDate(step.at, input.customerTimeZone);
    const due = stage !== current.stage || (carrierDate !== undefined && carrierDate !== current.carrierDate) || current.date < today;
    if (!due) return 'keep';
    let r;
    try {
      r = deps.eta.revise(
        input,
        { promise: current.arrivesBy ?? current.promisedDate, likely: current.date, low: current.earliest ?? current.date, high: current.latest ?? current.date },
        { stage, at: step.at, ...(carrierDate ? { carrierEta: carrierDate } : {}) },
      );
    } catch (err) {
      // A bad carrier date must not hold the projection back (retrying would not fix it).
      deps.logger.warn('eta revision failed; the estimate stays', { orderCode: p.orderCode, err });
      return 'keep';
    }
    const next: EstimatedDelivery = {
      date: r.likely,
      earliest: r.low,
      latest: r.high,
      arrivesBy: r.promise,
      promisedDate: current.promisedDate,
      source: r.source,
      modelVersion: r.modelVersion,
      stage,
      ...(carrierDate ? { carrierDate } : {}),
      revisedAt: step.at,
      ...(r.changed ? { reasonCode: r.reasonCode, reason: r.reason } : pick(current)),
    };
    if (r.changed) {
      await deps.revisions.record({
        orderCode: p.orderCode,
        revision: p.revision,
        stage,
        reasonCode: r.reasonCode,
        reason: r.reason,
        at: step.at,
        from: { date: current.date, ...dates(current), ...(current.arrivesBy ? { arrivesBy: current.arrivesBy } : {}) },
        to: { date: r.likely, earliest: r.low, latest: r.high, arrivesBy: r.promise },
        ...(carrierDate ? { carrierDate } : {}),
        source: r.source,
        modelVersion: r.modelVersion,
        recordedAt: deps.now().toISOString(),
      });
    }
    return next;
  }

  return {
    async estimateFor(p: ProjectionInput): Promise<EtaDecision> {
      const order = await stateFor(p);
      return { estimate: await decide(p, order), order };
    },

    /**
     * After the projection write: `orderStored` says whether this write stored the order's revision (not a
     * retry of one that had, nor a stale one). Orders without a model estimate (placed before the ETA was
     * wired) are read every time: the write takes the carrier's date for them, which is not worth mirroring.
     */
    written(p: ProjectionInput, decision: EtaDecision, orderStored: boolean): void {
      const { order, estimate } = decision;
      if (!orderStored || !order || estimate === undefined) return;
      if (remembered.size >= REMEMBERED_ORDERS) remembered.delete(remembered.keys().next().value!);
      remembered.set(p.orderCode, { ...order, revision: p.revision, ...(estimate === 'keep' ? {} : { estimatedDelivery: estimate }) });
    },
  };
}

export type EtaRevisions = ReturnType<typeof createEtaRevisions>;

function dates(e: EstimatedDelivery): { earliest?: string; latest?: string } {
  return { ...(e.earliest ? { earliest: e.earliest } : {}), ...(e.latest ? { latest: e.latest } : {}) };
}

/** The last reason that moved the date stays until another revision moves it. */
function pick(e: EstimatedDelivery): Pick<EstimatedDelivery, 'reasonCode' | 'reason'> {
  return { ...(e.reasonCode ? { reasonCode: e.reasonCode } : {}), ...(e.reason ? { reason: e.reason } : {}) };
}
