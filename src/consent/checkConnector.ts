import type { CheckOptions, ConnectorCheckerOptions } from './connectorChecker';
import { createConnectorChecker } from './connectorChecker';
import type { CheckResult, ConnectorInput } from './report';

/**
 * One check without keeping a checker: for scripts and the CLI. Long-lived callers (the bot)
 * should keep one createConnectorChecker() so re-checks reuse the cached token.
 */
export function checkConnector(
  input: ConnectorInput,
  options: ConnectorCheckerOptions & CheckOptions,
): Promise<CheckResult> {
  const { redirectUri, state, freshToken, ...checkerOptions } = options;
  return createConnectorChecker(checkerOptions).check(input, { redirectUri, state, freshToken });
}
