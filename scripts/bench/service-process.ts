import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { onCleanup } from './cleanup.js';
import { logSink } from './log-sink.js';

/** A process the benchmark started (an API process, the bare baseline server). */
export interface ServiceProcess {
  name: string;
  pid: number;
  child: ChildProcess;
}

/**
 * Starts `node --import tsx <script>` from the project root with `env` added; its output goes to the
 * benchmark's log sink (first lines shown, the rest counted), and it is stopped (SIGTERM, then SIGKILL
 * after 10 s) by the benchmark's cleanup, or killed if the benchmark dies without one.
 */
export function startServiceProcess(root: string, name: string, script: string, env: Record<string, string>, onLine?: (line: string) => void, cpuProfileDir?: string): ServiceProcess {
  // A V8 CPU profile per process on request (written when it exits), to see where a run's time goes.
  const profile = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', join(root, script)], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const sink = logSink(name);
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    if (!onLine) return sink(text);
    for (const line of text.split('\n')) if (line.trim()) onLine(line);
  });
  child.stderr?.on('data', (chunk: Buffer) => sink(chunk.toString()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  onCleanup(name, () => {
    process.off('exit', killOnExit);
    return new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(force);
        done();
      });
      child.kill('SIGTERM');
    });
  });
  return { name, pid: child.pid ?? -1, child };
}

/** Resolves once `url` answers at all (any status), or fails after `timeoutMs` or if the process exits. */
export async function waitForHttp(service: ServiceProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`${service.name} exited early (code ${service.child.exitCode})`);
    const answered = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      () => true,
      () => false,
    );
    if (answered) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${service.name} did not answer ${url} within ${timeoutMs / 1000} s`);
}
