/**
 * Stops everything a benchmark started, whether it finishes, fails or is interrupted (Ctrl-C): cleanups
 * run in reverse order of registration, once. A second Ctrl-C exits at once.
 */
const cleanups: { name: string; run: () => Promise<void> }[] = [];
let running: Promise<void> | undefined;

export function onCleanup(name: string, run: () => Promise<void>): void {
  cleanups.push({ name, run });
}

export function cleanupAll(): Promise<void> {
  running ??= (async () => {
    for (const { name, run } of cleanups.reverse()) {
      await run().catch((err: unknown) => console.error(`[bench] stopping ${name} failed:`, err instanceof Error ? err.message : err));
    }
  })();
  return running;
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.log(`\n[bench] ${signal}: stopping the local stack…`);
    void cleanupAll().finally(() => process.exit(130));
  });
}

/** Runs a benchmark's main, always cleans up, and sets the exit code (1 on an error). */
export function runMain(main: () => Promise<number>): void {
  main().then(
    async (code) => {
      if (interrupted) return;
      await cleanupAll();
      process.exit(code);
    },
    async (err: unknown) => {
      // After Ctrl-C the stack is torn down under the running phase; its errors are expected noise.
      if (interrupted) return;
      console.error('[bench] failed:', err instanceof Error ? (err.stack ?? err.message) : err);
      await cleanupAll();
      process.exit(1);
    },
  );
}
