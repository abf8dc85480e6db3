import { createAccessPolicy } from '../../../src/bot/accessPolicy';
import { validateActionPayload } from '../../../src/bot/actionPayload';
import { matchCommand, type MessageCommandExtension } from '../../../src/bot/botExtensions';
import { parseCommand } from '../../../src/bot/commandList';
import { createServiceUrlPolicy } from '../../../src/bot/serviceUrlPolicy';
import type { TurnInfo } from '../../../src/bot/turnInfo';
import { Verbs } from '../../../src/cards/verbs';

const info = (over: Partial<TurnInfo> = {}): TurnInfo => ({
  userId: 'u1',
  tenantId: 'T1',
  scope: 'personal',
  conversationKey: 'c',
  ...over,
});

describe('service URL policy (proactive sends carry the bot token)', () => {
  const prod = createServiceUrlPolicy({ allowedPrefixes: ['https://smba.trafficmanager.net/'], localMode: false });
  const local = createServiceUrlPolicy({ allowedPrefixes: ['https://smba.trafficmanager.net/'], localMode: true });

  it.each([
    ['https://smba.trafficmanager.net/emea/', true],
    ['https://smba.trafficmanager.net/amer/tenant/', true],
    ['https://smba.trafficmanager.net.evil.example/', false],
    ['https://evil.example/https://smba.trafficmanager.net/', false],
    ['http://smba.trafficmanager.net/emea/', false],
    ['https://user:pw@smba.trafficmanager.net/emea/', false],
    ['http://127.0.0.1:3978/', false],
    ['not a url', false],
    [undefined, false],
  ])('outside local mode %s -> %s', (url, expected) => {
    expect(prod(url)).toBe(expected);
  });

  it('local mode also allows loopback, and still refuses other hosts', () => {
    expect(local('http://127.0.0.1:56150/')).toBe(true);
    expect(local('http://localhost:56150/')).toBe(true);
    expect(local('http://[::1]:56150/')).toBe(true);
    expect(local('http://10.0.0.5/')).toBe(false);
    expect(local('http://localhost.evil.example/')).toBe(false);
  });
});

describe('access policy', () => {
  it('local mode without a list lets everyone in', () => {
    const policy = createAccessPolicy({ allowedTenants: [], allowAnyTenant: true, allowedUsers: [] });
    expect(policy(info({ tenantId: undefined })).allowed).toBe(true);
  });
  it('a tenant list is case-insensitive and refuses others and unknown tenants', () => {
    const policy = createAccessPolicy({ allowedTenants: ['t1'], allowAnyTenant: false, allowedUsers: [] });
    expect(policy(info()).allowed).toBe(true);
    expect(policy(info({ tenantId: 'T2' }))).toEqual({ allowed: false, reason: 'tenant-not-allowed' });
    expect(policy(info({ tenantId: undefined })).allowed).toBe(false);
  });
  it('a user list narrows an allowed tenant', () => {
    const policy = createAccessPolicy({ allowedTenants: ['t1'], allowAnyTenant: false, allowedUsers: ['U1'] });
    expect(policy(info({ userId: 'u1' })).allowed).toBe(true);
    expect(policy(info({ userId: 'u2' }))).toEqual({ allowed: false, reason: 'user-not-allowed' });
  });
});

describe('card action payloads', () => {
  it('accepts the known fields and drops the verb echo', () => {
    expect(validateActionPayload(Verbs.retest, { verb: Verbs.retest, registrationId: 'r1' })).toEqual({
      ok: true,
      data: { registrationId: 'r1' },
    });
  });
  it.each([
    [Verbs.retest, {}, /did not send "registrationId"/],
    [Verbs.retest, { registrationId: 'r', x: '1' }, /unexpected field "x"/],
    [Verbs.retest, { registrationId: ['r'] }, /must be text/],
    [Verbs.retest, { registrationId: 'r'.repeat(65) }, /too long/],
    [Verbs.pickRegistration, { registrationId: 'r', purpose: 'delete-all' }, /value I do not know/],
    [Verbs.retest, 'just a string', /cannot read/],
    ['nope', {}, /not one I know/],
  ])('%s %j is refused with a clear message', (verb, data, message) => {
    const result = validateActionPayload(verb, data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
  it('never echoes a field value in its message', () => {
    const result = validateActionPayload(Verbs.submitSetup, { clientSecret: 'abc8Q~' + 'x'.repeat(2000) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).not.toContain('abc8Q~');
  });
});

describe('commands', () => {
  it('splits the command word from its argument', () => {
    expect(parseCommand('  Status  Contoso app ')).toEqual({ command: 'status', argument: 'Contoso app' });
    expect(parseCommand('help')).toEqual({ command: 'help', argument: '' });
  });
  it('extension commands match the longest phrase, by scope', () => {
    const handle = async (): Promise<void> => undefined;
    const commands: MessageCommandExtension[] = [
      { phrases: ['reminders'], scopes: ['channel'], description: 'list', handle },
      { phrases: ['reminders off'], scopes: ['channel'], description: 'off', handle },
    ];
    expect(matchCommand(commands, 'reminders off Contoso', 'channel')).toEqual({
      command: commands[1],
      argument: 'Contoso',
    });
    expect(matchCommand(commands, 'Reminders', 'channel')?.command).toBe(commands[0]);
    expect(matchCommand(commands, 'remindersx', 'channel')).toBeUndefined();
    expect(matchCommand(commands, 'reminders', 'personal')).toBeUndefined();
  });
});
