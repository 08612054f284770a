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
  consecutiveFailures: number;
  /** ISO instant of the first failure of the episode. */
  since: string;
  /** The last error as our code recorded it (never the carrier's raw body: it may carry PII). */
  lastError: string;
  affectedShipments?: number;
  at: string;
}

/** An episode that ended: the shipment moved again, or the carrier answers again. */
export interface ResolvedAlert {
  kind: 'resolved';
  episode: 'stall' | 'poll_failures';
  /** What the episode was about: an order code or a carrier's name. */
  subject: string;
  /** ISO instants: when the episode began and ended. */
  since: string;
  at: string;
}

export type OperatorAlert = StallAlert | PollFailureAlert | ResolvedAlert;

/** An operator alert as e-mail (subject + text) and as one Slack-compatible `text`. */
export interface OperatorAlertContent {
  subject: string;
  text: string;
  /** Slack mrkdwn: one line with the essentials (Slack, Mattermost and Rocket.Chat accept `{text}`). */
  chatText: string;
}

function hoursBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 3_600_000));
}

/** Renders an operator alert (English: operators share one language). Pure. */
export function renderOperatorAlert(alert: OperatorAlert): OperatorAlertContent {
  switch (alert.kind) {
    case 'stall': {
      const hours = hoursBetween(alert.lastProgressAt, alert.at);
      const subject = `[order-tracking] Stalled: order ${alert.orderCode} (${alert.carrierName}) has not moved for ${hours} h`;
      const lines = [
        `Order ${alert.orderCode} has had no carrier progress for ${hours} hours.`,
        `Carrier: ${alert.carrierName}, tracking number ${alert.trackingNumber}`,
        `Last progress: ${alert.lastProgressAt}`,
        ...(alert.adminUrl ? [`Order: ${alert.adminUrl}`] : []),
        '',
        'You will get one more message when it moves again.',
      ];
      const link = alert.adminUrl ? ` <${alert.adminUrl}|open>` : '';
      return { subject, text: `${lines.join('\n')}\n`, chatText: `:warning: *Stalled* order ${alert.orderCode} (${alert.carrierName} ${alert.trackingNumber}): no progress for ${hours} h${link}` };
    }
    case 'poll_failures': {
      const subject = `[order-tracking] ${alert.carrierName} polling failing: ${alert.consecutiveFailures} failures in a row`;
      const lines = [
        `Tracking look-ups at ${alert.carrierName} failed ${alert.consecutiveFailures} times in a row since ${alert.since}.`,
        `Last error: ${alert.lastError}`,
        ...(alert.affectedShipments !== undefined ? [`Shipments waiting for news: ${alert.affectedShipments}`] : []),
        '',
        'Retries continue; you will get one more message when look-ups succeed again.',
      ];
      return { subject, text: `${lines.join('\n')}\n`, chatText: `:rotating_light: *${alert.carrierName} polling failing*: ${alert.consecutiveFailures} failures since ${alert.since} (last: ${alert.lastError})` };
    }
    case 'resolved': {
      const what = alert.episode === 'stall' ? `order ${alert.subject} is moving again` : `${alert.subject} polling works again`;
      const hours = hoursBetween(alert.since, alert.at);
      const subject = `[order-tracking] Resolved: ${what}`;
      const text = `Resolved: ${what} (episode began ${alert.since}, ended ${alert.at}, ${hours} h).\n`;
      return { subject, text, chatText: `:white_check_mark: *Resolved*: ${what} after ${hours} h` };
    }
  }
}
