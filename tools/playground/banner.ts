import type { PlaygroundPorts } from './playgroundSettings';

/** What the newcomer needs on screen once everything runs. */
export interface BannerFacts {
  readonly playgroundUrl: string;
  readonly ports: PlaygroundPorts;
  readonly demo: {
    readonly tenantId: string;
    readonly tenantDomain: string;
    readonly clientId: string;
    readonly clientSecret: string;
  };
  /** A second demo app with a permission "Not added", for Fix it for me. */
  readonly needsRepair?: { readonly clientId: string; readonly clientSecret: string };
  readonly dataDir: string;
  readonly logsDir: string;
  /** The sandbox's CA certificate, which a browser can be told to trust. */
  readonly caPath?: string;
}

/**
 * The runner's welcome text. The client secret shown is the sandbox demo fixture's, a
 * made-up value that only the local sandbox tenant accepts, so printing it is safe.
 */
export function renderBanner(facts: BannerFacts): string {
  const { ports, demo } = facts;
  return [
    '',
    '  Connector Consent Bot — local playground (development only)',
    '  ------------------------------------------------------------',
    `  1. Open ${facts.playgroundUrl} in your browser (Microsoft 365 Agents Playground).`,
    '  2. In "Personal Chat", click "Start setup" on the welcome card (or type: setup)',
    '     and enter the sandbox demo app:',
    `       Tenant          ${demo.tenantDomain}   (or ${demo.tenantId})`,
    `       Client ID       ${demo.clientId}`,
    `       Client secret   ${demo.clientSecret}   (sandbox-only value, not a real secret)`,
    '  3. The status card shows the permissions still missing. "Grant admin consent" opens',
    '     the sandbox\'s consent page: accept it, and the card turns Ready within a minute (or click "Retest").',
    "     Your browser will warn about the page's certificate: the sandbox signs its own, for localhost only.",
    `     To skip the warning, trust ${facts.caPath ?? 'the sandbox CA'} in the browser, or continue past it.`,
    ...(facts.needsRepair
      ? [
          '  4. Fix it for me: type "setup" again and enter the app that needs repair (same tenant):',
          `       Client ID       ${facts.needsRepair.clientId}`,
          `       Client secret   ${facts.needsRepair.clientSecret}   (sandbox-only value)`,
          '     Select "Fix it for me", then "Sign in and apply", and sign in as the Global Administrator.',
          '  5. Create it for me: on the welcome card (or type "setup") select "I don\'t have an app registration yet",',
          `     give it a name and tenant ${demo.tenantId}, sign in as the Global Administrator, then`,
          '     "Show the secret value" (once). "Rotate now" on its status card rotates the secret the same way.',
        ]
      : []),
    '',
    `  Bot        http://localhost:${ports.bot}   local mode: Bot Framework authentication is OFF`,
    `  Sandbox    https://localhost:${ports.sandboxLogin} (Entra ID double), https://localhost:${ports.sandboxGraph} (Graph double)`,
    `  Data       ${facts.dataDir}`,
    `  Logs       ${facts.logsDir}`,
    '',
    '  Press Ctrl+C to stop all three.',
    '',
  ].join('\n');
}
