import type { CloudName } from './report';

/** Endpoints of one Microsoft cloud; tests and the sandbox use the 'custom' overrides. */
export interface CloudEndpoints {
  readonly name: CloudName;
  /** e.g. https://login.microsoftonline.com (no trailing slash). */
  readonly authorityHost: string;
  /** e.g. https://graph.microsoft.com (no trailing slash, no version). */
  readonly graphEndpoint: string;
  /** e.g. https://portal.azure.com */
  readonly portal: string;
}

const CLOUDS: Record<Exclude<CloudName, 'custom'>, CloudEndpoints> = {
  public: {
    name: 'public',
    authorityHost: 'https://login.microsoftonline.com',
    graphEndpoint: 'https://graph.microsoft.com',
    portal: 'https://portal.azure.com',
  },
  usgov: {
    name: 'usgov',
    authorityHost: 'https://login.microsoftonline.us',
    graphEndpoint: 'https://graph.microsoft.us',
    portal: 'https://portal.azure.us',
  },
  china: {
    name: 'china',
    authorityHost: 'https://login.chinacloudapi.cn',
    graphEndpoint: 'https://microsoftgraph.chinacloudapi.cn',
    portal: 'https://portal.azure.cn',
  },
};

const hostOf = (url: string): string => new URL(url).hostname.toLowerCase();

/**
 * The Entra ID authority hosts of Microsoft's clouds: the one list the token provider uses to
 * tell a real authority (instance discovery on) from a test double.
 */
export const MICROSOFT_AUTHORITY_HOSTS: ReadonlySet<string> = new Set(
  Object.values(CLOUDS).map((cloud) => hostOf(cloud.authorityHost)),
);

/**
 * The Microsoft Graph hosts of Microsoft's clouds, plus US Government DoD's, which signs in
 * through the usgov authority (https://learn.microsoft.com/graph/deployments). The Graph client
 * sends a bearer token to these on its own; any other host must be named explicitly.
 */
export const MICROSOFT_GRAPH_HOSTS: ReadonlySet<string> = new Set([
  ...Object.values(CLOUDS).map((cloud) => hostOf(cloud.graphEndpoint)),
  'dod-graph.microsoft.us',
]);

/**
 * Picks a cloud by name and applies explicit overrides (AUTHORITY_HOST, GRAPH_ENDPOINT).
 * Any override makes the cloud 'custom' so reports say the check did not run against Microsoft.
 */
export function resolveCloud(
  name: Exclude<CloudName, 'custom'>,
  overrides: { authorityHost?: string; graphEndpoint?: string; portal?: string } = {},
): CloudEndpoints {
  const base = CLOUDS[name];
  const trim = (u: string): string => u.replace(/\/+$/, '');
  const custom = Boolean(overrides.authorityHost || overrides.graphEndpoint);
  return {
    name: custom ? 'custom' : base.name,
    authorityHost: trim(overrides.authorityHost ?? base.authorityHost),
    graphEndpoint: trim(overrides.graphEndpoint ?? base.graphEndpoint),
    portal: trim(overrides.portal ?? base.portal),
  };
}
