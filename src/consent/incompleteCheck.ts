import type { ConsentFacts, ReadResult } from './consentFacts';
import type { IncompleteCheck } from './report';

/**
 * Tells a check that could not finish from one that found something missing. A 403 (no
 * directory-read permission) or 404 (no service principal) is an answer about the app; a
 * throttled, failed, cut-short or unreadable answer is not, so the report must not turn it
 * into "Action needed" (or Ready) and says instead when a retest is likely to work.
 */

type FailedRead = Extract<ReadResult<unknown>, { ok: false }>;

/** A read that failed for a reason that says nothing about the app registration itself. */
export function isUnfinishedRead(read: ReadResult<unknown>): read is FailedRead {
  return !read.ok && read.status !== 403 && read.status !== 404;
}

function waitWords(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} minutes`;
  return `${Math.round(minutes / 60)} hours`;
}

function retryWords(failed: readonly FailedRead[], retryAt: Date | undefined, seconds: number | undefined): string {
  if (retryAt !== undefined && seconds !== undefined) {
    const at = `${retryAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    return `Microsoft Graph asked to wait ${waitWords(seconds)}: retest after ${at}.`;
  }
  if (failed.some((r) => r.status === 429)) {
    return 'Microsoft Graph is throttling requests for this tenant: retest in a minute or two.';
  }
  if (failed.some((r) => r.status >= 500)) {
    return 'Microsoft Graph had a temporary error: retest in a few minutes.';
  }
  return 'Retest in a few minutes. If the same read fails again, open the app in the Azure portal to check it by hand.';
}

/** Why the check could not finish and when to retry, or undefined when every read was answered. */
export function incompleteCheck(facts: ConsentFacts, checkedAt: Date): IncompleteCheck | undefined {
  const reads: ReadResult<unknown>[] = [
    facts.application,
    facts.appRoleAssignments,
    facts.oauth2PermissionGrants,
    facts.resourceServicePrincipal,
  ];
  const failed = reads.filter(isUnfinishedRead);
  if (failed.length === 0) return undefined;
  const waits = failed.flatMap((r) => (r.retryAfterSeconds === undefined ? [] : [r.retryAfterSeconds]));
  const seconds = waits.length > 0 ? Math.max(...waits) : undefined;
  const retryAt = seconds !== undefined && seconds > 0 ? new Date(checkedAt.getTime() + seconds * 1000) : undefined;
  return {
    reasons: [...new Set(failed.map((r) => r.reason))],
    retry: retryWords(failed, retryAt, seconds),
    ...(retryAt ? { retryAfterSeconds: seconds, retryAt: retryAt.toISOString() } : {}),
  };
}
