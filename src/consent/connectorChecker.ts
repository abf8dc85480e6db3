import { buildReport, reportLinks } from './buildReport';
import type { CloudEndpoints } from './cloud';
import { consentReadRequests, PAGED_READ_IDS, parseConsentReads } from './consentReads';
import { explainError, type ExplainedError } from './explain';
import { buildFailure, redactSecret, type FailureContext } from './failure';
import { createGraphBatchClient } from './graphBatch';
import { createGraphPageReader } from './graphPages';
import { isGuid } from './identifiers';
import { parseConnectorInput, stripStrayCharacters } from './input';
import { tokenRoles } from './jwtRoles';
import { OFFICE365_CONNECTOR_PROFILE } from './profile';
import type { CheckResult, ConnectorInput, PermissionProfile } from './report';
import { createTenantResolver } from './tenantResolver';
import { withDeadline } from './timing';
import { createTokenProvider } from './token';
import { systemClock, type Clock } from '../time/clock';

/**
 * The consent check as a story: validate the three values -> resolve the tenant -> one
 * app-only token -> ONE Graph batch (plus a GET per further page of a long grant list,
 * none in the usual case) -> a report. It never throws: every problem is a typed
 * CheckFailure with plain words, and no result ever contains the client secret.
 */

export interface ConnectorCheckerOptions {
  cloud: CloudEndpoints;
  profile?: PermissionProfile;
  /** Budget for one whole check; default 20 s. */
  timeoutMs?: number;
  /** The check's time stamp, its deadline and Retry-After dates; default the wall clock. */
  clock?: Clock;
  /** Re-sends of Graph batch items answered 429; default 2. */
  maxItemRetries?: number;
  /** Longest Retry-After honoured; longer ones end the retries. Default 10 s. */
  maxRetryWaitMs?: number;
  /** Token scope override (default: the cloud's Graph `/.default`). */
  graphScope?: string;
  /** Most pages read of one grant list (appRoleAssignments, oauth2PermissionGrants), the first included; default 20. */
  maxPages?: number;
}

export interface CheckOptions {
  /** Added to the admin-consent link; must be registered on the app. */
  redirectUri?: string;
  state?: string;
  /** Take a new token even if a cached one is valid (its roles claim is then current). */
  freshToken?: boolean;
}

/** Checks connectors against one cloud, keeping credentials warm between checks. */
export interface ConnectorChecker {
  check(input: ConnectorInput, options?: CheckOptions): Promise<CheckResult>;
}

const GRAPH_PREFIX = 'The client secret works (Entra ID issued a token), but the permissions could not be read.';

export function createConnectorChecker(options: ConnectorCheckerOptions): ConnectorChecker {
  const profile = options.profile ?? OFFICE365_CONNECTOR_PROFILE;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const clock = options.clock ?? systemClock;
  const cloud = options.cloud;
  const resolver = createTenantResolver({ authorityHost: cloud.authorityHost, clock });
  const tokens = createTokenProvider({ cloud, scope: options.graphScope });
  const batch = createGraphBatchClient({
    graphEndpoint: cloud.graphEndpoint,
    maxItemRetries: options.maxItemRetries,
    maxRetryWaitMs: options.maxRetryWaitMs,
    clock,
  });
  const pages = createGraphPageReader({
    graphEndpoint: cloud.graphEndpoint,
    maxPages: options.maxPages,
    maxItemRetries: options.maxItemRetries,
    maxRetryWaitMs: options.maxRetryWaitMs,
    clock,
  });

  function signalUntil(deadline: number): AbortSignal {
    return AbortSignal.timeout(Math.max(1, deadline - clock.now().getTime()));
  }

  async function explainTokenError(error: unknown, tenantId: string, deadline: number): Promise<ExplainedError> {
    const explained = explainError(error, 'token');
    if (explained.aadsts !== undefined || explained.code !== 'tenant-not-found') return explained;
    // The SDK says only "endpoints could not be resolved": ask discovery ourselves whether the
    // tenant is unknown or the service unreachable (one extra request, on failure only).
    try {
      await withDeadline(resolver.probe(tenantId, signalUntil(deadline)), deadline, 'tenant', timeoutMs, clock);
      return {
        code: 'service-error',
        title: 'Entra ID could not be used',
        explanation: "The sign-in library could not resolve the tenant's endpoints, although the tenant exists.",
        fix: 'Try again in a few minutes. If AUTHORITY_HOST is set, check that it points at a real Entra ID authority.',
        retryable: true,
      };
    } catch (probeError) {
      return explainError(probeError, 'tenant');
    }
  }

  async function run(input: ConnectorInput, opts: CheckOptions, checkedAt: string): Promise<CheckResult> {
    const raw: Partial<Record<keyof ConnectorInput, unknown>> =
      typeof input === 'object' && input !== null ? input : {};
    const parsed = parseConnectorInput(raw);
    const context: FailureContext = { checkedAt };
    if (!parsed.ok) {
      const first = parsed.errors[0];
      const secretId =
        first?.field === 'clientSecret' &&
        typeof raw.clientSecret === 'string' &&
        isGuid(stripStrayCharacters(raw.clientSecret));
      return buildFailure(
        {
          code: secretId ? 'secret-id-given' : 'invalid-input',
          title: secretId ? "That is the Secret ID, not the secret's Value" : 'Some values need correcting',
          explanation: parsed.errors.map((e) => e.message).join(' '),
          fix: first?.message ?? 'Correct the values and check again.',
          retryable: false,
        },
        context,
        { field: first?.field },
      );
    }
    const { tenant, clientId, clientSecret } = parsed.value;
    const deadline = clock.now().getTime() + timeoutMs;
    let ctx: FailureContext = { checkedAt, tenantInput: tenant, clientId };

    let tenantId: string;
    try {
      tenantId = await withDeadline(
        resolver.resolve(tenant, signalUntil(deadline)),
        deadline,
        'tenant',
        timeoutMs,
        clock,
      );
    } catch (error) {
      return buildFailure(explainError(error, 'tenant'), ctx);
    }
    const links = reportLinks(cloud, tenantId, clientId, opts.redirectUri, opts.state);
    ctx = { ...ctx, tenantId, links };

    let accessToken: string;
    try {
      const token = tokens.getToken({ tenantId, clientId, clientSecret, fresh: opts.freshToken });
      accessToken = (await withDeadline(token, deadline, 'token', timeoutMs, clock)).token;
    } catch (error) {
      tokens.forget({ tenantId, clientId, clientSecret });
      return buildFailure(await explainTokenError(error, tenantId, deadline), ctx);
    }

    try {
      const requests = consentReadRequests(clientId, profile.resourceAppId);
      let items = await withDeadline(
        batch.send(requests, { accessToken, deadline, timeoutMs }),
        deadline,
        'graph',
        timeoutMs,
        clock,
      );
      if (!opts.freshToken && [...items.values()].some((item) => item.status === 403)) {
        // A cached token keeps the roles it was issued with: right after an admin grants
        // directory read it is still refused. One fresh token tells stale from really missing.
        accessToken = (
          await withDeadline(
            tokens.getToken({ tenantId, clientId, clientSecret, fresh: true }),
            deadline,
            'token',
            timeoutMs,
            clock,
          )
        ).token;
        items = await withDeadline(
          batch.send(requests, { accessToken, deadline, timeoutMs }),
          deadline,
          'graph',
          timeoutMs,
          clock,
        );
      }
      const whole = await withDeadline(
        pages.complete(items, PAGED_READ_IDS, { accessToken, deadline, timeoutMs }),
        deadline,
        'graph',
        timeoutMs,
        clock,
      );
      const facts = parseConsentReads(whole, tokenRoles(accessToken), clock.now());
      return buildReport({
        cloud,
        profile,
        facts,
        tenantInput: tenant,
        tenantId,
        clientId,
        clientSecret,
        now: new Date(checkedAt),
        links,
        redirectUri: opts.redirectUri,
      });
    } catch (error) {
      return buildFailure(explainError(error, 'graph'), ctx, { prefix: GRAPH_PREFIX });
    }
  }

  return {
    async check(input, opts = {}) {
      const checkedAt = clock.now().toISOString();
      const secret = typeof input?.clientSecret === 'string' ? stripStrayCharacters(input.clientSecret) : '';
      try {
        return redactSecret(await run(input, opts, checkedAt), secret);
      } catch (error) {
        return redactSecret(buildFailure(explainError(error, 'graph'), { checkedAt }), secret);
      }
    },
  };
}
