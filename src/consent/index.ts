/**
 * The consent core's public API and the only module outside `src/consent/` may import: the
 * bot, the cards, the CLI, the registrations, the reminders and the store see these names and
 * nothing else, so the files behind them can be split or merged without touching callers.
 * (Tests and the bench may reach inside to exercise one part at a time.)
 */
export * from './report';
export { describeChanges } from './reportChanges';
export { explainAadsts, type FailureText } from './aadstsCatalog';
export { resolveCloud, type CloudEndpoints } from './cloud';
export {
  createConnectorChecker,
  type ConnectorChecker,
  type ConnectorCheckerOptions,
  type CheckOptions,
} from './connectorChecker';
export {
  validateTenant,
  validateClientId,
  normalizeSecret,
  parseConnectorInput,
  extractCredentialsFromText,
  looksLikeClientSecret,
} from './input';
export {
  buildAdminConsentUrl,
  portalLinks,
  parseAdminConsentCallback,
  INVALID_CALLBACK,
  type AdminConsentCallback,
  type AdminConsentLinkArgs,
} from './consentLink';
export { isGuid } from './identifiers';
export { loadProfile } from './profile';
export { parseUtc } from './secretInfo';
export {
  createRegistrationStateReader,
  RegistrationReadError,
  type RegistrationState,
  type RegistrationStateReader,
} from './registrationState';
export {
  createGraphBatchClient,
  type BatchItemRequest,
  type BatchItemResponse,
  type GraphBatchClient,
} from './graphBatch';
export type { RequiredResourceAccess } from './consentFacts';
