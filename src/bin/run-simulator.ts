/** What a simulator process runs: something that starts, and stops on SIGINT/SIGTERM. */
export interface SimulatorProcess {
  /** The prefix of its console lines, e.g. `carrier-sim`. */
  name: string;
  /** Reads its settings and starts it; `listening` is the line printed then (its URL and settings). */
  start(): Promise<{ sim: { stop(): Promise<void> }; listening: string }>;
}

/**
 * Runs a simulator as its own process (`npm run carrier-sim`, the Twilio simulator): starts it, prints where
 * it listens, stops it on a signal, and exits 1 with the message when its settings or its start fail.
 */
export function runSimulator(process_: SimulatorProcess): void {
  const tag = `[${process_.name}]`;
  const main = async () => {
    const { sim, listening } = await process_.start();
    console.log(`${tag} ${listening}`);
    let stopping = false;
    const shutdown = (signal: NodeJS.Signals) => {
      // A second signal while stopping exits at once, so an operator is never stuck with a hung process.
      if (stopping) process.exit(1);
      stopping = true;
      console.log(`${tag} ${signal}: stopping`);
      sim.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`${tag} stop failed`, error);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  };
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
