import type { FullStore } from '../store/store';
import type { ConsentBaseline } from './consentBaseline';

const NAMESPACE = 'reminder-baseline';

/** Consent baselines per registration; a write never replaces a baseline from a newer check. */
export interface Baselines {
  get(registrationId: string): Promise<ConsentBaseline | undefined>;
  /** False when the stored baseline is already as new (another sweep got there first). */
  putIfNewer(registrationId: string, baseline: ConsentBaseline): Promise<boolean>;
  delete(registrationId: string): Promise<void>;
}

export function createBaselines(store: FullStore): Baselines {
  return {
    get: (registrationId) => store.getKv<ConsentBaseline>(NAMESPACE, registrationId),
    async putIfNewer(registrationId, baseline) {
      const stored = await store.getKv<ConsentBaseline>(NAMESPACE, registrationId);
      if (
        stored &&
        Date.parse(stored.resultAt) >= Date.parse(baseline.resultAt) &&
        JSON.stringify(stored) === JSON.stringify(baseline)
      )
        return false;
      if (stored && Date.parse(stored.resultAt) > Date.parse(baseline.resultAt)) return false;
      await store.putKv<ConsentBaseline>(NAMESPACE, registrationId, { value: baseline });
      return true;
    },
    delete: (registrationId) => store.deleteKv(NAMESPACE, registrationId),
  };
}
