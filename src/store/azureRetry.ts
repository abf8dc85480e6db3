import { setTimeout as sleep } from 'node:timers/promises';
import { AzureStoreError } from './azureStoreError';

/**
 * Runs an optimistic step (read, then write guarded by an etag or a create) until it reports
 * success. Losing such a race means another instance changed the same record in between;
 * the step re-reads and tries again after a short, jittered pause.
 */
export async function retryOnConflict(what: string, step: () => Promise<boolean>, attempts = 16): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await step()) return;
    await sleep(Math.random() * Math.min(250, 10 * 2 ** attempt));
  }
  throw new AzureStoreError(
    'conflict',
    `Gave up ${what} after ${attempts} attempts: other instances kept changing the same record at the same moment.`,
  );
}
