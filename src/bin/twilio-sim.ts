import { parseTwilioSimConfig } from '../simulators/twilio/twilio-sim-config.js';
import { startTwilioSim } from '../simulators/twilio/start-twilio-sim.js';
import { runSimulator } from './run-simulator.js';

/** `tsx src/bin/twilio-sim.ts`: the local Twilio-compatible SMS server as its own process. */
runSimulator({
  name: 'twilio-sim',
  async start() {
    const options = parseTwilioSimConfig(process.env);
    const sim = await startTwilioSim(options);
    const inbound = options.inboundWebhookUrl ? `, inbound → ${options.inboundWebhookUrl}` : '';
    return { sim, listening: `listening on ${sim.url} (SMS page: ${sim.url}/, set TWILIO_API_BASE_URL=${sim.url}${inbound})` };
  },
});
