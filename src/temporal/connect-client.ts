import { Client, Connection } from '@temporalio/client';
import type { Logger } from '../observability/logger.js';

/**
 * gRPC's reconnect backoff grows to 2 minutes by default, so after a long Temporal outage the orders and
 * webhooks waiting in MongoDB would wait up to 2 minutes more once it is back. An attempt every 5 s at
 * most costs nothing worth counting.
 */
const channelArgs = { 'grpc.initial_reconnect_backoff_ms': 500, 'grpc.max_reconnect_backoff_ms': 5_000 };

/** A Temporal client on a connection verified before it is returned (benchmarks, tools). */
export async function connectTemporalClient(address: string, namespace: string): Promise<Client> {
  const connection = await Connection.connect({ address, channelArgs });
  return new Client({ connection, namespace });
}

/**
 * A Temporal client whose connection opens on first use, for the API process and its relay thread. Orders
 * and webhooks are stored in MongoDB before they are answered and the relay loops hand them to Temporal
 * later, so the API serves while Temporal is unreachable; a connection verified at start made it refuse
 * to start instead, and so refuse the carriers' webhooks, until Temporal was back. The connection is
 * checked once in the background and the outcome logged; gRPC reconnects on its own afterwards.
 */
export function lazyTemporalClient(address: string, namespace: string, logger: Logger): Client {
  const connection = Connection.lazy({ address, channelArgs });
  connection.ensureConnected().then(
    () => logger.info('temporal reachable', { address, namespace }),
    (err: unknown) =>
      logger.warn('temporal unreachable: orders and webhooks are stored and handed over once it answers', {
        address,
        error: err instanceof Error ? err.message : String(err),
      }),
  );
  return new Client({ connection, namespace });
}
