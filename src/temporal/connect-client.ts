import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';

/** A Temporal client for the API process (starting workflows, signals, queries). */
export async function connectTemporalClient(address: string, namespace: string): Promise<Client> {
  const connection = await NativeConnection.connect({ address });
  return new Client({ connection, namespace });
}
