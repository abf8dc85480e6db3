import { createAuthCodes } from './authCodes';
import { ensureSandboxCertificates } from './certificates';
import { createControlState } from './controlState';
import { createDirectory } from './directory';
import { loadDemoFixture } from './fixture';
import { createPageTokens } from './graphPaging';
import { createGraphHandler } from './graphRoutes';
import { Listener, startListener } from './httpKit';
import { createLoginHandler } from './loginRoutes';
import { SandboxContext } from './sandboxContext';
import { createTokenIssuer } from './tokenIssuer';
import { SandboxOptions, SandboxTenant } from './types';

export type {
  FaultTarget,
  SandboxControls,
  SandboxFault,
  SandboxMode,
  SandboxOptions,
  SandboxRequest,
  SandboxTenant,
} from './types';

/**
 * Starts a local, strict stand-in for Entra ID and Microsoft Graph on two loopback HTTPS
 * listeners. A development and test tool only: nothing uses it unless pointed at it through
 * AUTHORITY_HOST / GRAPH_ENDPOINT (or a test passing its URLs).
 */
export async function startSandboxTenant(options: SandboxOptions = {}): Promise<SandboxTenant> {
  const now = options.now ?? (() => new Date());
  const certs = ensureSandboxCertificates(options.certDir);
  const tls = { cert: certs.certPem, key: certs.keyPem };
  const replicationDelayMs = options.replicationDelayMs ?? 0;
  const directory = createDirectory(
    options.fixture ?? loadDemoFixture(),
    now,
    () => replicationDelayMs,
    options.userObjectIds,
  );
  const state = createControlState(directory, options.latencyMs ?? 0);
  if (options.pageSize !== undefined) state.controls.setPageSize(options.pageSize);
  const ctx: SandboxContext = {
    directory,
    issuer: createTokenIssuer(now),
    state,
    now,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
    pendingConsents: new Map(),
    pendingSignIns: new Map(),
    authCodes: createAuthCodes(now),
    pageTokens: createPageTokens(),
    authorityHost: '',
    graphEndpoint: '',
  };

  const listeners: Listener[] = [];
  try {
    const login = await startListener({
      name: 'login',
      port: options.loginPort ?? 0,
      tls,
      state,
      now,
      handle: createLoginHandler(ctx),
      isControl: (path) => path === '/_sandbox' || path.startsWith('/_sandbox/'),
    });
    listeners.push(login);
    const graph = await startListener({
      name: 'graph',
      port: options.graphPort ?? 0,
      tls,
      state,
      now,
      handle: createGraphHandler(ctx),
    });
    listeners.push(graph);
    ctx.authorityHost = `https://localhost:${login.port}`;
    ctx.graphEndpoint = `https://localhost:${graph.port}`;
  } catch (error) {
    await Promise.all(listeners.map((l) => l.close()));
    throw error;
  }

  let stopped: Promise<void> | undefined;
  return {
    authorityHost: ctx.authorityHost,
    graphEndpoint: ctx.graphEndpoint,
    caPath: certs.caPath,
    controls: state.controls,
    stop() {
      stopped ??= Promise.all(listeners.map((l) => l.close())).then(() => undefined);
      return stopped;
    },
  };
}
