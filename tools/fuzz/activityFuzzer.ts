import { Verbs } from '../../src/cards/verbs';
import type { SeededRandom } from './seededRandom';

const TENANT = '11111111-2222-4333-8444-555555555555';
const BOT = { id: '28:connector-consent-bot', name: 'Connector Consent Bot' };

const TEXTS = [
  'help',
  'setup',
  'status',
  'check',
  'forget',
  'remind here',
  'stop reminders',
  'list',
  'hi',
  '',
  ' ',
  'tenant 11111111-2222-4333-8444-555555555555 client 22222222-3333-4444-8555-666666666666',
  'Secret: abc~DEF.ghi_jkl-mno1234567890pqrstuVW',
  '<at>Connector Consent Bot</at> help',
  '\u0000\u202e\ud83d\ude00',
];
const INVOKE_NAMES = ['adaptiveCard/action', 'task/fetch', 'composeExtension/query', 'signin/verifyState', 'unknown'];
const EXTRA_VERBS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'setup', 'x'.repeat(300)];
const FIELDS = [
  'type',
  'id',
  'channelId',
  'serviceUrl',
  'from',
  'from.id',
  'from.aadObjectId',
  'from.name',
  'recipient',
  'recipient.id',
  'conversation',
  'conversation.id',
  'conversation.conversationType',
  'conversation.tenantId',
  'channelData',
  'channelData.tenant',
  'channelData.tenant.id',
  'text',
  'name',
  'value',
  'value.action',
  'value.action.verb',
  'value.action.data',
  'membersAdded',
  'entities',
  'timestamp',
  'localTimezone',
  'replyToId',
  'action',
];
/** Refused by the serviceUrl policy in local mode; the fuzz test's guard proves nothing connects. */
const FOREIGN_SERVICE_URLS = ['http://169.254.169.254/', 'http://10.0.0.1/', 'https://evil.example/', 'not a url'];

function randomValue(random: SeededRandom): unknown {
  switch (random.int(14)) {
    case 0:
      return null;
    case 1:
      return random.int(2 ** 31) - 2 ** 30;
    case 2:
      return random.chance(0.5);
    case 3:
      return [];
    case 4:
      return [random.int(10), 'a', null];
    case 5:
      return {};
    case 6:
      // Own "__proto__" and "constructor" keys, as JSON.parse makes them from a request body.
      return JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as unknown;
    case 7:
      return 'x'.repeat(random.pick([257, 1025, 5000, 70_000]));
    case 8:
      return '';
    case 9:
      return random.pick(TEXTS);
    case 10:
      return '\u0000\ud800\u202e"\'<script>';
    case 11:
      return { id: random.int(1000) };
    case 12:
      return 1.5e308;
    default:
      return `f:${random.int(1e9)}`;
  }
}

function setPath(root: Record<string, unknown>, path: string, value: unknown, remove: boolean): void {
  const keys = path.split('.');
  let node: Record<string, unknown> = root;
  for (const key of keys.slice(0, -1)) {
    const child = node[key];
    if (typeof child !== 'object' || child === null || Array.isArray(child)) {
      if (remove) return;
      node[key] = {};
    }
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1] ?? '';
  if (remove) delete node[last];
  else node[last] = value;
}

function baseActivity(random: SeededRandom, n: number, serviceUrl: string): Record<string, unknown> {
  const scope = random.pick(['personal', 'personal', 'groupChat', 'channel'] as const);
  const user = `user-${random.int(20)}`;
  const conversationId = scope === 'personal' ? `a:fuzz-${user}` : `19:fuzz-${random.int(5)}@thread.tacv2`;
  return {
    id: `fuzz-${n}`,
    timestamp: new Date(0).toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: `29:${user}`, aadObjectId: `00000000-0000-4000-8000-${String(random.int(20)).padStart(12, '0')}` },
    conversation: { id: conversationId, conversationType: scope, tenantId: TENANT, isGroup: scope !== 'personal' },
    recipient: { ...BOT },
    channelData: { tenant: { id: TENANT } },
    locale: 'en-US',
  };
}

function template(random: SeededRandom, n: number, serviceUrl: string): Record<string, unknown> {
  const base = baseActivity(random, n, serviceUrl);
  switch (random.int(6)) {
    case 0:
    case 1:
      return { ...base, type: 'message', text: random.pick(TEXTS) };
    case 2:
    case 3: {
      const verb = random.chance(0.85) ? random.pick(Object.values(Verbs)) : random.pick(EXTRA_VERBS);
      const data: Record<string, unknown> = { verb };
      for (const key of ['registrationId', 'tenant', 'clientId', 'clientSecret', 'purpose', 'admin']) {
        if (random.chance(0.3)) data[key] = random.chance(0.6) ? `r-${random.int(5)}` : randomValue(random);
      }
      return {
        ...base,
        type: 'invoke',
        name: random.chance(0.9) ? 'adaptiveCard/action' : random.pick(INVOKE_NAMES),
        replyToId: `1:${random.int(1e6)}`,
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      };
    }
    case 4:
      return { ...base, type: 'conversationUpdate', membersAdded: [{ ...BOT }] };
    default:
      return {
        ...base,
        type: random.pick(['installationUpdate', 'messageReaction', 'typing', 'event', 'invoke']),
        action: random.pick(['add', 'remove', 'remove-upgrade']),
        name: random.pick(INVOKE_NAMES),
      };
  }
}

/**
 * The n-th fuzz case for a seed: a realistic Teams activity (message, card click, install,
 * other types) with, most of the time, one to three fields set to hostile values (wrong
 * types, huge or odd strings, prototype-named keys, foreign serviceUrls) or removed.
 */
export function fuzzActivity(random: SeededRandom, n: number, serviceUrl: string): Record<string, unknown> {
  const activity = template(random, n, random.chance(0.05) ? random.pick(FOREIGN_SERVICE_URLS) : serviceUrl);
  if (random.chance(0.3)) return activity;
  const mutations = 1 + random.int(3);
  for (let i = 0; i < mutations; i += 1) {
    setPath(activity, random.pick(FIELDS), randomValue(random), random.chance(0.2));
  }
  return activity;
}
