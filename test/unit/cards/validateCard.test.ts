import { collectActions, collectText, validateCard } from '../../helpers/validateCard';

const envelope = (body: unknown[], actions: unknown[] = [], version = '1.5'): Record<string, unknown> => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version,
  body,
  actions,
});
const ok = { type: 'TextBlock', text: 'hello', wrap: true };

// The helper is what makes every card test meaningful, so it must fail on real problems.
describe('validateCard', () => {
  it('runs without any DOM global (parsing and validating never render)', () => {
    validateCard(envelope([ok]));
    expect('document' in globalThis).toBe(false);
    expect('window' in globalThis).toBe(false);
  });

  it('accepts a clean card', () => {
    expect(
      validateCard(envelope([ok], [{ type: 'Action.Execute', title: 'Go', verb: 'go', data: { verb: 'go' } }])),
    ).toEqual([]);
  });

  it('reports unknown element types', () => {
    expect(validateCard(envelope([{ type: 'Bogus' }])).join()).toMatch(/Unknown element type "Bogus"/);
  });

  it('reports properties the SDK drops (typos, unknown keys)', () => {
    expect(validateCard(envelope([{ ...ok, colour: 'Good' }])).join()).toMatch(/body\[0\]\.colour dropped/);
  });

  it("checks against the card's own version", () => {
    const issues = validateCard(
      envelope(
        [{ ...ok, style: 'heading' }],
        [{ type: 'Action.Execute', title: 'Go', verb: 'go', data: { verb: 'go' } }],
        '1.2',
      ),
    );
    expect(issues.join()).toMatch(/Unknown action type "Action.Execute"/);
    expect(issues.join()).toMatch(/version is 1.2/);
  });

  it('reports SDK validation failures (duplicate ids, required input without label)', () => {
    const input = { type: 'Input.Text', id: 'a', isRequired: true };
    const issues = validateCard(envelope([input, { ...input, label: 'A', errorMessage: 'e' }])).join();
    expect(issues).toMatch(/Duplicate Id/);
    expect(issues).toMatch(/should have a label/);
    expect(issues).toMatch(/input without label/);
  });

  it('enforces Teams rules: six actions, verbs in data, safe URLs, size', () => {
    const exec = { type: 'Action.Execute', title: 'Go', verb: 'go', data: { verb: 'go' } };
    expect(validateCard(envelope([ok], Array(7).fill(exec))).join()).toMatch(/7 actions/);
    expect(validateCard(envelope([ok], [{ ...exec, data: { verb: 'other' } }])).join()).toMatch(/data.verb/);
    expect(
      validateCard(envelope([ok], [{ type: 'Action.OpenUrl', title: 'x', url: 'javascript:alert(1)' }])).join(),
    ).toMatch(/unsafe url/);
    expect(validateCard(envelope([{ ...ok, text: 'x'.repeat(30_000) }])).join()).toMatch(/bytes/);
  });

  it('finds actions and visible text anywhere in the card', () => {
    const card = envelope(
      [ok, { type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'Inner', url: 'https://x' }] }],
      [{ type: 'Action.ShowCard', title: 'More', card: { type: 'AdaptiveCard', body: [{ ...ok, text: 'deep' }] } }],
    );
    expect(collectActions(card).map((a) => a.title)).toEqual(['Inner', 'More']);
    expect(collectText(card)).toContain('deep');
  });
});
