import type { Client } from '@temporalio/client';
import type { DbConnection as Connection } from '../db/connection.js';
import type { AppConfig } from '../config/load-config.js';
import { createCustomerRepository } from '../db/customers/repository.js';
import { createOrderRepository, type OrderRepository } from '../db/orders/repository.js';
import { createAlertRepository, type AlertRepository } from '../db/alerts/repository.js';
import { createNotificationRepository, type NotificationRepository } from '../db/notifications/repository.js';
import { createProjectionRepository, type ProjectionRepository } from '../db/shipments/projection-repository.js';
import type { CustomerRepository } from '../db/customers/repository.js';
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
import { createOrderIntake, type OrderIntake } from './order-intake.js';
import { createWorkflowStarter, type WorkflowStarter } from './workflow-starter.js';

/** How long /healthz waits for Temporal's answer before it reports it down. */
const HEALTH_CHECK_TIMEOUT_MS = 2_000;

/** Everything the HTTP layer calls, built once per process from its connections. */
export interface Services {
  orders: OrderRepository;
  customers: CustomerRepository;
  projections: ProjectionRepository;
  notifications: NotificationRepository;
  alerts: AlertRepository;
  shipmentActions: ShipmentActions;
  carriers: CarrierRegistry;
  webhookInbox: RelayInbox;
  inboxRetention: InboxRetention;
  webhookIntake: WebhookIntake;
  webhookRelay: WebhookRelay;
  orderIntake: OrderIntake;
  workflowStarter: WorkflowStarter;
  health: { mongo(): Promise<boolean>; temporal(): Promise<boolean> };
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
}): Services {
  const now = deps.now ?? (() => new Date());
  const orders = createOrderRepository(deps.mongo);
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
  const carriers = deps.carriers ?? createCarrierRegistryFromConfig(deps.config.carriers);
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
  return {
    orders,
    customers,
    carriers,
    webhookInbox,
    inboxRetention: createInboxRetention(deps.mongo),
    webhookIntake,
    webhookRelay,
    projections: createProjectionRepository(deps.mongo),
    notifications: createNotificationRepository(deps.mongo),
    alerts: createAlertRepository(deps.mongo),
    shipmentActions: createShipmentActions({ temporal: deps.temporal, orders, preferences, now }),
    workflowStarter,
    orderIntake: createOrderIntake({
      orders,
      customers,
      preferences,
      workflows: workflowStarter,
      logger: deps.logger,
      now,
      onPlaced: (order) => {
        if (!order.trackingNumber) return;
        webhookRelay.rematchTrackingNumber(order.trackingNumber).catch((err: unknown) => deps.logger.warn('re-matching webhooks failed', { err }));
      },
    }),
    health: {
      mongo: async () => {
        try {
          await deps.mongo.db?.admin().ping();
          return true;
        } catch {
          return false;
        }
      },
      temporal: async () => {
        try {
          // A health check answers in time: without a deadline the client's retries of an unreachable
          // server held the answer for some 20 s, past any load balancer's timeout.
          await deps.temporal.connection.withDeadline(Date.now() + HEALTH_CHECK_TIMEOUT_MS, () => deps.temporal.connection.workflowService.getSystemInfo({}));
          return true;
        } catch {
          return false;
        }
      },
    },
  };
}
