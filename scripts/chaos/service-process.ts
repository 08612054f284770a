import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/embedded/tool-paths.js';

/** Which entry point of src/bin a process runs. */
export type ServiceName = 'api' | 'worker';

/**
 * One of the system's own processes (src/bin/api.ts or src/bin/worker.ts) run as a real OS process, so a
 * fault can SIGKILL it: no drain, no goodbye, as an OOM kill or a lost host does. `restart()` starts the
 * same entry point with the same environment; `pid` and `exits` follow the current child.
 */
export interface ServiceProcess {
  readonly name: ServiceName;
  readonly pid: number;
  /** True while the current child runs. */
  alive(): boolean;
  /** Resolves when the current child exits (at once when it has). */
  exited(): Promise<void>;
  /** Sends `signal` to the current child and waits for it to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** A new child with the same entry point and environment; the old one must have exited. */
  restart(): void;
  /** SIGTERM (SIGKILL after 15 s) and wait: the graceful stop of the end of a run. */
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx src/bin/<name>.ts` with `env` added to this process's environment. Every
 * output line goes to `onOutput` (a log sink, or a test's buffer). Children are SIGKILLed if this process
 * exits without stopping them.
 */
export function startServiceProcess(name: ServiceName, env: Record<string, string>, onOutput: (text: string) => void): ServiceProcess {
  const root = projectRoot();
  let child: ChildProcess;
  let exit: Promise<void>;
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  const launch = () => {
    child = spawn(process.execPath, ['--import', 'tsx', join(root, `src/bin/${name}.ts`)], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const echo = (chunk: Buffer) => onOutput(chunk.toString());
    child.stdout?.on('data', echo);
    child.stderr?.on('data', echo);
    const current = child;
    exit = new Promise<void>((done) => current.once('exit', () => done()));
  };
  const alive = () => child.exitCode === null && child.signalCode === null;
  launch();

  return {
    name,
    get pid() {
      return child.pid ?? -1;
    },
    alive,
    exited: () => exit,
    async kill(signal) {
      if (alive()) child.kill(signal);
      await exit;
    },
    restart() {
      if (alive()) throw new Error(`${name} process ${child.pid} still runs`);
      launch();
    },
    async stop() {
      process.off('exit', killOnExit);
      if (!alive()) return;
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await exit;
      clearTimeout(force);
    },
  };
}
