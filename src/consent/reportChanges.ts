import type { CheckResult, PermissionResult } from './report';

const rowName = (p: PermissionResult): string => `${p.permission.name} (${p.permission.kind})`;

/**
 * What differs between two checks of the same registration, in words an admin reads at a
 * glance ("User.Read.All (Application): Not granted → Granted"). Empty when nothing they would
 * care about changed, so a Retest can say "no change" instead of looking identical.
 */
export function describeChanges(previous: CheckResult, current: CheckResult): string[] {
  if (previous.kind === 'failure' && current.kind === 'failure') {
    return previous.code === current.code ? [] : [`${previous.title} → ${current.title}`];
  }
  if (previous.kind === 'failure' && current.kind === 'report')
    return [`The check now succeeds (was: ${previous.title})`];
  if (previous.kind === 'report' && current.kind === 'failure') return [`The check now fails: ${current.title}`];
  if (previous.kind !== 'report' || current.kind !== 'report') return [];

  const changes: string[] = [];
  if (previous.verdict !== current.verdict) changes.push(`Verdict: ${previous.verdict} → ${current.verdict}`);
  const before = new Map(previous.permissions.map((p) => [`${p.permission.kind}:${p.permission.id}`, p.status]));
  for (const row of current.permissions) {
    const was = before.get(`${row.permission.kind}:${row.permission.id}`);
    if (was !== undefined && was !== row.status) changes.push(`${rowName(row)}: ${was} → ${row.status}`);
  }
  if (previous.secret.endDateTime !== current.secret.endDateTime && current.secret.endDateTime) {
    changes.push(`Client secret: now expires ${current.secret.endDateTime.slice(0, 10)}`);
  }
  const extrasBefore = previous.extraPermissions.length;
  const extrasNow = current.extraPermissions.length;
  if (extrasBefore !== extrasNow) changes.push(`Extra permissions: ${extrasBefore} → ${extrasNow}`);
  return changes;
}
