import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { knownEnvVars } from '../../../src/config/schema.js';

const read = (file: string) => readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: unknown;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
}

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService>; volumes: Record<string, unknown> };

  it('runs Temporal with its own database, the Temporal UI, MongoDB as a replica set, the API and the worker', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['temporal-db', 'temporal', 'temporal-ui', 'mongo', 'api', 'worker']),
    );
    expect(compose.services.mongo!.command).toEqual(expect.arrayContaining(['--replSet']));
    expect(compose.services.api!.build).toBeDefined();
    expect(compose.services.worker!.build).toBeDefined();
    expect(compose.services.worker!.command).toEqual(['node', 'dist/src/bin/worker.js']);
    expect(compose.services.api!.command).toEqual(['node', 'dist/src/bin/api.js']);
    expect(compose.services.api!.environment!.MONGODB_URI).toContain('replicaSet=rs0');
    for (const app of ['api', 'worker']) {
      expect(compose.services[app]!.depends_on).toMatchObject({ mongo: { condition: 'service_healthy' } });
    }
  });

  it('sets only variables the config schema knows for the app services', () => {
    for (const app of ['api', 'worker']) {
      const unknown = Object.keys(compose.services[app]!.environment ?? {}).filter((name) => !knownEnvVars.includes(name));
      expect(unknown, `${app} sets unknown variables`).toEqual([]);
    }
  });

  it('takes secrets from the environment, never from the file', () => {
    const env = compose.services.api!.environment!;
    expect(env.STOREFRONT_API_KEYS).toMatch(/^\$\{STOREFRONT_API_KEYS:\?/);
    expect(env.ADMIN_API_KEYS).toMatch(/^\$\{ADMIN_API_KEYS:\?/);
  });
});

describe('.env.example', () => {
  const documented = read('.env.example')
    .split('\n')
    .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
    .filter((name): name is string => Boolean(name));

  it('documents exactly the variables of the config schema', () => {
    expect([...documented].sort()).toEqual([...knownEnvVars].sort());
  });
});
