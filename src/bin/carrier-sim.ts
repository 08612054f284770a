import { parseCarrierSimConfig } from '../simulators/carrier/sim-config.js';
import { startCarrierSim } from '../simulators/carrier/start-carrier-sim.js';
import { runSimulator } from './run-simulator.js';

/** `npm run carrier-sim`: the carrier simulator as its own process, speaking the real carriers' APIs. */
runSimulator({
  name: 'carrier-sim',
  async start() {
    const options = parseCarrierSimConfig(process.env);
    const sim = await startCarrierSim(options);
    const targets = Object.entries(options.webhookTargets ?? {}).map(([carrier, t]) => `${carrier} → ${t?.url}`);
    const webhooks = targets.length > 0 ? `, webhooks: ${targets.join(', ')}` : '';
    return { sim, listening: `listening on ${sim.url} (time scale ${options.timeScale}, scenario ${options.defaultScenario}${webhooks})` };
  },
});
