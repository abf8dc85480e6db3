import type { FailureText } from './aadstsCatalog';

/**
 * AADSTS errors that mean the check talks to the wrong Microsoft cloud (a US Government or
 * China tenant checked against the public cloud, or the other way round), or to a resource the
 * tenant does not have. Source: https://learn.microsoft.com/entra/identity-platform/reference-error-codes
 */

const SET_THE_CLOUD =
  "Set AZURE_CLOUD to the tenant's cloud: usgov for Azure Government (login.microsoftonline.us), china for Microsoft Azure operated by 21Vianet (login.chinacloudapi.cn), public otherwise. The app registration must live in that same cloud.";

const CROSS_CLOUD: FailureText = {
  code: 'wrong-cloud',
  title: 'The tenant is in another Microsoft cloud',
  explanation:
    'Entra ID refused a sign-in with a client secret across clouds: the tenant belongs to a different Microsoft cloud (a national cloud such as US Government or China) than the one this check signs in to.',
  fix: SET_THE_CLOUD,
  retryable: false,
};

export const CLOUD_CODES: Readonly<Record<string, FailureText>> = {
  '900382': CROSS_CLOUD,
  '900432': CROSS_CLOUD,
  '90038': {
    code: 'wrong-cloud',
    title: 'The tenant is in a national cloud',
    explanation:
      'Entra ID says the tenant belongs to a national cloud (Azure Government or Azure operated by 21Vianet) that the cloud this check signs in to does not federate with.',
    fix: `${SET_THE_CLOUD} For example AZURE_CLOUD=usgov for a US Government tenant, or AZURE_CLOUD=china for a China tenant.`,
    retryable: false,
  },
  '500011': {
    code: 'resource-not-found',
    title: 'Microsoft Graph is not known in this tenant',
    explanation:
      "Entra ID could not find the resource the token was asked for (its service principal is not in the tenant). For this check the resource is Microsoft Graph, so the Graph address does not match the tenant's cloud, or a custom GRAPH_ENDPOINT points at the wrong place.",
    fix: `Check GRAPH_ENDPOINT (leave it unset for Microsoft's clouds) and AZURE_CLOUD. ${SET_THE_CLOUD}`,
    retryable: false,
  },
};
