import scenariosJson from './fixtures/scenarios.json';
import { parseFixture, SandboxFixture } from './fixture';

/**
 * Fixed ids and secrets of the apps in fixtures/scenarios.json, so tests import them instead of
 * copying GUIDs. All scenario apps live in one sandbox tenant. Sandbox-only values, never real.
 */
export interface SandboxScenario {
  readonly description: string;
  readonly tenantId: string;
  readonly tenantDomain: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The portal's "Secret ID" column: pasting it instead of the value gives AADSTS7000215. */
  readonly secretKeyId: string;
  readonly displayName: string;
}

/** The tenant that holds every scenario app. */
export const SCENARIO_TENANT = {
  tenantId: 'ee9dcaba-b722-4c20-b3ad-aed6994cb04b',
  domain: 'fabrikam-scenarios.onmicrosoft.com',
  graphServicePrincipalId: '0129a6ab-ee03-484b-8705-b956f1f0d693',
} as const;

function scenario(
  description: string,
  clientId: string,
  clientSecret: string,
  secretKeyId: string,
  displayName: string,
): SandboxScenario {
  const { tenantId, domain } = SCENARIO_TENANT;
  return { description, tenantId, tenantDomain: domain, clientId, clientSecret, secretKeyId, displayName };
}

/** Every scenario app in fixtures/scenarios.json, by name. */
export const SCENARIOS = {
  nothingConsented: scenario(
    'All seven configured, service principal present, nothing granted.',
    'cf72ca72-5495-47f3-b2b2-f319a0dc4fce',
    'Iaw4Q~z4_W7D9oyv4RDGOPgV5tOZxuB4B_x5B8Ak',
    '76efdde6-17c0-4508-ab29-8b1e7c63016e',
    'Scenario: nothing consented',
  ),
  partlyConsented: scenario(
    'All seven configured; Directory.Read.All (Application), User.Read and User.ReadBasic.All granted. Also holds an expired older secret.',
    '23905f96-282f-4dd4-b189-26d61efe0101',
    'ZGi9Q~7-YfZh5fZeOBElS7vk-1Y8mG0~YvhbPnCQ',
    '2b8c76bc-1504-4097-a2df-98a94910cec6',
    'Scenario: partly consented',
  ),
  allGranted: scenario(
    'All seven configured and granted; secret valid about 170 more days.',
    '6811be6f-7a33-410e-815a-be6c1ec5d4b7',
    'nAQ0Q~yGsJ4yKuTnSW.0RQnxtrO1_xcQrV-v88NF',
    '2a45abaf-33cf-47e3-87ef-f4bbaa2f289e',
    'Scenario: all granted',
  ),
  extraPermissions: scenario(
    'All seven plus Mail.Read (Application) and Files.Read.All (Delegated), all granted.',
    '137c2755-dda5-458d-9db8-402236bb5bb6',
    'hvp5Q~SrLaM9je.nCBnGQR3IvHj3jVRc3e~o2n5F',
    '3e19bf3c-6b0f-401f-bdcf-1c9aab26ccac',
    'Scenario: extra permissions',
  ),
  expiredSecret: scenario(
    'All granted; the only secret expired 3 days ago (AADSTS7000222).',
    'de71a145-ff6e-460c-ae3d-cfa690a443d4',
    'MET4Q~JJ5l2k8Xoc2hCHz2SBEerx8~coXvEi_6N5',
    '2f365791-455e-4a74-bf6e-48a31eedaada',
    'Scenario: expired secret',
  ),
  secretExpiringSoon: scenario(
    'All granted; the secret expires in 5 days.',
    'b4dfde8c-51d5-433f-bc13-35c331397587',
    'GEa8Q~FNPJEvF6wtcjPoi2i~Ug5BRTHRdEidime~',
    '223d1aff-e6a1-4371-8a98-4fd7353ddc9c',
    'Scenario: secret expiring soon',
  ),
  longLivedSecret: scenario(
    'All granted; the secret lives about 2 years (beyond the 12-month guidance).',
    '07b8fab5-159a-4bc5-a808-e46083382f02',
    'N4J9Q~uupHM.Yj4m1TiCu_3DDnTD5LQixORoo-ae',
    '9d69b0e2-9444-4f23-af63-a867f96dc43b',
    'Scenario: long-lived secret',
  ),
  disabledApp: scenario(
    'All granted, but the app is disabled (AADSTS7000112).',
    '3464109e-7302-47e1-ae76-945c91efcc46',
    '6VA7Q~dda6A9VHLYaWn__k5iFGEkFGyEuoOX3Tb~',
    '0ca41c6b-c605-4822-afe7-754c7ac51a1f',
    'Scenario: disabled app',
  ),
  noServicePrincipal: scenario(
    'All seven configured, no service principal in the tenant: tokens fail with AADSTS7000229 until admin consent creates it.',
    '70e5c031-2cfb-40f8-a3ab-655810e7eb45',
    'UWB7Q~IoH0p6jHZwyEB_RW5j0dlg~a0GR4F3AdIu',
    '806de0e5-3dce-413a-bca4-a50042ea005d',
    'Scenario: no service principal',
  ),
  noRedirectUri: scenario(
    'All seven configured, only Directory.Read.All (Application) granted, no Web redirect URI (AADSTS500113 on consent links).',
    'e7dfb7c2-4a84-4b1f-9fd5-57e1f87ea004',
    'YJL6Q~4y.t-0Y.JbITFO4d2Ivaqcq2jT3G0YFa-X',
    '714f7774-5e85-4e6b-aa74-17db87f6825d',
    'Scenario: no redirect URI',
  ),
  needsRepair: scenario(
    'For "Fix it for me": Directory.AccessAsUser.All (Delegated) Not added; the other six configured, only Directory.Read.All (Application) and User.Read granted.',
    'e406c3c0-1aca-4e18-be88-6c99f01104cc',
    'gTv8Q~exLlgh70GKLXyP5CSY5Y2oG6-2mizvq5xI',
    'f08465a9-ae36-4060-8da4-0848f3bd47d9',
    'Scenario: needs repair',
  ),
  nothingConfigured: scenario(
    'No permissions configured and no service principal: a repair starts from nothing (tokens fail with AADSTS7000229).',
    'e2e23e45-9468-48f4-ba39-546963028634',
    'Rs38Q~oHMF5qzSZF0yJtIzRF1Q6kGkX8AA1OURCq',
    '3f9a38a1-39a6-4345-beaf-5bed521d0c7a',
    'Scenario: nothing configured',
  ),
} as const satisfies Record<string, SandboxScenario>;

export type ScenarioName = keyof typeof SCENARIOS;

/** A well-formed tenant GUID that exists in no sandbox fixture (AADSTS90002). */
export const UNKNOWN_TENANT_ID = '0235407c-1424-4808-9998-beb63babd4eb';
/** A well-formed client id registered in no sandbox tenant (AADSTS700016). */
export const UNKNOWN_CLIENT_ID = '6a087a9c-477f-478c-8787-324a2a0f3b1e';
/** A secret-shaped value that matches no secret in any fixture (AADSTS7000215). */
export const WRONG_SECRET = 'hAU7Q~jCKai4W1EkrAh-2NIOLfaPjWwHYetPXWWS';

/** The demo tenant and app of fixtures/demo.json (what `npm run sandbox` prints). */
export const DEMO = {
  tenantId: 'baf924e5-0594-463e-82e6-1a92919611d0',
  tenantDomain: 'contoso-sandbox.onmicrosoft.com',
  clientId: '218d0f36-d10c-4106-86c3-f15332e2df44',
  clientSecret: 'raw1Q~6jOzZqer-WJAa8Pg0vuN.8iboXj~If5f6f',
  secretKeyId: 'f0e2c187-27e6-4556-89e8-2fb65b563509',
  displayName: 'Contoso Identity Connector',
} as const;

/** A user of a sandbox tenant, as the sign-in page offers them. */
export interface SandboxUser {
  readonly objectId: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  /** The accessible name of the user's button on the sign-in page. */
  readonly signInButton: string;
}

function user(objectId: string, userPrincipalName: string, displayName: string, role: string): SandboxUser {
  return { objectId, userPrincipalName, displayName, signInButton: `Sign in as ${role} (${userPrincipalName})` };
}

/** Users of the scenario tenant (fabrikam-scenarios.onmicrosoft.com). */
export const SCENARIO_USERS = {
  globalAdministrator: user(
    '5dacde00-74d0-4a02-bb9f-32ff4524e98d',
    'admin@fabrikam-scenarios.onmicrosoft.com',
    'Adele Vance',
    'Global Administrator',
  ),
  privilegedRoleAdministrator: user(
    'd37367cc-847a-47bb-aa80-3fb238e02fdc',
    'privroleadmin@fabrikam-scenarios.onmicrosoft.com',
    'Isaiah Langer',
    'Privileged Role Administrator',
  ),
  applicationAdministrator: user(
    '611c3b12-e616-4e67-89b6-0d719b971fb6',
    'appadmin@fabrikam-scenarios.onmicrosoft.com',
    'Miriam Graham',
    'Application Administrator',
  ),
  plainUser: user(
    'e89bb7fb-42f9-470a-b55f-61be9189ec46',
    'user@fabrikam-scenarios.onmicrosoft.com',
    'Megan Bowen',
    'User',
  ),
} as const satisfies Record<string, SandboxUser>;

/**
 * Users of the demo tenant (contoso-sandbox.onmicrosoft.com). To make the Global Administrator
 * the same person as a Teams user, start the sandbox with
 * `userObjectIds: { [DEMO_USERS.globalAdministrator.userPrincipalName]: aadObjectId }`.
 */
export const DEMO_USERS = {
  globalAdministrator: user(
    '5024471c-a7ee-4dc7-8201-c9d1f5df2058',
    'admin@contoso-sandbox.onmicrosoft.com',
    'Adele Vance',
    'Global Administrator',
  ),
  applicationAdministrator: user(
    '624f5df3-a77d-4307-a0d7-374c7d160a0a',
    'appadmin@contoso-sandbox.onmicrosoft.com',
    'Miriam Graham',
    'Application Administrator',
  ),
  plainUser: user(
    '356bbe71-1727-4e13-aeb9-ba7e0ad7a69d',
    'user@contoso-sandbox.onmicrosoft.com',
    'Megan Bowen',
    'User',
  ),
} as const satisfies Record<string, SandboxUser>;

/**
 * The multi-tenant "sign-in app" the bot's admin sign-in uses (ADMIN_SIGNIN_CLIENT_ID /
 * ADMIN_SIGNIN_CLIENT_SECRET), registered in the demo and the scenario tenant alike. Its Web
 * redirect URI is on localhost, where Entra ID ignores the port, so a bot on any port matches.
 */
export const SIGN_IN_APP = {
  clientId: '8f4ee2a1-b2b9-42ca-9fc5-1671299ed0a9',
  clientSecret: 'r3z8Q~x-A5ByRD9IlbF8hO5ey_18spMvkS-wE1Vp',
  secretKeyId: 'fc6ead15-fdbf-461c-8ec6-da30f0660f5b',
  displayName: 'Connector Fix-it sign-in',
  redirectUri: 'http://localhost:3978/api/fix/callback',
  /** The delegated Graph scopes it is consented for in both tenants. */
  scopes: [
    'https://graph.microsoft.com/Application.ReadWrite.All',
    'https://graph.microsoft.com/AppRoleAssignment.ReadWrite.All',
    'https://graph.microsoft.com/DelegatedPermissionGrant.ReadWrite.All',
  ],
} as const;

/** The demo tenant's app that needs repair (fixtures/demo.json), like SCENARIOS.needsRepair. */
export const DEMO_NEEDS_REPAIR = {
  tenantId: 'baf924e5-0594-463e-82e6-1a92919611d0',
  tenantDomain: 'contoso-sandbox.onmicrosoft.com',
  clientId: 'b9cfa301-f340-4ee3-824c-0998348eb4ba',
  clientSecret: 'H1X8Q~OgQPk0Zia3vhS0oaFhYgRz8vJZDeSp-jsQ',
  secretKeyId: '4553cc65-c9b8-4269-9b0d-061b8d0e9cd8',
  displayName: 'Contoso Connector (needs repair)',
} as const;

/** The parsed scenario fixture, to pass as `startSandboxTenant({ fixture })`. */
export function loadScenarioFixture(): SandboxFixture {
  return parseFixture(scenariosJson, 'scenarios.json');
}
