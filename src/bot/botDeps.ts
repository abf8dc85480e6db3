import type { CloudEndpoints } from '../consent';
import type { Logger } from '../log/logger';
import type { RegistrationService } from '../registrations/registrationService';
import type { Store } from '../store/store';
import type { AccessDecision } from './accessPolicy';
import type { ConsentFollowUp } from './consentFollowUp';
import type { Proactive } from './proactive';
import type { ResultCardRenderer } from './resultCard';
import type { TurnInfo } from './turnInfo';
import type { Clock } from '../time/clock';

/**
 * Everything the Teams glue needs, built once by the composition root. Handlers take only
 * the part they use (`Pick<BotDeps, ...>`); only createBotApp takes it all.
 */
export interface BotDeps {
  readonly store: Store;
  readonly registrations: RegistrationService;
  readonly renderResult: ResultCardRenderer;
  readonly followUp: ConsentFollowUp;
  readonly proactive: Proactive;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly cloud: CloudEndpoints;
  readonly access: (info: TurnInfo) => AccessDecision;
  readonly serviceUrlAllowed: (serviceUrl: string | undefined) => boolean;
  /** How long an Action.Execute waits for a check before answering "Checking…" and updating later. */
  readonly invokeBudgetMs: number;
  readonly botAppId: string;
  /** An admin sign-in app is configured: the welcome card and setup form offer Create it for me. */
  readonly offerCreate?: boolean;
}
