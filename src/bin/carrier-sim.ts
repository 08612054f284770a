import { parseCarrierSimConfig } from '../simulators/carrier/sim-config.js';
import { startCarrierSim } from '../simulators/carrier/start-carrier-sim.js';

/** `npm run carrier-sim`: the carrier simulator as its own process, speaking the real carriers' APIs. */
async function main(): Promise<void> {
  const options = parseCarrierSimConfig(process.env);
  const sim = await startCarrierSim(options);
  const targets = Object.entries(options.webhookTargets ?? {}).map(([carrier, t]) => `${carrier} → ${t?.url}`);
  console.log(
    `[carrier-sim] listening on ${sim.url} (time scale ${options.timeScale}, scenario ${options.defaultScenario}` +
      `${targets.length > 0 ? `, webhooks: ${targets.join(', ')}` : ''})`,
  );

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    // A second signal while stopping exits at once, so an operator is never stuck with a hung process.
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`[carrier-sim] ${signal}: stopping`);
    sim.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('[carrier-sim] stop failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
