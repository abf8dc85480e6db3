import { randomInt, randomUUID } from 'crypto';
import { DirectorySecret } from './directory';
import { DEFAULT_APP_MANAGEMENT_POLICY_ID, maxPasswordLifetimeMs } from './graphAppManagementPolicy';
import { MANAGE_APPS } from './graphApplicationWrites';
import { isAllowed } from './graphCaller';
import { bodyObject, findApplication, GraphScope, GUID } from './graphObjects';
import { GRAPH_ERRORS, graphNoContent, graphOk, GraphResult } from './graphResult';

const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-';
const DIGITS = '0123456789';
const CREDENTIAL_FIELDS = ['displayName', 'startDateTime', 'endDateTime'];
const MAX_DISPLAY_NAME = 120;

/** A client secret shaped like Entra's: 3 characters, a digit, "Q~", then 34 more (40 in all). */
export function newSecretText(): string {
  const pick = (alphabet: string, n: number): string =>
    Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${pick(SECRET_ALPHABET, 3)}${pick(DIGITS, 1)}Q~${pick(SECRET_ALPHABET, 34)}`;
}

/**
 * POST /applications/{id}/addPassword {passwordCredential?: {displayName?, startDateTime?, endDateTime?}}:
 * a new client secret, valid at once for client credentials. 200 with the passwordCredential and
 * its `secretText` (the only time the value is shown). endDateTime defaults to startDateTime + 2
 * years, as in Graph; when the tenant's default app management policy caps secret lifetime, a
 * longer one (the default included) is 400 CredentialInvalidLifetimeAsPerAppPolicy.
 */
export function addPassword(s: GraphScope, key: string, body: unknown): GraphResult {
  const app = findApplication(s, key);
  if (!app) return s.fail(GRAPH_ERRORS.notFound(key.replace(/^\//, '')));
  const parsed = parseCredential(s, body);
  if ('failure' in parsed) return parsed.failure;
  if (!isAllowed(s.caller, MANAGE_APPS)) return s.fail(GRAPH_ERRORS.forbidden());
  const { displayName, start, end } = parsed;
  const cap = maxPasswordLifetimeMs(s.tenant);
  if (cap !== undefined && end.getTime() - start.getTime() > cap) {
    return s.fail({
      status: 400,
      code: 'CredentialInvalidLifetimeAsPerAppPolicy',
      message: `Credential lifetime exceeds the max value allowed as per assigned policy '${DEFAULT_APP_MANAGEMENT_POLICY_ID}'.`,
    });
  }
  const secret: DirectorySecret = { keyId: randomUUID(), displayName, value: newSecretText(), start, end };
  app.secrets = [...app.secrets, secret];
  return graphOk({
    '@odata.context': `${s.ctx.graphEndpoint}/v1.0/$metadata#microsoft.graph.passwordCredential`,
    customKeyIdentifier: null,
    displayName: secret.displayName,
    endDateTime: secret.end.toISOString(),
    hint: secret.value.slice(0, 3),
    keyId: secret.keyId,
    secretText: secret.value,
    startDateTime: secret.start.toISOString(),
  });
}

/**
 * POST /applications/{id}/removePassword {keyId}: deletes a client secret; it stops working for
 * tokens at once. 204; a keyId the application does not have is 400.
 */
export function removePassword(s: GraphScope, key: string, body: unknown): GraphResult {
  const app = findApplication(s, key);
  if (!app) return s.fail(GRAPH_ERRORS.notFound(key.replace(/^\//, '')));
  const keyId = bodyObject(body)?.keyId;
  if (typeof keyId !== 'string' || !GUID.test(keyId)) {
    return s.fail(GRAPH_ERRORS.invalidRequest("A valid GUID is required for parameter 'keyId'."));
  }
  if (!isAllowed(s.caller, MANAGE_APPS)) return s.fail(GRAPH_ERRORS.forbidden());
  const wanted = keyId.toLowerCase();
  if (!app.secrets.some((x) => x.keyId.toLowerCase() === wanted)) {
    return s.fail(GRAPH_ERRORS.invalidRequest(`No password credential found with keyId '${keyId}'.`));
  }
  app.secrets = app.secrets.filter((x) => x.keyId.toLowerCase() !== wanted);
  return graphNoContent();
}

function parseCredential(
  s: GraphScope,
  body: unknown,
): { displayName: string | null; start: Date; end: Date } | { failure: GraphResult } {
  const fields = body === undefined ? {} : bodyObject(body);
  if (!fields) return { failure: s.fail(GRAPH_ERRORS.invalidRequest('Empty Payload. JSON content expected.')) };
  const unknownField = Object.keys(fields).find((k) => k !== 'passwordCredential');
  if (unknownField) {
    return { failure: s.fail(GRAPH_ERRORS.invalidRequest(`'${unknownField}' is not a parameter of addPassword.`)) };
  }
  const raw = fields.passwordCredential ?? {};
  const credential = bodyObject(raw);
  if (!credential) return { failure: s.fail(GRAPH_ERRORS.invalidProperty('passwordCredential', 'Application')) };
  const unsupported = Object.keys(credential).find((k) => !CREDENTIAL_FIELDS.includes(k));
  if (unsupported) {
    return {
      failure: s.fail(
        GRAPH_ERRORS.invalidRequest(
          `The sandbox tenant can only take ${CREDENTIAL_FIELDS.join(', ')} in passwordCredential, not '${unsupported}'.`,
        ),
      ),
    };
  }
  const bad = (property: string) => ({
    failure: s.fail(GRAPH_ERRORS.invalidProperty(property, 'PasswordCredential')),
  });
  const displayName = credential.displayName ?? null;
  if (displayName !== null && (typeof displayName !== 'string' || displayName.length > MAX_DISPLAY_NAME)) {
    return bad('displayName');
  }
  const start = credential.startDateTime === undefined ? s.ctx.now() : parseDate(credential.startDateTime);
  if (!start) return bad('startDateTime');
  const end = credential.endDateTime === undefined ? addYears(start, 2) : parseDate(credential.endDateTime);
  if (!end || end.getTime() <= start.getTime()) return bad('endDateTime');
  return { displayName, start, end };
}

function parseDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

function addYears(date: Date, years: number): Date {
  const next = new Date(date.getTime());
  next.setUTCFullYear(next.getUTCFullYear() + years);
  return next;
}
