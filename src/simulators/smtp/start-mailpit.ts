import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startChildServer } from '../../embedded/child-server.js';
import { freePort } from '../../embedded/free-port.js';
import { INSTALL_SCRIPT, projectRoot } from '../../embedded/tool-paths.js';

/** A running Mailpit: SMTP for the app, a web inbox and REST API for people and tests. */
export interface RunningMailpit {
  smtpHost: string;
  smtpPort: number;
  /** Web inbox and REST API (`/api/v1/messages`). */
  webUrl: string;
  stop(): Promise<void>;
}

/** The Mailpit binary: an explicit path, else the install script's .tools/bin/mailpit; undefined if neither. */
export function findMailpit(explicitPath?: string): string | undefined {
  const candidate = explicitPath ?? join(projectRoot(), '.tools', 'bin', 'mailpit');
  return existsSync(candidate) ? candidate : undefined;
}

/**
 * Starts Mailpit on free loopback ports (or the given ones) with messages kept in memory. It accepts any SMTP
 * credentials, so the app's SMTP_USER/SMTP_PASSWORD may be anything in dev.
 */
export async function startMailpit(options: { binary?: string; smtpPort?: number; webPort?: number; maxMessages?: number } = {}): Promise<RunningMailpit> {
  const binary = findMailpit(options.binary);
  if (!binary) throw new Error(`mailpit not found. Run \`bash ${INSTALL_SCRIPT}\` to build it into .tools/bin.`);
  const host = '127.0.0.1';
  const smtpPort = options.smtpPort ?? (await freePort(host));
  const webPort = options.webPort ?? (await freePort(host));
  const server = await startChildServer(
    binary,
    [
      '--smtp', `${host}:${smtpPort}`,
      '--listen', `${host}:${webPort}`,
      '--smtp-auth-accept-any',
      '--smtp-auth-allow-insecure',
      '--disable-version-check',
      '--max', String(options.maxMessages ?? 2000),
    ],
    /accessible via http/,
    { name: 'mailpit', timeoutMs: 20_000 },
  );
  return { smtpHost: host, smtpPort, webUrl: `http://${host}:${webPort}`, stop: () => server.stop() };
}
