import { pickByName, pickRegistration } from '../../../src/bot/pickRegistration';
import type { StoredRegistration } from '../../../src/store/store';

const named = (...names: string[]) => names.map((name) => ({ name }));
const keys = (i: { name: string }) => ({ name: i.name });

describe('pickByName (registrations for check/status/forget/remind here, subscriptions for reminders off)', () => {
  test('nothing to pick from', () => {
    expect(pickByName([], 'x', keys)).toEqual({ kind: 'none' });
  });
  test('no argument: the only one, else all of them', () => {
    const one = named('Contoso');
    expect(pickByName(one, ' ', keys)).toEqual({ kind: 'one', item: one[0] });
    const two = named('Contoso', 'Fabrikam');
    expect(pickByName(two, '', keys)).toEqual({ kind: 'many', items: two });
  });
  test('an exact name (case aside) wins over names that contain it', () => {
    const items = named('Contoso', 'Contoso staging');
    expect(pickByName(items, 'contoso', keys)).toEqual({ kind: 'one', item: items[0] });
    expect(pickByName(items, 'STAGING', keys)).toEqual({ kind: 'one', item: items[1] });
  });
  test('several or no matches leave the candidates: the matches, else everything', () => {
    const items = named('Contoso A', 'Contoso B', 'Fabrikam');
    expect(pickByName(items, 'contoso', keys)).toEqual({ kind: 'many', items: items.slice(0, 2) });
    expect(pickByName(items, 'northwind', keys)).toEqual({ kind: 'many', items });
  });
  test('registrations also match by client id and id', () => {
    const reg = (id: string, label: string, clientId: string) => ({ id, label, clientId }) as StoredRegistration;
    const regs = [reg('r1', 'Contoso', 'c1c1'), reg('r2', 'Fabrikam', 'c2c2')];
    expect(pickRegistration(regs, 'C2C2')).toEqual({ kind: 'one', item: regs[1] });
    expect(pickRegistration(regs, 'r1')).toEqual({ kind: 'one', item: regs[0] });
  });
});
