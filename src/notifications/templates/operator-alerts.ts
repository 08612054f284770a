import { durationWords } from '../../domain/carrier-health.js';

/** A shipment with no carrier progress for the stall threshold (72 h by default). */
export interface StallAlert {
  kind: 'stall';
  orderCode: string;
  carrierName: string;
  trackingNumber: string;
  /** ISO instant of the last accepted progress. */
  lastProgressAt: string;
  /** ISO instant the alert is raised at (passed in: templates never read the clock). */
  at: string;
  /** Admin page of the order, when the API has a public base URL. */
  adminUrl?: string;
}

/** Repeated failures polling one carrier. */
export interface PollFailureAlert {
  kind: 'poll_failures';
  carrierName: string;
  /** The shipment whose look-ups fail, when the episode is one shipment's. */
  orderCode?: string;
  consecutiveFailures: number;
  /** ISO instant of the first failure of the episode. */
  since: string;
  /** The last error as our code recorded it (never the carrier's raw body: it may carry PII). */
  lastError: string;
  affectedShipments?: number;
  at: string;
}

/** A carrier whose look-ups keep failing across shipments: one alert instead of a stall alert per parcel. */
export interface CarrierOutageAlert {
  kind: 'carrier_outage';
  carrierName: string;
  /** ISO instant the outage was declared. */
  since: string;
  consecutiveFailures: number;
  lastError: string;
  /** Whether the client's circuit breaker had opened. */
  circuitOpen: boolean;
  at: string;
}

/** An episode that ended: the shipment moved again, its look-ups work again, or the carrier answers again. */
export interface ResolvedAlert {
  kind: 'resolved';
  episode: 'stall' | 'poll_failures' | 'carrier_outage';
  /** What the episode was about: an order code (stall, poll failures) or a carrier's name (outage). */
  subject: string;
  /** ISO instants: when the episode began and ended. */
  since: string;
  at: string;
  /** Outage only: the carrier's open shipments now polled to catch up. */
  openShipments?: number;
}

export type OperatorAlert = StallAlert | PollFailureAlert | CarrierOutageAlert | ResolvedAlert;

/** An operator alert as e-mail (subject + text) and as one Slack-compatible `text`. */
export interface OperatorAlertContent {
  subject: string;
  text: string;
  /** Slack mrkdwn: one line with the essentials (Slack, Mattermost and Rocket.Chat accept `{text}`). */
  chatText: string;
}

/**
 * How long a shipment has not moved, as operators read it: whole hours, or minutes under an hour (in dev the
 * stall threshold is 72 h of simulator time, a few real minutes, which read "0 h" before).
 */
function stalledFor(from: string, to: string): string {
  const ms = Math.max(0, Date.parse(to) - Date.parse(from));
  return ms < 3_600_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 3_600_000)} h`;
}

/** Renders an operator alert (English: operators share one language). Pure. */
export function renderOperatorAlert(alert: OperatorAlert): OperatorAlertContent {
  switch (alert.kind) {
    case 'stall': {
      const age = stalledFor(alert.lastProgressAt, alert.at);
      const subject = `[order-tracking] Stalled: order ${alert.orderCode} (${alert.carrierName}) has not moved for ${age}`;
      const lines = [
        `Order ${alert.orderCode} has had no carrier progress for ${age}.`,
        `Carrier: ${alert.carrierName}, tracking number ${alert.trackingNumber}`,
        `Last progress: ${alert.lastProgressAt}`,
        ...(alert.adminUrl ? [`Order: ${alert.adminUrl}`] : []),
        '',
        'You will get one more message when it moves again.',
      ];
      const link = alert.adminUrl ? ` <${alert.adminUrl}|open>` : '';
      return { subject, text: `${lines.join('\n')}\n`, chatText: `:warning: *Stalled* order ${alert.orderCode} (${alert.carrierName} ${alert.trackingNumber}): no progress for ${age}${link}` };
    }
    case 'poll_failures': {
      const of = alert.orderCode ? ` for order ${alert.orderCode}` : '';
      const subject = `[order-tracking] ${alert.carrierName} polling failing${of}: ${alert.consecutiveFailures} failures in a row`;
      const lines = [
        `Tracking look-ups at ${alert.carrierName}${of} failed ${alert.consecutiveFailures} times in a row since ${alert.since}.`,
        `Last error: ${alert.lastError}`,
        ...(alert.affectedShipments !== undefined ? [`Shipments waiting for news: ${alert.affectedShipments}`] : []),
        '',
        'Retries continue; you will get one more message when look-ups succeed again.',
      ];
      return { subject, text: `${lines.join('\n')}\n`, chatText: `:rotating_light: *${alert.carrierName} polling failing*${of}: ${alert.consecutiveFailures} failures since ${alert.since} (last: ${alert.lastError})` };
    }
    case 'carrier_outage': {
      const subject = `[order-tracking] ${alert.carrierName} outage: tracking look-ups keep failing`;
      const lines = [
        `Tracking look-ups at ${alert.carrierName} have failed ${alert.consecutiveFailures} times in a row, across shipments, since ${alert.since}.`,
        `Last error: ${alert.lastError}${alert.circuitOpen ? ' (circuit breaker open)' : ''}`,
        '',
        `Stall and poll-failure alerts for ${alert.carrierName} shipments are held during the outage; customers' tracking pages say updates may be late.`,
        'You will get one more message when the carrier answers again; its open shipments are then polled to catch up and held alerts re-evaluated.',
      ];
      return { subject, text: `${lines.join('\n')}\n`, chatText: `:rotating_light: *${alert.carrierName} outage*: look-ups failing since ${alert.since} (last: ${alert.lastError}); stall alerts held` };
    }
    case 'resolved': {
      const what =
        alert.episode === 'stall'
          ? `order ${alert.subject} is moving again`
          : alert.episode === 'poll_failures'
            ? `tracking look-ups for order ${alert.subject} work again`
            : `${alert.subject} answers tracking look-ups again`;
      const lasted = durationWords(Date.parse(alert.at) - Date.parse(alert.since));
      const catchUp = alert.openShipments !== undefined ? ` ${alert.openShipments} open shipments are being polled to catch up; held alerts that still apply follow.` : '';
      const subject = `[order-tracking] Resolved: ${what} (after ${lasted})`;
      const text = `Resolved: ${what} after ${lasted} (episode began ${alert.since}, ended ${alert.at}).${catchUp}\n`;
      return { subject, text, chatText: `:white_check_mark: *Resolved*: ${what} after ${lasted}` };
    }
  }
}
