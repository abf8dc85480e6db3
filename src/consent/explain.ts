import { explainAadsts, type FailureText } from './aadstsCatalog';
import { CheckTimeoutError, MalformedResponseError, ServiceHttpError } from './errors';
import { GUID_PATTERN } from './identifiers';
import { explainHttpStatus, explainTransport, SERVICE, type CheckStage } from './explainTransport';

export type { CheckStage } from './explainTransport';

export { explainAadsts, KNOWN_AADSTS_CODES, type FailureText } from './aadstsCatalog';

/**
 * Turns anything a check can throw (SDK errors, network errors, our own) into words an admin
 * can act on. Raw error messages are only searched for codes and ids; they are never copied
 * into the result, so nothing a library put in a message (URLs, bodies) can leak through.
 */

/** An explained failure plus the support ids Entra ID gave, when any. */
export interface ExplainedError extends FailureText {
  readonly aadsts?: string;
  readonly correlationId?: string;
  readonly traceId?: string;
}

function chainOf(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 8 && !chain.includes(current)) {
    chain.push(current);
    if (current instanceof AggregateError) chain.push(...current.errors.slice(0, 4));
    current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
  return chain;
}

function textOf(chain: readonly unknown[]): string {
  const parts: string[] = [];
  for (const e of chain) {
    if (typeof e === 'string') parts.push(e);
    if (typeof e !== 'object' || e === null) continue;
    const record = e as Record<string, unknown>;
    for (const key of ['message', 'errorMessage', 'errorCode', 'code', 'subError', 'name']) {
      if (typeof record[key] === 'string') parts.push(record[key] as string);
    }
    const details = record.details;
    if (
      typeof details === 'object' &&
      details !== null &&
      typeof (details as { description?: unknown }).description === 'string'
    ) {
      parts.push((details as { description: string }).description);
    }
    const response = record.errorResponse;
    if (typeof response === 'object' && response !== null) {
      const r = response as Record<string, unknown>;
      for (const key of ['error', 'errorDescription', 'correlationId', 'traceId']) {
        if (typeof r[key] === 'string')
          parts.push(
            `${key === 'correlationId' ? 'Correlation ID: ' : key === 'traceId' ? 'Trace ID: ' : ''}${r[key] as string}`,
          );
      }
    }
  }
  return parts.join('\n');
}

function codesOf(chain: readonly unknown[]): string[] {
  return chain.flatMap((e) => {
    const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
    return typeof code === 'string' ? [code] : [];
  });
}

function find(text: string, pattern: RegExp): string | undefined {
  return pattern.exec(text)?.[1]?.toLowerCase();
}

/** Explains any error thrown during a check at `stage`. */
export function explainError(error: unknown, stage: CheckStage): ExplainedError {
  const chain = chainOf(error);
  const text = textOf(chain);
  const ids = {
    correlationId: find(text, new RegExp(`Correlation ID:\\s*(${GUID_PATTERN})`, 'i')),
    traceId: find(text, new RegExp(`Trace ID:\\s*(${GUID_PATTERN})`, 'i')),
  };
  const timeout = chain.find((e): e is CheckTimeoutError => e instanceof CheckTimeoutError);
  if (timeout) {
    const seconds = Math.round(timeout.timeoutMs / 100) / 10;
    return {
      code: 'timeout',
      title: `${SERVICE[timeout.stage]} did not answer in time`,
      explanation: `The check gave up after ${seconds} seconds waiting for ${SERVICE[timeout.stage]}.`,
      fix: 'Try again in a moment. If it keeps timing out, check the network path (proxy, firewall) to the service.',
      retryable: true,
    };
  }
  const aadsts = /AADSTS(\d{4,9})/.exec(text)?.[1];
  if (aadsts) return { ...explainAadsts(aadsts), aadsts, ...ids };

  const http = chain.find((e): e is ServiceHttpError => e instanceof ServiceHttpError);
  if (http) return { ...explainHttpStatus(http, stage), ...ids };
  if (chain.some((e) => e instanceof MalformedResponseError)) {
    return {
      code: 'malformed-response',
      title: `${SERVICE[stage]} sent an unreadable answer`,
      explanation: `The answer from ${SERVICE[stage]} was not in the documented format, so the check cannot trust it.`,
      fix: 'Try again. If AUTHORITY_HOST or GRAPH_ENDPOINT are set, check that they point at the real service.',
      retryable: true,
      ...ids,
    };
  }

  const transport = explainTransport(codesOf(chain), text, stage);
  if (transport) return { ...transport, ...ids };
  if (
    text.includes('endpoints_resolution_error') ||
    chain.some((e) => e instanceof Error && e.name === 'CredentialUnavailableError')
  ) {
    return { ...explainAadsts('90002'), ...ids };
  }
  const name = error instanceof Error ? error.name : typeof error;
  return {
    code: 'unexpected',
    title: 'The check failed unexpectedly',
    explanation: `Something unexpected went wrong while talking to ${SERVICE[stage]} (${name.slice(0, 60)}).`,
    fix: 'Try again. If it happens again, report it with the time of the check.',
    retryable: true,
    ...ids,
  };
}
