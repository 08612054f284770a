import { spawn, type ChildProcess } from 'node:child_process';

/** A server process this program started and must stop. */
export interface ChildServer {
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  timeoutMs?: number;
  name?: string;
  /** Run as this user (PostgreSQL refuses to run as root). */
  uid?: number;
  gid?: number;
  /** How to ask it to stop; SIGKILL follows after 5 s. PostgreSQL's fast shutdown is SIGINT. */
  stopSignal?: NodeJS.Signals;
  /** Variables added to the inherited environment. */
  env?: Record<string, string | undefined>;
}

/**
 * Starts a server binary and resolves once its output (stdout or stderr) matches `ready`. Rejects with
 * the server's own output when it exits early or does not become ready in time.
 */
export function startChildServer(command: string, args: string[], ready: RegExp, options: ChildServerOptions = {}): Promise<ChildServer> {
  const name = options.name ?? command;
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    ...(options.uid !== undefined ? { uid: options.uid } : {}),
    ...(options.gid !== undefined ? { gid: options.gid } : {}),
  });
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
      child.kill(options.stopSignal ?? 'SIGTERM');
    });

  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${name} did not become ready in time. Output:\n${output}`));
    }, options.timeoutMs ?? 30_000);
    let started = false;
    // Registered after `collect` on each stream, so `output` already holds the chunk.
    const watch = () => {
      if (started || !ready.test(output)) return;
      started = true;
      clearTimeout(timer);
      child.stdout?.removeListener('data', collect);
      child.stdout?.removeListener('data', watch);
      child.stdout?.resume();
      resolveStart({ process: child, stop });
    };
    child.stdout?.on('data', collect);
    child.stdout?.on('data', watch);
    child.stderr?.on('data', watch);
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
