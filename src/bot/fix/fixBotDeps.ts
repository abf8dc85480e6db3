import type { PermissionProfile } from '../../consent';
import type { AuditTrail } from '../../repair/auditTrail';
import type { FixRequest } from '../../repair/fixRequest';
import type { BotDeps } from '../botDeps';

/** What the Fix it for me buttons and the `history` command share, built once by runtime.ts. */
export interface FixBotDeps {
  readonly bot: Pick<BotDeps, 'registrations' | 'renderResult' | 'logger'>;
  readonly audit: Pick<AuditTrail, 'list' | 'forget'>;
  /**
   * The sign-in start URL bound to a request (signed, single-use state), from the sign-in module;
   * absent when no admin sign-in app is configured (the button is then never shown).
   */
  readonly fixStartLink?: (request: FixRequest) => Promise<string>;
  readonly profileOf: (profileId: string) => PermissionProfile;
}
