import type { Client } from '@temporalio/client';
import type { DbConnection as Connection } from '../db/connection.js';
import type { AppConfig } from '../config/load-config.js';
import { createCustomerRepository } from '../db/customers/repository.js';
import { createTrackingViewRepository } from '../db/tracking-views/repository.js';
import { createOrderRepository } from '../db/orders/repository.js';
import { createAlertRepository } from '../db/alerts/repository.js';
import { createNotificationRepository } from '../db/notifications/repository.js';
import { createProjectionRepository } from '../db/shipments/projection-repository.js';
import { createNotificationPreferenceRepository } from '../db/notification-preferences/repository.js';
import { createShipmentActions, type ShipmentActions } from './shipment-actions.js';
import type { CarrierRegistry } from '../carriers/registry.js';
import { createCarrierRegistryFromConfig } from '../carriers/registry-from-config.js';
import { createInboxRetention, type InboxRetention } from '../db/webhook-inbox/retention.js';
import { createWebhookIntake, type WebhookIntake } from './webhook-intake.js';
import { createRelay } from './webhook-relay/create-relay.js';
import { createRelayInbox, type RelayInbox } from './webhook-relay/relay-inbox.js';
import type { WebhookRelay } from './webhook-relay/relay-types.js';
import type { RelayThreadData } from './webhook-relay/thread/messages.js';
import type { Logger } from '../observability/logger.js';
import type { ShipmentSettings } from '../../workflows/shipment-messages.js';
import { createOrderIntake } from './order-intake.js';
import type { PlaceOrderInput } from './place-order-input.js';
import { toOrderView, type OrderLinks, type OrderView } from './queries/order-view.js';
import { createCustomerPageParts, type CustomerPageParts } from './customer-page-parts.js';
import { createWorkflowStarter, type WorkflowStarter } from './workflow-starter.js';
import { createOrderQueries, type OrderQueries } from './queries/order-queries.js';
import { createAdminQueries, type AdminQueries } from './queries/admin-queries.js';
import { createWebhookRematch, type WebhookRematch } from './webhook-rematch.js';
import { createHealthChecks, type HealthChecks } from './health-checks.js';
import type { EtaService } from '../../ml/eta-service.js';
import { etaServiceFromConfig } from '../eta/eta-from-config.js';
import { createPurchaseEstimator } from '../eta/purchase-estimate.js';
import { createEtaOutcomeRepository } from '../db/eta-outcomes/repository.js';
import { createEtaRevisionRepository } from '../db/eta-revisions/repository.js';
import { createEtaQueries, type EtaQueries } from './queries/eta-queries.js';
import { createNotificationCallbacks, type NotificationCallbacks } from './notification-callbacks.js';
import { createNotificationSettings, type NotificationSettings } from './notification-settings.js';
import { createReportRollupRepository } from '../db/report-rollups/repository.js';
import { createRollupReportService } from './reports/rollup-report.js';
import type { DeliveryPerformanceService } from './reports/delivery-performance.js';
import { createCarrierHealthQueries, type CarrierHealthQueries } from './queries/carrier-health.js';
import { createCarrierHealthRepository } from '../db/carrier-health/repository.js';
import type { AdminAuthServices } from './admin-auth/admin-auth-services.js';
import type { AdminActions } from './admin-actions/index.js';
import type { AuditLog } from './audit/audit-log.js';
import { createAdminServices } from './admin-actions/admin-services.js';
import { createDeliveryFailoverStarter } from './notification-failover.js';

/** What the HTTP layer (and the pages) call: use-cases and queries; no repositories. */
export interface ApiServices {
  orderIntake: { placeOrder(input: PlaceOrderInput, idempotencyKey?: string): Promise<{ order: OrderView; created: boolean }> };
  orderQueries: OrderQueries;
  adminQueries: AdminQueries;
  shipmentActions: ShipmentActions;
  webhookIntake: WebhookIntake;
  webhookRematch: WebhookRematch;
  health: HealthChecks;
  etaQueries: EtaQueries;
  /** Twilio status/inbound webhooks and unsubscribe links. */
  notificationCallbacks: NotificationCallbacks;
  /** An order's notification preferences, opt-outs and message log. */
  notificationSettings: NotificationSettings;
  /** The delivery-performance report (GET /api/v1/reports/delivery-performance). */
  deliveryPerformance: DeliveryPerformanceService;
  /** Sign-in, sessions, machine keys (who is calling: the admin middleware and the admin pages). */
  adminAuth: AdminAuthServices;
  /** Every admin action (shipments, webhooks, people, keys), permission-checked and audited; the audit search. */
  adminActions: AdminActions;
  /** The audit log itself, for system-side entries; people and keys go through `adminActions`. */
  audit: AuditLog;
  /** Carrier health and outages (the admin carrier-health page). */
  carrierHealth: CarrierHealthQueries;
}

/**
 * The background relays' parts (src/services/relay-loops.ts, benchmarks): orders and webhooks accepted
 * while Temporal was unreachable, and the inbox's leases and retention. Not for request handlers.
 */
export interface RelayParts {
  workflowStarter: WorkflowStarter;
  webhookRelay: WebhookRelay;
  webhookInbox: RelayInbox;
  inboxRetention: InboxRetention;
}

/** Everything a process builds once from its connections. */
export type Services = ApiServices & RelayParts & CustomerPageParts;

/** Order intake answering with the order's view, the shape every caller shows. */
function viewingIntake(links: OrderLinks, intake: ReturnType<typeof createOrderIntake>): ApiServices['orderIntake'] {
  return {
    async placeOrder(input, idempotencyKey) {
      const { order, created } = await intake.placeOrder(input, idempotencyKey);
      return { order: toOrderView(order, links), created };
    },
  };
}

/** The relay thread opens its own connections, so it needs the addresses the process was given. */
function relayThreadAddresses(config: AppConfig): { mongoUri: string; temporalAddress: string } {
  if (!config.mongo.uri || !config.temporal.address) throw new Error('the webhook relay thread needs MONGODB_URI and TEMPORAL_ADDRESS');
  return { mongoUri: config.mongo.uri, temporalAddress: config.temporal.address };
}

/** What a webhook relay in a worker thread of an API process (`WEBHOOK_RELAY_THREAD`) opens and runs with. */
function relayThreadData(config: AppConfig): Omit<RelayThreadData, 'leaseOwner'> {
  const { mongoUri, temporalAddress } = relayThreadAddresses(config);
  return {
    mongoUri,
    temporal: { address: temporalAddress, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue },
    settings: shipmentSettings(config),
    niceSteps: config.webhooks.relayThreadNice,
    logLevel: config.logLevel,
    logFields: { service: 'api' },
  };
}

/** Shipment timings from configuration, as the workflow receives them. */
export function shipmentSettings(config: AppConfig): ShipmentSettings {
  return {
    pollIntervalMs: config.shipments.pollIntervalMs,
    stallThresholdMs: config.shipments.stallThresholdMs,
    deliveredGracePeriodMs: config.shipments.deliveredGracePeriodMs,
    historyEventLimit: config.shipments.historyEventLimit,
    searchAttributes: config.shipments.searchAttributes,
  };
}

export function createServices(deps: {
  mongo: Connection;
  temporal: Client;
  config: AppConfig;
  logger: Logger;
  now?: () => Date;
  /** Configured carriers; defaults to the ones whose credentials the config holds. */
  carriers?: CarrierRegistry;
  /**
   * Relay webhooks from a worker thread of this process (API processes pass `config.webhooks.relayThread`):
   * its look-ups, signals and receipts then leave the event loop that answers carriers. Needs
   * `MONGODB_URI` and `TEMPORAL_ADDRESS`. Default: in-process (tests, which build several services).
   */
  relayThread?: boolean;
  /**
   * The signed, expiring tracking-page link of an order (src/web/links, made by the process's wiring);
   * absent: the legacy `/t/<trackingToken>` link.
   */
  trackingPageUrl?: (orderCode: string) => string;
  /** The process's ETA service; default: one built from the config (ETA_*). */
  eta?: EtaService;
}): Services {
  const now = deps.now ?? (() => new Date());
  const orders = createOrderRepository(deps.mongo);
  const eta = deps.eta ?? etaServiceFromConfig(deps.config, deps.logger, createEtaOutcomeRepository(deps.mongo));
  const customers = createCustomerRepository(deps.mongo);
  const workflowStarter = createWorkflowStarter({
    temporal: deps.temporal,
    taskQueue: deps.config.temporal.taskQueue,
    settings: shipmentSettings(deps.config),
    orders,
    logger: deps.logger,
    now,
  });
  const preferences = createNotificationPreferenceRepository(deps.mongo);
  const links: OrderLinks = {
    publicBaseUrl: deps.config.http.publicBaseUrl,
    carrierEnv: deps.config.carriers,
    ...(deps.trackingPageUrl ? { trackingPageUrl: deps.trackingPageUrl } : {}),
  };
  const shipmentActions = createShipmentActions({ temporal: deps.temporal, orders, customers, preferences, now, links });
  const carriers = deps.carriers ?? createCarrierRegistryFromConfig(deps.config.carriers);
  const carrierHealth = createCarrierHealthQueries({ health: createCarrierHealthRepository(deps.mongo), alerts: createAlertRepository(deps.mongo) });
  const webhookInbox = createRelayInbox(deps.mongo);
  const webhookRelay = createRelay({
    inbox: webhookInbox,
    orders,
    temporal: deps.temporal,
    workflows: workflowStarter,
    logger: deps.logger,
    now,
    ...(deps.relayThread ? { thread: relayThreadData(deps.config) } : {}),
  });
  const webhookIntake = createWebhookIntake({
    carriers,
    inbox: webhookInbox,
    ipAllowLists: deps.config.webhooks.ipAllowLists,
    logger: deps.logger,
    onStored: (entry) => webhookRelay.enqueue([entry]),
  });
  const alerts = createAlertRepository(deps.mongo);
  const webhookRematch = createWebhookRematch({ orders, relay: webhookRelay });
  const { adminAuth, adminActions, audit } = createAdminServices({
    mongo: deps.mongo,
    config: deps.config,
    logger: deps.logger,
    now,
    actionDeps: { orders, shipmentActions, alerts, inbox: webhookInbox, webhookRematch },
  });
  return {
    adminAuth,
    adminActions,
    audit,
    webhookInbox,
    inboxRetention: createInboxRetention(deps.mongo),
    webhookIntake,
    webhookRelay,
    webhookRematch,
    orderQueries: createOrderQueries({ orders, customers, views: createTrackingViewRepository(deps.mongo), links }),
    adminQueries: createAdminQueries({
      orders,
      projections: createProjectionRepository(deps.mongo),
      notifications: createNotificationRepository(deps.mongo),
      alerts,
      inbox: webhookInbox,
      workflowState: shipmentActions.workflowState,
      links,
    }),
    shipmentActions,
    workflowStarter,
    orderIntake: viewingIntake(links, createOrderIntake({
      orders,
      customers,
      preferences,
      workflows: workflowStarter,
      logger: deps.logger,
      now,
      estimateEta: createPurchaseEstimator(eta, deps.config, deps.logger),
      onPlaced: (order) => {
        if (!order.trackingNumber) return;
        webhookRelay.rematchTrackingNumber(order.trackingNumber).catch((err: unknown) => deps.logger.warn('re-matching webhooks failed', { err }));
      },
    })),
    health: createHealthChecks(deps.mongo, deps.temporal),
    deliveryPerformance: createRollupReportService({ rollups: createReportRollupRepository(deps.mongo), now }),
    ...createCustomerPageParts({ mongo: deps.mongo, orders, shipmentActions, links, now, carrierHealth }),
    carrierHealth,
    etaQueries: createEtaQueries({ eta, outcomes: createEtaOutcomeRepository(deps.mongo), revisions: createEtaRevisionRepository(deps.mongo) }),
    notificationSettings: createNotificationSettings({ orders, preferences, notifications: createNotificationRepository(deps.mongo) }),
    notificationCallbacks: createNotificationCallbacks({
      notifications: createNotificationRepository(deps.mongo),
      customers,
      preferences,
      ...(deps.config.notifications.channels.sms ? { twilio: deps.config.notifications.channels.sms } : {}),
      unsubscribeSecret: deps.config.notifications.unsubscribeSecret,
      startDeliveryFailover: createDeliveryFailoverStarter(deps.temporal, deps.config.temporal.taskQueue),
      logger: deps.logger,
      now,
    }),
  };
}
