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
    const stored = await stack.services.orders.findByCode(code);
    expect(stored).not.toBeNull();
    expect(stored?.workflowStartedAt).toBeUndefined();
    expect((await stack.services.orders.findWithoutWorkflow(10)).map((o) => o.code)).toContain(code);

    // The relay loop of a healthy API instance picks it up.
    expect(await stack.services.workflowStarter.startPending()).toBeGreaterThanOrEqual(1);
    const state = await stack.temporal.workflow.getHandle(shipmentWorkflowId(code)).query(getStateQuery);
    expect(state.orderCode).toBe(code);
    expect((await stack.services.orders.findByCode(code))?.workflowStartedAt).toBeDefined();
    await deadConnection.close().catch(() => {});
  });
});
