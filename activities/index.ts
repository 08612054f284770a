import type { Client } from '@temporalio/client';
import type { DbConnection as Connection } from '../src/db/connection.js';
import type { AppConfig } from '../src/config/load-config.js';
import type { CarrierRegistry } from '../src/carriers/registry.js';
import { createCarrierRegistryFromConfig } from '../src/carriers/registry-from-config.js';
import { createAlertRepository } from '../src/db/alerts/repository.js';
import { createFeedbackRepository } from '../src/db/feedback/repository.js';
import { createNotificationRepository } from '../src/db/notifications/repository.js';
import { createOrderRepository } from '../src/db/orders/repository.js';
import { createProjectionRepository } from '../src/db/shipments/projection-repository.js';
import { createEtaOutcomeRepository } from '../src/db/eta-outcomes/repository.js';
import { createEtaRevisionRepository } from '../src/db/eta-revisions/repository.js';
import { etaServiceFromConfig } from '../src/eta/eta-from-config.js';
import type { EtaService } from '../ml/eta-service.js';
import { createEtaRevisions } from './eta.js';
import type { Logger } from '../src/observability/logger.js';
import { createCarrierActivities } from './carrier.js';
import { createProjectionActivities } from './projection.js';
import { createCustomerRepository } from '../src/db/customers/repository.js';
import { createNotificationPreferenceRepository } from '../src/db/notification-preferences/repository.js';
import { createPushSubscriptionRepository } from '../src/db/push-subscriptions/repository.js';
import { createChannelRegistry, type ChannelRegistry } from '../src/notifications/all.js';
import { createOperatorAlertSender } from '../src/notifications/operators/operator-alerts.js';
import { createSmtpTransport } from '../src/notifications/email/smtp-transport.js';
import { createFollowUpWorkflows } from './follow-up-workflows.js';
import { createNotifyActivities } from './notify.js';
import { createOperatorAlertActivities } from './operator-alerts.js';
import { createCarrierHealthRepository } from '../src/db/carrier-health/repository.js';
import { createOpenShipmentPages } from '../src/db/carrier-health/open-shipments.js';
import { catchUpPace } from '../src/domain/carrier-health.js';
import { createCarrierHealthFeed } from './carrier-health-feed.js';
import { createCarrierRecoveryActivities } from './carrier-recovery.js';

export interface ActivityDeps {
  mongo: Connection;
  logger: Logger;
  config: AppConfig;
  /** Configured carriers; defaults to the ones whose credentials the config holds. */
  carriers?: CarrierRegistry;
  now?: () => Date;
  /** The worker's ETA service; default: one built from the config (ETA_*), loaded at start. */
  eta?: EtaService;
  /**
   * Starts NotificationWorkflows and OperatorAlertWorkflows from the read-model write. Without it requests
   * are only recorded (no test or tool that builds activities without a client sends anything).
   */
  temporal?: Client;
  /** Signs an order's tracking-page link for messages (src/web's signer, given by the process). */
  trackingPageUrl?: (orderCode: string) => string;
  /** Notification channels; defaults to the ones the config holds. */
  channels?: ChannelRegistry;
}

/** All activities of the worker, built from real dependencies (tests pass real local servers, not mocks). */
export function createActivities(deps: ActivityDeps) {
  const now = deps.now ?? (() => new Date());
  const orders = createOrderRepository(deps.mongo);
  const notifications = createNotificationRepository(deps.mongo);
  const alerts = createAlertRepository(deps.mongo);
  const followUps = deps.temporal ? createFollowUpWorkflows(deps.temporal, deps.config.temporal.taskQueue) : undefined;
  const n = deps.config.notifications;
  const smtp = n.channels.email;
  const channels = deps.channels ?? createChannelRegistry(n.channels);
  const carrierHealth = createCarrierHealthRepository(deps.mongo);
  const outage = deps.config.carrierHealth;
  const notify = createNotifyActivities({
    notifications,
    orders,
    customers: createCustomerRepository(deps.mongo),
    preferences: createNotificationPreferenceRepository(deps.mongo),
    pushSubscriptions: createPushSubscriptionRepository(deps.mongo),
    channels,
    settings: {
      shopName: n.shopName,
      publicBaseUrl: deps.config.http.publicBaseUrl,
      unsubscribeSecret: n.unsubscribeSecret,
      // The same signed, expiring link the API hands out, when the process gave its signer.
      ...(deps.trackingPageUrl ? { trackingPageUrl: deps.trackingPageUrl } : {}),
    },
    ...(followUps ? { startNotification: followUps.startNotification } : {}),
    logger: deps.logger,
    now,
  });
  return {
    ...createProjectionActivities({
      projections: createProjectionRepository(deps.mongo),
      notifications,
      alerts,
      feedback: createFeedbackRepository(deps.mongo),
      logger: deps.logger,
      now,
      eta: createEtaRevisions({
        orders,
        revisions: createEtaRevisionRepository(deps.mongo),
        outcomes: createEtaOutcomeRepository(deps.mongo),
        eta: deps.eta ?? etaServiceFromConfig(deps.config, deps.logger, createEtaOutcomeRepository(deps.mongo)),
        logger: deps.logger,
        now,
      }),
      // The revision's messages are sent by its read-model write only where they can be followed up.
      ...(followUps ? { followUps, sendRevision: notify.sendRevision } : {}),
      configuredChannels: channels.available,
      pollFailureAlertAfter: n.pollFailureAlertAfter,
      carrierHealth,
    }),
    ...notify,
    ...createOperatorAlertActivities({
      ...(n.operators ? { sender: createOperatorAlertSender(n.operators, smtp ? { config: smtp, transport: createSmtpTransport(smtp) } : undefined) } : {}),
      orders,
      alerts,
      carrierHealth,
      publicBaseUrl: deps.config.http.publicBaseUrl,
      pollFailureAlertAfter: n.pollFailureAlertAfter,
      logger: deps.logger,
      now,
    }),
    ...createCarrierActivities({
      carriers: deps.carriers ?? createCarrierRegistryFromConfig(deps.config.carriers),
      orders,
      shipFrom: deps.config.shipFrom,
      logger: deps.logger,
      // Only with a Temporal client: an outage recorded without the recovery that ends it would hold its
      // shipments' alerts for good.
      ...(followUps
        ? {
            health: createCarrierHealthFeed({
              health: carrierHealth,
              policy: outage.outage,
              recovery: { pace: catchUpPace(outage.catchUpRate), settleMs: outage.recoverySettleMs },
              followUps,
              logger: deps.logger,
            }),
          }
        : {}),
    }),
    ...createCarrierRecoveryActivities({
      health: carrierHealth,
      alerts,
      orders,
      openShipments: createOpenShipmentPages(deps.mongo),
      ...(deps.temporal ? { temporal: deps.temporal } : {}),
      ...(followUps ? { followUps } : {}),
      logger: deps.logger,
    }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
