import { createGraphBatchClient, type BatchItemResponse, type RequiredResourceAccess } from '../consent';
import { isRecord } from '../shared/isRecord';
import { systemClock, type Clock } from '../time/clock';

/** One client secret of an application as Graph lists it (never its value). */
export interface AppSecret {
  readonly keyId: string;
  readonly displayName?: string;
  readonly hint?: string;
  readonly endDateTime?: string;
}

/** The application fields the create and rotate flows need. */
export interface GraphApp {
  readonly objectId: string;
  readonly appId: string;
  readonly displayName: string;
  readonly secrets: readonly AppSecret[];
}

/** A secret just added: the only moment Graph returns its value (`secretText`). */
export interface AddedSecret extends AppSecret {
  readonly secretText: string;
}

/** A Graph refusal in plain words; `status` is Graph's (403: the admin's role is not enough). */
export class AppLifecycleError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** Graph refused a secret's lifetime as longer than the tenant's policy allows. */
    readonly lifetimeRefused = false,
  ) {
    super(message);
    this.name = 'AppLifecycleError';
  }
}

/**
 * The app-registration writes of "Create it for me" and "Rotate now", with the admin's delegated
 * token: the tenant's secret-lifetime cap, apps by name, one app, create, addPassword,
 * removePassword. Each call is one `$batch` of one item through the same Graph client as the
 * check (throttling retried). Refusals become AppLifecycleError with plain words; the token and
 * the secret value never appear in one.
 */
export interface AppLifecycle {
  /** The tenant's longest allowed secret lifetime in days, or undefined (no cap, or not readable). */
  maxSecretLifetimeDays(): Promise<number | undefined>;
  findByName(displayName: string): Promise<GraphApp[]>;
  getApp(appId: string): Promise<GraphApp | undefined>;
  createApp(displayName: string, requiredResourceAccess: readonly RequiredResourceAccess[]): Promise<GraphApp>;
  addSecret(app: GraphApp, displayName: string, endDateTime: string): Promise<AddedSecret>;
  removeSecret(app: GraphApp, keyId: string): Promise<void>;
}

export interface AppLifecycleOptions {
  readonly graphEndpoint: string;
  readonly clock?: Clock;
  /** Time budget of each Graph request; default 20 s. */
  readonly timeoutMs?: number;
}

const APP_SELECT = 'id,appId,displayName,passwordCredentials';

function str(value: unknown, max = 400): string | undefined {
  return typeof value === 'string' && value !== '' ? value.slice(0, max) : undefined;
}

function secretOf(raw: unknown): AppSecret | undefined {
  if (!isRecord(raw)) return undefined;
  const keyId = str(raw.keyId, 64);
  if (!keyId) return undefined;
  const displayName = str(raw.displayName, 200);
  const hint = str(raw.hint, 3);
  const endDateTime = str(raw.endDateTime, 40);
  return {
    keyId: keyId.toLowerCase(),
    ...(displayName ? { displayName } : {}),
    ...(hint ? { hint } : {}),
    ...(endDateTime ? { endDateTime } : {}),
  };
}

/** Validates an application object from Graph; anything malformed is undefined, not trusted. */
export function appOf(raw: unknown): GraphApp | undefined {
  if (!isRecord(raw)) return undefined;
  const objectId = str(raw.id, 64);
  const appId = str(raw.appId, 64);
  if (!objectId || !appId) return undefined;
  const secrets = Array.isArray(raw.passwordCredentials)
    ? raw.passwordCredentials.map(secretOf).filter((s): s is AppSecret => s !== undefined)
    : [];
  return {
    objectId: objectId.toLowerCase(),
    appId: appId.toLowerCase(),
    displayName: str(raw.displayName, 200) ?? appId,
    secrets,
  };
}

/** "P90D" (or P1Y, PT…) to whole days; undefined when not an ISO 8601 duration in days/years. */
export function durationDays(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^P(?:(\d{1,4})Y)?(?:(\d{1,4})M)?(?:(\d{1,5})D)?(?:T.*)?$/.exec(text.trim());
  if (!m || (!m[1] && !m[2] && !m[3])) return undefined;
  return Number(m[1] ?? 0) * 365 + Number(m[2] ?? 0) * 30 + Number(m[3] ?? 0);
}

function graphMessage(item: BatchItemResponse | undefined): string {
  const error = item && isRecord(item.body) && isRecord(item.body.error) ? item.body.error : undefined;
  const code = typeof error?.code === 'string' ? ` ${error.code.slice(0, 80)}` : '';
  return `HTTP ${item?.status ?? 'no answer'}${code}`;
}

function refused(what: string, item: BatchItemResponse | undefined): AppLifecycleError {
  const status = item?.status ?? 502;
  if (status === 403) {
    return new AppLifecycleError(
      `Microsoft Graph refused to ${what}: the account you signed in with is not allowed to. ` +
        'Sign in as a Global Administrator, Application Administrator or Cloud Application Administrator.',
      403,
    );
  }
  return new AppLifecycleError(`Microsoft Graph refused to ${what} (${graphMessage(item)}).`, status);
}

export function createAppLifecycle(options: AppLifecycleOptions, accessToken: string): AppLifecycle {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const batch = createGraphBatchClient({ graphEndpoint: options.graphEndpoint, clock });

  async function one(item: { url: string; method?: 'GET' | 'POST' | 'PATCH'; body?: unknown }) {
    const answers = await batch.send([{ id: '1', ...item }], {
      accessToken,
      deadline: clock.now().getTime() + timeoutMs,
      timeoutMs,
    });
    return answers.get('1');
  }

  const ok = (item: BatchItemResponse | undefined): item is BatchItemResponse =>
    item !== undefined && item.status >= 200 && item.status < 300;

  return {
    async maxSecretLifetimeDays() {
      const item = await one({ url: '/policies/defaultAppManagementPolicy' });
      // Reading the policy needs a policy-read right the admin may lack: then no cap is known.
      if (!ok(item) || !isRecord(item.body) || item.body.isEnabled !== true) return undefined;
      const restrictions = isRecord(item.body.applicationRestrictions)
        ? item.body.applicationRestrictions.passwordCredentials
        : undefined;
      if (!Array.isArray(restrictions)) return undefined;
      const caps = restrictions
        .filter((r) => isRecord(r) && r.restrictionType === 'passwordLifetime' && r.state !== 'disabled')
        .map((r) => durationDays(isRecord(r) ? r.maxLifetime : undefined))
        .filter((d): d is number => d !== undefined && d > 0);
      return caps.length === 0 ? undefined : Math.min(...caps);
    },

    async findByName(displayName) {
      const filter = `displayName eq '${displayName.replace(/'/g, "''")}'`;
      const item = await one({
        url: `/applications?$filter=${encodeURIComponent(filter)}&$select=${APP_SELECT}`,
      });
      if (!ok(item)) throw refused('list the app registrations', item);
      const value = isRecord(item.body) && Array.isArray(item.body.value) ? item.body.value : [];
      return value.map(appOf).filter((a): a is GraphApp => a !== undefined);
    },

    async getApp(appId) {
      const item = await one({ url: `/applications(appId='${encodeURIComponent(appId)}')?$select=${APP_SELECT}` });
      if (item?.status === 404) return undefined;
      if (!ok(item)) throw refused('read the app registration', item);
      return appOf(item.body);
    },

    async createApp(displayName, requiredResourceAccess) {
      const item = await one({
        url: '/applications',
        method: 'POST',
        body: { displayName, signInAudience: 'AzureADMyOrg', requiredResourceAccess },
      });
      const app = ok(item) ? appOf(item.body) : undefined;
      if (!app) throw refused('create the app registration', item);
      return app;
    },

    async addSecret(app, displayName, endDateTime) {
      const item = await one({
        url: `/applications/${encodeURIComponent(app.objectId)}/addPassword`,
        method: 'POST',
        body: { passwordCredential: { displayName, endDateTime } },
      });
      const secret = ok(item) ? secretOf(item.body) : undefined;
      const secretText = ok(item) && isRecord(item.body) ? item.body.secretText : undefined;
      if (!secret || typeof secretText !== 'string' || secretText.length < 8 || secretText.length > 200) {
        if (item?.status === 400 && /Lifetime/i.test(graphMessage(item))) {
          throw new AppLifecycleError(
            "The organisation's app management policy does not allow a client secret that lives this long. Choose a shorter lifetime.",
            400,
            true,
          );
        }
        throw refused('add a client secret', item);
      }
      return { ...secret, secretText };
    },

    async removeSecret(app, keyId) {
      const item = await one({
        url: `/applications/${encodeURIComponent(app.objectId)}/removePassword`,
        method: 'POST',
        body: { keyId },
      });
      if (!ok(item)) throw refused('remove the old client secret', item);
    },
  };
}
