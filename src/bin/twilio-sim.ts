import { parseTwilioSimConfig } from '../simulators/twilio/twilio-sim-config.js';
import { startTwilioSim } from '../simulators/twilio/start-twilio-sim.js';

/** `tsx src/bin/twilio-sim.ts`: the local Twilio-compatible SMS server as its own process. */
async function main(): Promise<void> {
  const options = parseTwilioSimConfig(process.env);
  const sim = await startTwilioSim(options);
  console.log(
    `[twilio-sim] listening on ${sim.url} (SMS page: ${sim.url}/, set TWILIO_API_BASE_URL=${sim.url}` +
      `${options.inboundWebhookUrl ? `, inbound → ${options.inboundWebhookUrl}` : ''})`,
  );

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    // A second signal while stopping exits at once, so an operator is never stuck with a hung process.
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`[twilio-sim] ${signal}: stopping`);
    sim.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('[twilio-sim] stop failed', error);
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
