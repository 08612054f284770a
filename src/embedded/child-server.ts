import { spawn, type ChildProcess } from 'node:child_process';

/** A server process this program started and must stop. */
export interface ChildServer {
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts a server binary and resolves once a line of its stdout matches `ready`. Rejects with the
 * server's own output when it exits early or does not become ready in time.
 */
export function startChildServer(
  command: string,
  args: string[],
  ready: RegExp,
  options: { timeoutMs?: number; name?: string } = {},
): Promise<ChildServer> {
  const name = options.name ?? command;
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stderr?.on('data', collect);

  const stop = () =>
    new Promise<void>((resolveStop) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolveStop();
      });
      child.kill('SIGTERM');
    });

  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${name} did not become ready in time. Output:\n${output}`));
    }, options.timeoutMs ?? 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      collect(chunk);
      if (ready.test(output)) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolveStart({ process: child, stop });
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${name} could not start: ${err.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited early (code ${code}, signal ${signal}). Output:\n${output}`));
    });
  });
}
