import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedTemporal } from '../../../src/embedded/temporal-server.js';
import { startTestCarrierSim, type TestCarrierSim } from '../../support/carrier-sim.js';
import { eventually } from '../../support/eventually.js';
import { placeSimulatorOrder } from '../../support/lifecycle.js';
import { startLocalHttpServer, type LocalHttpServer } from '../../support/local-http-server.js';
import { startNotifyStack, type NotifyStack } from '../../support/notify-stack.js';
import { startTestMongo, startTestTemporalDev, uniqueName, type TestMongo } from '../../support/servers.js';

let mongoServer: TestMongo;
let temporalServer: EmbeddedTemporal;
let sim: TestCarrierSim;
let chat: LocalHttpServer;
let notify: NotifyStack;

beforeAll(async () => {
  [mongoServer, temporalServer, sim, chat] = await Promise.all([
    startTestMongo(),
    startTestTemporalDev(),
    startTestCarrierSim(),
    startLocalHttpServer(() => ({ status: 200, body: 'ok' })),
  ]);
  notify = await startNotifyStack({
    mongoServer,
    temporalServer,
    sim,
    // A stall after 4 s without progress, so the test sees one raised and one resolved episode.
    env: { STALL_THRESHOLD: '4s', OPS_ALERT_EMAILS: 'ops@shop.test,oncall@shop.test', OPS_ALERT_WEBHOOK_URL: `${chat.url}/hooks/ops` },
  });
});

afterAll(async () => {
  await notify?.stop();
  await Promise.all([mongoServer?.stop(), temporalServer?.stop(), sim?.stop(), chat?.close()]);
});

describe('operator alerts: a stall episode tells the ops list and the chat webhook once, and again when it resolves', () => {
  it('sends "stalled" once per episode by e-mail (real SMTP) and to the Slack-style webhook, then "resolved"', async () => {
    const code = uniqueName('STALL');
    const order = await placeSimulatorOrder(notify.stack, code, { prepare: (tn) => sim.manualShipment(tn) });
    const opsMails = () => notify.smtp.mails.filter((m) => m.envelopeTo.includes('ops@shop.test') && (m.parsed.subject ?? '').includes(code));
    const chats = () => chat.requests.filter((r) => r.body.includes(code));

    await eventually(async () => opsMails(), (m) => m.length >= 1, 40_000);
    await eventually(async () => chats(), (c) => c.length >= 1, 10_000);
    const raised = opsMails()[0]!;
    expect(raised.envelopeTo.sort()).toEqual(['oncall@shop.test', 'ops@shop.test']);
    expect(raised.parsed.subject).toMatch(/Stalled/);
    expect(chats()[0]!.path).toBe('/hooks/ops');
    expect(JSON.parse(chats()[0]!.body).text).toContain(code);

    // Progress ends the episode.
    await sim.addEvent(order.trackingNumber, { code: 'PU', occurredAt: new Date().toISOString(), eventId: `${code}-pu` });
    await notify.stack.services.shipmentActions.pollNow(code);
    await eventually(async () => opsMails(), (m) => m.some((x) => /resolved/i.test(x.parsed.subject ?? '')), 30_000);
    await eventually(async () => chats(), (c) => c.length >= 2, 10_000);
    // Once per episode: the raised episode's mail was not repeated.
    expect(opsMails().filter((m) => /Stalled/.test(m.parsed.subject ?? '') && m.parsed.messageId === raised.parsed.messageId)).toHaveLength(1);
  }, 120_000);
});
