/** The kinds of write a repair makes; each needs a different directory role. */
export type RepairStepKind =
  | 'create-service-principal'
  | 'add-permissions'
  | 'grant-application'
  | 'grant-delegated'
  | 'create-application'
  | 'add-secret'
  | 'remove-secret';

/**
 * Plain words for a 403 from Graph on one repair step, naming the roles that can do it, so the
 * admin knows whom to ask instead of reading "Insufficient privileges". The admin-consent link,
 * when given, lets them hand the job over in one message.
 */
export function forbiddenText(step: RepairStepKind, adminConsentLink?: string): string {
  const send = adminConsentLink ? `, or send them this admin-consent link: ${adminConsentLink}` : '';
  switch (step) {
    case 'grant-application':
      return `Your account cannot grant application permissions of Microsoft Graph: that needs a Privileged Role Administrator or Global Administrator. Ask one of them to use Fix it for me${send}.`;
    case 'grant-delegated':
      return `Your account cannot grant admin consent for delegated permissions: that needs an Application Administrator, Cloud Application Administrator, Privileged Role Administrator or Global Administrator. Ask one of them to use Fix it for me${send}.`;
    case 'add-permissions':
      return 'Your account cannot change the app registration: adding permissions needs an Application Administrator, Cloud Application Administrator or Global Administrator. Ask one of them to use Fix it for me.';
    case 'create-application':
    case 'add-secret':
    case 'remove-secret':
      return 'Your account cannot manage app registrations: that needs an Application Administrator, Cloud Application Administrator or Global Administrator (or, for secrets, an owner of the app).';
    case 'create-service-principal':
      return 'Your account cannot create the enterprise application (service principal): that needs an Application Administrator, Cloud Application Administrator or Global Administrator. Ask one of them to use Fix it for me.';
  }
}
