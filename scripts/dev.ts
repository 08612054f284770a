/**
 * `npm run dev`: the whole system on one machine with no other setup. Starts (when not configured
 * externally) a persistent Temporal dev server with its Web UI and an embedded MongoDB-wire server, then
 * the worker and the API as child processes, seeds demo data and prints the URLs. Ctrl-C stops everything.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/config/load-config.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../src/embedded/mongo-server.js';
import { startTemporalDevServer, type EmbeddedTemporal } from '../src/embedded/temporal-server.js';
import { findTool, INSTALL_SCRIPT, projectRoot } from '../src/embedded/tool-paths.js';
import { ensureDevModel } from '../ml/ensure-dev-model.js';
import { DEV_ADMIN_EMAIL, loadDevSecrets } from './dev/dev-secrets.js';
import { ensureDemoHistory } from './dev/demo-history.js';
import { devVapidEnv } from './dev/dev-vapid.js';
import { startMailpit, type RunningMailpit } from '../src/simulators/smtp/start-mailpit.js';
import { DEMO_CUSTOMER_EMAIL, seedDemo } from './seed-demo.js';
import { demoPagesText } from './dev/demo-pages.js';
import { waitForHealthy } from './dev/wait-for-healthy.js';
import { devOpsEnv } from './dev/dev-ops-env.js';

const root = projectRoot();
const DEV_TEMPORAL_PORT = 7233;
const DEV_MONGO_PORT = 27027;
const DEV_CARRIER_SIM_PORT = 4010;
const DEV_TWILIO_SIM_PORT = 4020;
const DEV_INBOX_PORT = 4030;
/** Carrier time runs a day per real minute, so a demo delivery plays out in a few minutes. */
const DEV_CARRIER_TIME_SCALE = '1440';

function ensureBinaries(): void {
  if (findTool('temporal') && findTool('ferretdb-server') && findTool('mailpit')) return;
  console.log('[dev] installing local server binaries (first run only)…');
  spawnSync('bash', [join(root, INSTALL_SCRIPT), '--optional'], { stdio: 'inherit' });
}

function startChild(name: string, file: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, file)], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!shuttingDown) {
      console.error(`[dev] ${name} exited (code ${code}, signal ${signal}); stopping the stack.`);
      void shutdown(1);
    }
  });
  return child;
}

/**
 * A made-up ship-from address for the dev stack only (the simulator creates shipments); any SHIP_FROM_*
 * in the environment means the developer chose their own, which is then used as given.
 */
function devShipFrom(): NodeJS.ProcessEnv {
  if (Object.keys(process.env).some((name) => name.startsWith('SHIP_FROM_'))) return {};
  return { SHIP_FROM_NAME: 'Demo Shop', SHIP_FROM_LINE1: '1 Demo Way', SHIP_FROM_CITY: 'Portland', SHIP_FROM_POSTAL_CODE: '97209', SHIP_FROM_COUNTRY: 'US' };
}

let shuttingDown = false;
const children: ChildProcess[] = [];
let temporal: EmbeddedTemporal | undefined;
let mongo: EmbeddedMongo | undefined;
let mailpit: RunningMailpit | undefined;

async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log('\n[dev] stopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
    ),
  );
  await mailpit?.stop().catch((err: unknown) => console.error('[dev] mailpit stop failed', err));
  await mongo?.stop().catch((err: unknown) => console.error('[dev] mongo stop failed', err));
  await temporal?.stop().catch((err: unknown) => console.error('[dev] temporal stop failed', err));
  console.log('[dev] stopped');
  process.exit(code);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  ensureBinaries();

  const config = loadConfig({ NODE_ENV: 'development', ...process.env });
  const dataDir = resolve(root, config.dataDir);
  const secrets = loadDevSecrets(dataDir);

  let temporalAddress = config.temporal.address;
  let temporalUi = process.env.TEMPORAL_UI_URL;
  if (!temporalAddress) {
    console.log('[dev] starting Temporal dev server (persisted in .data/temporal.db)…');
    temporal = await startTemporalDevServer({
      ...(config.temporal.cliPath ? { cliPath: config.temporal.cliPath } : {}),
      dbFilename: join(dataDir, 'temporal.db'),
      port: DEV_TEMPORAL_PORT,
      uiPort: config.temporal.uiPort,
      namespace: config.temporal.namespace,
    });
    temporalAddress = temporal.address;
    temporalUi = temporal.uiUrl;
  }

  let mongoUri = config.mongo.uri;
  if (!mongoUri) {
    mongo = await startEmbeddedMongo({
      mode: config.mongo.embedded,
      dataDir: join(dataDir, 'mongo'),
      port: DEV_MONGO_PORT,
      ...(config.mongo.ferretdbPath ? { ferretdbPath: config.mongo.ferretdbPath } : {}),
      ferretdbBackend: config.mongo.ferretdbBackend,
      ...(config.mongo.postgresBinDir ? { postgresBinDir: config.mongo.postgresBinDir } : {}),
    });
    mongoUri = `${mongo.uri.replace(/\/$/, '')}/order-tracking`;
    console.log(`[dev] embedded MongoDB-wire server: ${mongo.description}`);
  }

  // The ETA model: trained on the labelled synthetic demo history on first start (about 10 s), so the dev
  // stack shows model-based dates without outside data; the API and worker load it (and any newer one).
  const etaModelDir = config.eta.modelDir ? resolve(root, config.eta.modelDir) : undefined;
  const etaLine = etaModelDir
    ? await ensureDevModel(etaModelDir, { log: (line) => console.log(`[dev] eta: ${line}`) })
    : 'ETA: the prior (carrier + service level transit days): ETA_MODEL_DIR is empty';

  const apiUrl = `http://localhost:${config.http.port}`;
  const simUrl = `http://127.0.0.1:${DEV_CARRIER_SIM_PORT}`;
  // The carrier simulator stands in for every carrier: its own API, the real carriers' formats and
  // signed webhooks to our API. Unknown numbers are registered on first look-up with a mixed scenario.
  children.push(
    startChild('carrier-sim', 'src/bin/carrier-sim.ts', {
      ...process.env,
      CARRIER_SIM_PORT: String(DEV_CARRIER_SIM_PORT),
      CARRIER_SIM_API_KEY: secrets.carrierSimApiKey,
      CARRIER_SIM_TIME_SCALE: process.env.CARRIER_SIM_TIME_SCALE ?? DEV_CARRIER_TIME_SCALE,
      CARRIER_SIM_SCENARIO: process.env.CARRIER_SIM_SCENARIO ?? 'mixed',
      CARRIER_SIM_AUTO_REGISTER: 'true',
      CARRIER_SIM_WEBHOOK_BASE_URL: `http://127.0.0.1:${config.http.port}/webhooks`,
      CARRIER_SIM_WEBHOOK_SECRET: secrets.carrierSimWebhookSecret,
      CARRIER_SIM_WEBHOOK_CARRIERS: 'simulator',
    }),
  );
  await waitForHealthy(`${simUrl}/health`, 30_000);

  // Messages stay on this machine: Mailpit catches e-mail, the Twilio simulator takes SMS, and the dev
  // inbox page lists both (Mailpit's own UI is not in our build).
  mailpit = await startMailpit();
  const twilioSim = { url: `http://127.0.0.1:${DEV_TWILIO_SIM_PORT}`, accountSid: `AC${'0d'.repeat(16)}`, authToken: 'dev-twilio-auth-token' };
  children.push(
    startChild('twilio-sim', 'src/bin/twilio-sim.ts', {
      ...process.env,
      TWILIO_SIM_PORT: String(DEV_TWILIO_SIM_PORT),
      TWILIO_SIM_ACCOUNT_SID: twilioSim.accountSid,
      TWILIO_SIM_AUTH_TOKEN: twilioSim.authToken,
      TWILIO_SIM_INBOUND_WEBHOOK_URL: `http://localhost:${config.http.port}/webhooks/twilio/inbound`,
    }),
  );
  const inboxUrl = `http://127.0.0.1:${DEV_INBOX_PORT}`;
  children.push(
    startChild('dev-inbox', 'src/bin/dev-inbox.ts', {
      ...process.env,
      DEV_INBOX_PORT: String(DEV_INBOX_PORT),
      DEV_INBOX_MAILPIT_URL: mailpit.webUrl,
      TWILIO_SIM_URL: twilioSim.url,
      TWILIO_SIM_ACCOUNT_SID: twilioSim.accountSid,
      TWILIO_SIM_AUTH_TOKEN: twilioSim.authToken,
    }),
  );

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    TEMPORAL_ADDRESS: temporalAddress,
    MONGODB_URI: mongoUri,
    STOREFRONT_API_KEYS: process.env.STOREFRONT_API_KEYS ?? secrets.storefrontApiKey,
    ADMIN_API_KEYS: process.env.ADMIN_API_KEYS ?? secrets.adminApiKey,
    // The first admin of the pages (created by the API while there is no admin user yet).
    ADMIN_BOOTSTRAP_USER: process.env.ADMIN_BOOTSTRAP_USER ?? `${DEV_ADMIN_EMAIL}:${secrets.devAdminPassword}`,
    ...(temporalUi ? { TEMPORAL_UI_URL: temporalUi } : {}),
    // Customer pages: generated dev keys; old random links keep working for a month (see the README's migration).
    TRACKING_LINK_KEYS: process.env.TRACKING_LINK_KEYS ?? `dev1:${secrets.trackingLinkSecret}`,
    STOREFRONT_LINK_KEYS: process.env.STOREFRONT_LINK_KEYS ?? `shop1:${secrets.storefrontLinkSecret}`,
    LEGACY_TRACKING_LINKS_UNTIL: process.env.LEGACY_TRACKING_LINKS_UNTIL ?? new Date(Date.now() + 30 * 86_400_000).toISOString(),
    CARRIER_SIMULATOR_URL: simUrl,
    CARRIER_SIMULATOR_API_KEY: secrets.carrierSimApiKey,
    CARRIER_SIMULATOR_WEBHOOK_SECRET: secrets.carrierSimWebhookSecret,
    ...devShipFrom(),
    // Stalls measured in carrier time (72 h at the simulator's scale) and stall alerts in the dev inbox.
    ...devOpsEnv(process.env, Number(process.env.CARRIER_SIM_TIME_SCALE ?? DEV_CARRIER_TIME_SCALE)),
    ETA_MODEL_DIR: etaModelDir ?? '',
    SMTP_HOST: process.env.SMTP_HOST ?? mailpit.smtpHost,
    SMTP_PORT: process.env.SMTP_PORT ?? String(mailpit.smtpPort),
    SMTP_SECURE: process.env.SMTP_SECURE ?? 'false',
    SMTP_FROM: process.env.SMTP_FROM ?? 'Demo Shop <orders@demo-shop.localhost>',
    TWILIO_ACCOUNT_SID: process.env.TWILIO_ACCOUNT_SID ?? twilioSim.accountSid,
    TWILIO_AUTH_TOKEN: process.env.TWILIO_AUTH_TOKEN ?? twilioSim.authToken,
    TWILIO_FROM: process.env.TWILIO_FROM ?? '+15005550006',
    TWILIO_API_BASE_URL: process.env.TWILIO_API_BASE_URL ?? twilioSim.url,
    // Web push: a VAPID pair generated once into .data/ unless VAPID_* are set.
    ...devVapidEnv(dataDir, process.env),
    // Real carrier adapters pointed at the simulator's copies of their APIs (dev credentials only).
    UPS_CLIENT_ID: process.env.UPS_CLIENT_ID ?? 'dev-ups-client',
    UPS_CLIENT_SECRET: process.env.UPS_CLIENT_SECRET ?? 'dev-ups-secret',
    UPS_BASE_URL: process.env.UPS_BASE_URL ?? `${simUrl}/ups`,
    FEDEX_CLIENT_ID: process.env.FEDEX_CLIENT_ID ?? 'dev-fedex-client',
    FEDEX_CLIENT_SECRET: process.env.FEDEX_CLIENT_SECRET ?? 'dev-fedex-secret',
    FEDEX_BASE_URL: process.env.FEDEX_BASE_URL ?? `${simUrl}/fedex`,
  };
  children.push(startChild('worker', 'src/bin/worker.ts', env));
  children.push(startChild('api', 'src/bin/api.ts', env));

  await waitForHealthy(`${apiUrl}/healthz`, 60_000);
  const seeded = await seedDemo({
    apiUrl,
    storefrontApiKey: env.STOREFRONT_API_KEYS!.split(',')[0]!,
    carrierSim: { url: simUrl, apiKey: secrets.carrierSimApiKey },
  });
  const historyLine = await ensureDemoHistory(mongoUri, (line) => console.log(`[dev] ${line}`));

  console.log(`
order-tracking is running.
  API             ${apiUrl}
  OpenAPI docs    ${apiUrl}/docs   (document: ${apiUrl}/openapi.json)
  Temporal UI     ${temporalUi ?? '(external Temporal: use your own UI)'}
  Dev inbox       ${inboxUrl}   (e-mail caught by Mailpit ${mailpit.webUrl}, SMS by the Twilio simulator ${twilioSim.url})
  Carrier sim     ${simUrl}   (carrier time x${process.env.CARRIER_SIM_TIME_SCALE ?? DEV_CARRIER_TIME_SCALE})
  Temporal        ${temporalAddress}   MongoDB ${mongo ? `${mongo.description} ` : ''}${mongoUri}
  Storefront key  ${env.STOREFRONT_API_KEYS === secrets.storefrontApiKey ? `${secrets.storefrontApiKey} (dev only, in .data/dev-secrets.json)` : '(from STOREFRONT_API_KEYS)'}
  Admin key       ${env.ADMIN_API_KEYS === secrets.adminApiKey ? secrets.adminApiKey : '(from ADMIN_API_KEYS)'}
  ${etaLine}
  Admin pages     ${apiUrl}/admin/sign-in   ${env.ADMIN_BOOTSTRAP_USER === `${DEV_ADMIN_EMAIL}:${secrets.devAdminPassword}` ? `${DEV_ADMIN_EMAIL} / ${secrets.devAdminPassword} (dev only, in .data/dev-secrets.json; made while no admin user exists)` : '(first admin from ADMIN_BOOTSTRAP_USER)'}
  Dashboard data  ${historyLine}
  Track an order  ${apiUrl}/track   (order number + e-mail, e.g. DEMO-1001 + ada@example.com)
${demoPagesText(seeded, apiUrl, env.STOREFRONT_LINK_KEYS!, DEMO_CUSTOMER_EMAIL)}
Press Ctrl-C to stop everything.`);
}

main().catch(async (err: unknown) => {
  console.error('[dev] failed to start:', err instanceof Error ? err.message : err);
  await shutdown(1);
});
