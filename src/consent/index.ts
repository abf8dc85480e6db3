/** The consent core's public API: everything the bot, the CLI and the reminders use. */
export * from './report';
export { resolveCloud, type CloudEndpoints } from './cloud';
export {
  createConnectorChecker,
  type ConnectorChecker,
  type ConnectorCheckerOptions,
  type CheckOptions,
} from './connectorChecker';
export { checkConnector } from './checkConnector';
export {
  validateTenant,
  validateClientId,
  normalizeSecret,
  parseConnectorInput,
  extractCredentialsFromText,
  looksLikeClientSecret,
  stripStrayCharacters,
  isGuid,
  isDomain,
  MAX_FIELD_LENGTH,
  type FieldCheck,
  type ParsedInput,
  type ExtractedCredentials,
} from './input';
export {
  buildAdminConsentUrl,
  buildAdminConsentUrlV2,
  portalLinks,
  parseAdminConsentCallback,
  type AdminConsentCallback,
  type AdminConsentLinkArgs,
} from './consentLink';
export { loadProfile, parseProfile, OFFICE365_CONNECTOR_PROFILE, DEFAULT_PROFILE_ID, ProfileError } from './profile';
export { explainAadsts, explainError, KNOWN_AADSTS_CODES, type ExplainedError, type FailureText } from './explain';
export { deriveSecretInfo, daysLeft, addUtcMonths, parseUtc, utcDate } from './secretInfo';
export { deriveStatuses, type DerivedStatuses } from './deriveStatuses';
export { buildNextSteps } from './nextSteps';
export { readTokenClaims, tokenRoles } from './jwtRoles';
