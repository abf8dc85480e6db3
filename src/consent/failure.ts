import type { ExplainedError } from './explain';
import type { CheckFailure, InputField, ReportLinks } from './report';

/** Who and what a failure is about, when known at the point of failure. */
export interface FailureContext {
  readonly checkedAt: string;
  readonly tenantInput?: string;
  readonly tenantId?: string;
  readonly clientId?: string;
  readonly links?: Partial<ReportLinks>;
}

/** Assembles a CheckFailure from an explanation and its context (undefined keys left out). */
export function buildFailure(
  explained: ExplainedError,
  context: FailureContext,
  extra?: { field?: InputField; prefix?: string },
): CheckFailure {
  const failure: CheckFailure = {
    kind: 'failure',
    code: explained.code,
    checkedAt: context.checkedAt,
    aadsts: explained.aadsts,
    title: explained.title,
    explanation: extra?.prefix ? `${extra.prefix} ${explained.explanation}` : explained.explanation,
    fix: explained.fix,
    field: extra?.field ?? explained.field,
    correlationId: explained.correlationId,
    traceId: explained.traceId,
    retryable: explained.retryable,
    tenantInput: context.tenantInput,
    tenantId: context.tenantId,
    clientId: context.clientId,
    links: context.links,
  };
  return Object.fromEntries(Object.entries(failure).filter(([, v]) => v !== undefined)) as unknown as CheckFailure;
}

/** Replaces every occurrence of the secret in any string of the result: a last line of defence. */
export function redactSecret<T>(value: T, secret: string): T {
  if (secret.length < 6) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.includes(secret) ? v.split(secret).join('[redacted]') : v;
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
