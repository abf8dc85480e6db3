import { checkActivityEnvelope } from '../../../src/edge/activityEnvelope';
import { actionExecuteActivity, conversation, messageActivity } from '../../helpers/teamsActivities';

const SERVICE_URL = 'http://127.0.0.1:3978/';
const valid = (): Record<string, unknown> => messageActivity(conversation(), SERVICE_URL, 'help');

/** Sets a dotted path on a copy of `activity`. */
function withField(activity: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(activity);
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1] ?? ''] = value;
  return copy;
}

describe('checkActivityEnvelope', () => {
  it('accepts the activities Teams sends', () => {
    expect(checkActivityEnvelope(valid())).toMatchObject({ ok: true });
    const click = actionExecuteActivity(conversation(), SERVICE_URL, 'retest', { registrationId: 'r1' });
    expect(checkActivityEnvelope(click)).toMatchObject({ ok: true });
  });

  it.each(['type', 'id', 'channelId', 'serviceUrl', 'from.id', 'recipient.id', 'conversation.id'])(
    '%s must be a string of bounded length',
    (path) => {
      for (const bad of [42, null, ['a'], { a: 1 }, true, 'x'.repeat(5000)]) {
        const result = checkActivityEnvelope(withField(valid(), path, bad));
        expect(result).toEqual({ ok: false, error: expect.stringContaining(`"${path}"`) });
      }
    },
  );

  it('optional strings that handlers and the store read must be strings when present', () => {
    for (const path of [
      'text',
      'from.aadObjectId',
      'conversation.tenantId',
      'channelData.tenant.id',
      'localTimezone',
    ]) {
      expect(checkActivityEnvelope(withField(valid(), path, 7))).toMatchObject({ ok: false });
    }
  });

  it('an optional field set to null counts as absent, except lists botbuilder reads (entities: null crashed)', () => {
    expect(checkActivityEnvelope(withField(valid(), 'replyToId', null))).toMatchObject({ ok: true });
    expect(checkActivityEnvelope(withField(valid(), 'channelData', null))).toMatchObject({ ok: true });
    expect(checkActivityEnvelope(withField(valid(), 'entities', null))).toMatchObject({ ok: false });
  });

  it('nested parts must be objects and member lists arrays of objects', () => {
    expect(checkActivityEnvelope(withField(valid(), 'from', 'someone'))).toMatchObject({ ok: false });
    expect(checkActivityEnvelope(withField(valid(), 'membersAdded', [1]))).toMatchObject({ ok: false });
    expect(checkActivityEnvelope([valid()])).toMatchObject({ ok: false });
    expect(checkActivityEnvelope('message')).toMatchObject({ ok: false });
  });

  it('a card action invoke needs value.action.verb as a string and data as an object', () => {
    const click = actionExecuteActivity(conversation(), SERVICE_URL, 'retest', {});
    for (const [path, bad] of [
      ['value', 'x'],
      ['value.action', null],
      ['value.action.verb', 3],
      ['value.action.data', 'x'],
    ] as const) {
      expect(checkActivityEnvelope(withField(click, path, bad))).toMatchObject({ ok: false });
    }
  });

  it('refuses ids that could not go into a Bot Connector URL (lone surrogates: URIError mid-turn)', () => {
    expect(checkActivityEnvelope(withField(valid(), 'conversation.id', 'a:\ud800x'))).toMatchObject({ ok: false });
    expect(checkActivityEnvelope(withField(valid(), 'conversation.id', 'a:\ud83d\ude00'))).toMatchObject({ ok: true });
  });

  it('a card action must be a Universal Action (teams-ai threw on any other action type)', () => {
    const click = actionExecuteActivity(conversation(), SERVICE_URL, 'retest', {});
    expect(checkActivityEnvelope(withField(click, 'value.action.type', 'Action.Submit'))).toMatchObject({ ok: false });
  });

  it('never follows inherited properties: "__proto__" in the body is not a path to Object.prototype', () => {
    const body = JSON.parse('{"__proto__": {"type": "message"}}') as unknown;
    expect(checkActivityEnvelope(body)).toEqual({ ok: false, error: '"type" is required.' });
  });

  it('keeps its error short whatever the input', () => {
    const result = checkActivityEnvelope(withField(valid(), 'id', 'x'.repeat(100_000)));
    expect(result.ok ? '' : result.error.length).toBeLessThan(120);
  });
});
