import { afterAll, beforeAll } from 'vitest';
import type { EmbeddedTemporal } from '../../src/embedded/temporal-server.js';
import { startTestCarrierSim, type TestCarrierSim } from './carrier-sim.js';
import { startTestMongo, startTestTemporalDev, startTestTemporalTimeSkipping, type TestMongo } from './servers.js';
import { startStack, type TestStack } from './stack.js';

/** The real servers of one test file; filled in by its beforeAll. */
export interface TestServers {
  mongo: TestMongo;
  temporal: EmbeddedTemporal;
  /** Present when the file asked for the carrier simulator. */
  sim: TestCarrierSim;
}

/**
 * Registers the file's beforeAll/afterAll: starts MongoDB, Temporal (dev server or time-skipping) and
 * optionally the carrier simulator, and stops them and every stack made with `stack()` afterwards.
 */
export function useTestServers(temporal: 'dev' | 'time-skipping', options: { carrierSim?: boolean } = {}) {
  const servers = {} as TestServers;
  const stacks: TestStack[] = [];

  beforeAll(async () => {
    const [mongo, server, sim] = await Promise.all([
      startTestMongo(),
      temporal === 'dev' ? startTestTemporalDev() : startTestTemporalTimeSkipping(),
      options.carrierSim ? startTestCarrierSim() : undefined,
    ]);
    Object.assign(servers, { mongo, temporal: server, ...(sim ? { sim } : {}) });
  });

  afterAll(async () => {
    for (const stack of stacks) await stack.stop();
    await Promise.all([servers.mongo?.stop(), servers.temporal?.stop(), servers.sim?.stop()]);
  });

  return {
    servers,
    /** A stack on these servers (the simulator's carriers unless others are given), stopped after the file. */
    async stack(stackOptions: Omit<Parameters<typeof startStack>[0], 'mongoServer' | 'temporalServer'> = {}): Promise<TestStack> {
      const stack = await startStack({
        mongoServer: servers.mongo,
        temporalServer: servers.temporal,
        ...(servers.sim ? { carriers: servers.sim.carriers } : {}),
        ...stackOptions,
      });
      stacks.push(stack);
      return stack;
    },
  };
}
