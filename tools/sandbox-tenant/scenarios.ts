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

/** The parsed scenario fixture, to pass as `startSandboxTenant({ fixture })`. */
export function loadScenarioFixture(): SandboxFixture {
  return parseFixture(scenariosJson, 'scenarios.json');
}
