import type { CheckFailure, CheckResult, CloudEndpoints, ConsentReport, PermissionStatus } from '../consent';
import { daysLeftInWords } from '../time/daysLeft';

/**
 * The human-readable CLI output. Text that came from Graph (app names, secret names) is
 * stripped of control characters so a hostile display name cannot drive the terminal.
 */

const MARK: Record<PermissionStatus, string> = {
  Granted: '[x]',
  'Not granted': '[ ]',
  'Not added': '[-]',
  Unknown: '[?]',
};

/** Removes terminal control characters (ESC sequences, bells, carriage returns). */
export function safeText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ');
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text + ' '.repeat(width - text.length);
}

function secretLine(report: ConsentReport): string {
  const s = report.secret;
  if (!s.identified) return 'works; expiry unknown';
  const name = s.displayName ? `"${safeText(s.displayName)}"` : 'unnamed secret';
  const end = s.endDateTime ? `${s.endDateTime.slice(0, 16).replace('T', ' ')} UTC` : 'unknown';
  const expired = s.endDateTime !== undefined && Date.parse(s.endDateTime) <= Date.parse(report.checkedAt);
  const when = s.daysLeft === undefined ? `expires ${end}` : `${daysLeftInWords(s.daysLeft, expired)}, on ${end}`;
  return `${name} (${safeText(s.hint ?? '???')}...), ${when}`;
}

function renderReport(r: ConsentReport): string {
  const lines: string[] = [];
  lines.push(`Connector check: ${r.verdict}`, '');
  if (r.verdict === 'Check incomplete' && r.incomplete) {
    lines.push('The check could not finish:');
    for (const reason of r.incomplete.reasons) lines.push(`  - ${safeText(reason)}`);
    lines.push(`Retry: ${safeText(r.incomplete.retry)}`, '');
  }
  lines.push(`  App        ${safeText(r.app.displayName ?? '(name not readable)')}  ${r.clientId}`);
  lines.push(`  Tenant     ${safeText(r.tenantInput)}${r.tenantInput === r.tenantId ? '' : `  (${r.tenantId})`}`);
  lines.push(`  Cloud      ${r.cloud}`);
  lines.push(`  Secret     ${secretLine(r)}`, '');
  const width = Math.max(10, ...r.permissions.map((p) => p.permission.name.length)) + 2;
  lines.push(`  ${pad('Permission', width + 4)}${pad('Kind', 13)}Status`);
  for (const p of r.permissions) {
    lines.push(
      `  ${MARK[p.status]} ${pad(p.permission.name, width)}${pad(p.permission.kind, 13)}${p.status}${p.source === 'token-roles' ? ' (from token)' : ''}`,
    );
  }
  if (r.extraPermissions.length > 0) {
    lines.push('', '  Extra permissions (not needed by the connector):');
    for (const e of r.extraPermissions) lines.push(`    - ${safeText(e.name)} (${e.kind})`);
  }
  const warnings = r.secret.warnings.map((w) => w.text);
  if (warnings.length > 0) {
    lines.push('', '  Secret warnings:');
    for (const w of warnings) lines.push(`    - ${safeText(w)}`);
  }
  if (r.nextSteps.length > 0) {
    lines.push('', 'Next steps:');
    r.nextSteps.forEach((step, i) => {
      lines.push(`  ${i + 1}. ${safeText(step.text)}`);
      if (step.link) lines.push(`     ${step.link}`);
    });
  }
  if (r.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const note of r.notes) lines.push(`  - ${safeText(note)}`);
  }
  lines.push('', `Admin consent link: ${r.links.adminConsent}`, `API permissions:    ${r.links.portalApiPermissions}`);
  return `${lines.join('\n')}\n`;
}

/** Failures about reaching a service, whose text names the service but not the address used. */
const CONNECTION_CODES: ReadonlySet<CheckFailure['code']> = new Set([
  'network',
  'tls',
  'timeout',
  'throttled',
  'service-error',
  'malformed-response',
  'unexpected',
]);

/** The address the failed step talked to, told apart by the service the failure names. */
function hostTried(f: CheckFailure, cloud: CloudEndpoints | undefined): string | undefined {
  if (!cloud || !CONNECTION_CODES.has(f.code)) return undefined;
  const text = `${f.title} ${f.explanation}`;
  if (text.includes('Microsoft Graph')) return `${cloud.graphEndpoint} (Microsoft Graph)`;
  if (text.includes('Entra ID')) return `${cloud.authorityHost} (Entra ID)`;
  return undefined;
}

function renderFailure(f: CheckFailure, cloud: CloudEndpoints | undefined): string {
  const lines = [`Connector check failed: ${safeText(f.title)}`, '', `  ${safeText(f.explanation)}`];
  // Input errors explain and fix in one sentence; say it once.
  if (f.fix.trim() && !f.explanation.includes(f.fix.trim())) lines.push('', `  Fix: ${safeText(f.fix)}`);
  const host = hostTried(f, cloud);
  if (host) lines.push(`  Host tried: ${safeText(host)}`);
  const ids = [
    f.aadsts ? `AADSTS${f.aadsts}` : undefined,
    f.correlationId ? `Correlation ID ${f.correlationId}` : undefined,
    f.traceId ? `Trace ID ${f.traceId}` : undefined,
  ].filter((x): x is string => x !== undefined);
  if (ids.length > 0) lines.push('', `  For support: ${ids.join(', ')}`);
  if (f.retryable) lines.push('  Trying again later may work.');
  if (f.links?.portalCredentials && (f.field === 'clientSecret' || f.code === 'secret-expired'))
    lines.push(`  Certificates & secrets: ${f.links.portalCredentials}`);
  return `${lines.join('\n')}\n`;
}

/** The table (or failure text) for a check result; `cloud` lets a connection failure name its host. */
export function renderResult(result: CheckResult, cloud?: CloudEndpoints): string {
  return result.kind === 'report' ? renderReport(result) : renderFailure(result, cloud);
}
