import { useTestServers } from '../support/test-servers.js';
import { Client, Connection } from '@temporalio/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/create-app.js';
import { freePort } from '../../src/embedded/free-port.js';
import { createLogger } from '../../src/observability/logger.js';
import { createServices } from '../../src/services/services.js';
import { shipmentWorkflowId } from '../../src/domain/ids.js';
import { getStateQuery } from '../../workflows/shipment-messages.js';
import { orderBody, storefrontHeaders } from '../support/orders.js';
import { uniqueName } from '../support/servers.js';
import { type TestStack } from '../support/stack.js';

const suite = useTestServers('dev');
let stack: TestStack;

beforeAll(async () => {
  stack = await suite.stack();
});

describe('an order accepted while Temporal is unreachable', () => {
  it('is stored and answered 201, then its workflow starts once Temporal answers again', async () => {
    // An API instance whose Temporal frontend is down: nothing listens on this port.
    const deadConnection = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: '1s' });
    const deadClient = new Client({ connection: deadConnection, namespace: 'default' });
    const logger = createLogger('silent');
    const downServices = createServices({ mongo: stack.mongo, temporal: deadClient, config: stack.config, logger });
    const downApp = createApp({ services: downServices, logger, auth: stack.config.auth, publicBaseUrl: 'http://tracking.test' });

    const code = uniqueName('DOWN');
    const res = await downApp.request('/api/v1/orders', {
      method: 'POST',
      headers: storefrontHeaders({ 'idempotency-key': `key-${code}` }),
      body: JSON.stringify(orderBody(code)),
    });
    expect(res.status).toBe(201);
    const stored = await stack.repos.orders.findByCode(code);
    expect(stored).not.toBeNull();
    expect(stored?.workflowStartedAt).toBeUndefined();
    expect((await stack.repos.orders.findWithoutWorkflow(10)).map((o) => o.code)).toContain(code);

    // The relay loop of a healthy API instance picks it up.
    expect(await stack.services.workflowStarter.startPending()).toBeGreaterThanOrEqual(1);
    const state = await stack.temporal.workflow.getHandle(shipmentWorkflowId(code)).query(getStateQuery);
    expect(state.orderCode).toBe(code);
    expect((await stack.repos.orders.findByCode(code))?.workflowStartedAt).toBeDefined();
    await deadConnection.close().catch(() => {});
  });

  it('counts as started once its workflow has projected, even if the start confirmation was lost', async () => {
    // FerretDB (the stand-in) can lose one of two concurrent updates of an order: the API's start mark
    // and the workflow's first projection. The projection says on its own that the workflow runs.
    const deadConnection = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: '1s' });
    const logger = createLogger('silent');
    const downServices = createServices({ mongo: stack.mongo, temporal: new Client({ connection: deadConnection, namespace: 'default' }), config: stack.config, logger });
    const downApp = createApp({ services: downServices, logger, auth: stack.config.auth, publicBaseUrl: 'http://tracking.test' });
    const code = uniqueName('PROJ');
    const res = await downApp.request('/api/v1/orders', { method: 'POST', headers: storefrontHeaders({ 'idempotency-key': `key-${code}` }), body: JSON.stringify(orderBody(code)) });
    expect(res.status).toBe(201);
    expect((await stack.repos.orders.findWithoutWorkflow(500)).map((o) => o.code)).toContain(code);

    const projectedAt = new Date('2026-12-02T10:00:00Z');
    expect(await stack.repos.orders.applyProjection(code, { revision: 1, status: 'order_received', milestone: 'order_received' }, projectedAt)).toEqual({ applied: true });
    expect((await stack.repos.orders.findByCode(code))?.workflowStartedAt).toBe(projectedAt.toISOString());
    expect((await stack.repos.orders.findWithoutWorkflow(500)).map((o) => o.code)).not.toContain(code);
    // A later mark keeps the earliest time.
    await stack.repos.orders.applyProjection(code, { revision: 2, status: 'in_preparation', milestone: 'in_preparation' }, new Date('2026-12-02T11:00:00Z'));
    expect((await stack.repos.orders.findByCode(code))?.workflowStartedAt).toBe(projectedAt.toISOString());
    await deadConnection.close().catch(() => {});
  });
});
