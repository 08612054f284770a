/**
 * CarrierRecoveryWorkflow: one per carrier outage that ended (id from the outage, so a second start by
 * another worker is rejected). Tells operators the carrier answers again, asks each of the carrier's open
 * shipments to poll now at the configured rate (durable timers pace it, so a worker restart neither repeats
 * the whole list nor floods the carrier), waits for those polls to land, then re-evaluates the alerts held
 * during the outage.
 */
import { continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { CarrierRecoveryInput, CarrierRecoveryOutcome } from './carrier-recovery-messages.js';

const io = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Shipments read per page: one activity each, their signals then go out in paced batches. */
const PAGE_SIZE = 200;
/** Well below Temporal's limits; a catch-up over many thousand shipments continues as new. */
const HISTORY_LIMIT = 5_000;

export async function CarrierRecoveryWorkflow(input: CarrierRecoveryInput): Promise<CarrierRecoveryOutcome> {
  const { carrierId, pace } = input;
  if (!input.announced) {
    const openShipments = await io.countOpenShipments(carrierId);
    await io.sendOperatorAlert({ kind: 'carrier_outage', carrierId, episode: input.outageSince, state: 'resolved', endedAt: input.endedAt, openShipments });
  }
  let requested = input.requested ?? 0;
  let cursor = input.cursor;
  for (;;) {
    const page = await io.openShipmentsPage({ carrierId, ...(cursor ? { after: cursor } : {}), limit: PAGE_SIZE });
    for (let i = 0; i < page.codes.length; i += pace.batchSize) {
      requested += await io.requestCatchUpPolls({ orderCodes: page.codes.slice(i, i + pace.batchSize) });
      await sleep(pace.pauseMs);
    }
    if (!page.next) break;
    cursor = page.next;
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= HISTORY_LIMIT) {
      await continueAsNew<typeof CarrierRecoveryWorkflow>({ ...input, cursor, requested, announced: true });
    }
  }
  // The polls asked for run in the shipments' own workflows (with their retries): let them land first.
  await sleep(input.settleMs);
  const done = await io.completeCarrierRecovery({ carrierId, outageSince: input.outageSince, finishedAt: new Date(Date.now()).toISOString() });
  return { catchUpPolls: requested, ...done };
}
