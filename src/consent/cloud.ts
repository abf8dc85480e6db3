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
