import { randomUUID } from 'node:crypto';

/** A Teams conversation as the tests see it: who is talking, where, in which tenant. */
export interface TestConversation {
  readonly id: string;
  readonly scope: 'personal' | 'groupChat' | 'channel';
  readonly tenantId: string;
  readonly userAadId: string;
  readonly userName: string;
  readonly timeZone?: string;
}

export const BOT_ACCOUNT = { id: '28:connector-consent-bot', name: 'Connector Consent Bot' };

/** A personal chat (or other scope) with fresh ids. */
export function conversation(options: Partial<TestConversation> = {}): TestConversation {
  const scope = options.scope ?? 'personal';
  const id =
    options.id ??
    (scope === 'personal'
      ? `a:${randomUUID()}`
      : scope === 'channel'
        ? `19:${randomUUID()}@thread.tacv2;messageid=1`
        : `19:${randomUUID()}@thread.v2`);
  return {
    id,
    scope,
    tenantId: options.tenantId ?? '11111111-2222-4333-8444-555555555555',
    userAadId: options.userAadId ?? randomUUID(),
    userName: options.userName ?? 'Ada Admin',
    timeZone: options.timeZone,
  };
}

function base(conv: TestConversation, serviceUrl: string): Record<string, unknown> {
  return {
    id: `f:${randomUUID()}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: `29:${conv.userAadId}`, aadObjectId: conv.userAadId, name: conv.userName },
    conversation: {
      id: conv.id,
      conversationType: conv.scope,
      tenantId: conv.tenantId,
      isGroup: conv.scope !== 'personal',
    },
    recipient: BOT_ACCOUNT,
    channelData: {
      tenant: { id: conv.tenantId },
      ...(conv.scope === 'channel'
        ? { team: { id: '19:team@thread.tacv2' }, channel: { id: conv.id.split(';')[0] } }
        : {}),
    },
    locale: 'en-US',
    ...(conv.timeZone ? { localTimezone: conv.timeZone } : {}),
  };
}

/** A message activity as Teams sends it (with an @mention of the bot outside personal chat). */
export function messageActivity(conv: TestConversation, serviceUrl: string, text: string): Record<string, unknown> {
  const mention = conv.scope === 'personal' ? '' : `<at>${BOT_ACCOUNT.name}</at> `;
  return {
    ...base(conv, serviceUrl),
    type: 'message',
    text: `${mention}${text}`,
    ...(mention
      ? { entities: [{ type: 'mention', text: `<at>${BOT_ACCOUNT.name}</at>`, mentioned: BOT_ACCOUNT }] }
      : {}),
  };
}

/** An Action.Execute click (invoke adaptiveCard/action). */
export function actionExecuteActivity(
  conv: TestConversation,
  serviceUrl: string,
  verb: string,
  data: Record<string, unknown>,
  replyToId?: string,
): Record<string, unknown> {
  return {
    ...base(conv, serviceUrl),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: replyToId ?? `1:${randomUUID()}`,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** The bot being installed into the conversation. */
export function installActivity(conv: TestConversation, serviceUrl: string): Record<string, unknown> {
  return { ...base(conv, serviceUrl), type: 'conversationUpdate', membersAdded: [BOT_ACCOUNT] };
}
