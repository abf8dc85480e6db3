import { statusCard, type StatusCardContext } from '../../../src/cards/statusCard';
import { renderResult } from '../../../src/cli/renderTable';
import { buildNextSteps } from '../../../src/consent/nextSteps';
import { cardBytes, collectText, MAX_CARD_BYTES } from '../../helpers/validateCard';
import { expectCleanCard, extras, makeReport, results } from './cardFixtures';

/** Teams refuses cards over ~28 KB: an unbounded extra-permissions list must not push the card past it. */

const ctx: StatusCardContext = {
  registrationId: 'reg-1',
  label: 'Contoso',
  consentMode: 'manual',
  consentUrl: 'https://login.microsoftonline.com/t/adminconsent?client_id=c&state=s',
};

function reportWithExtras(count: number) {
  const base = makeReport({ permissions: results(['Granted', 'Not granted', 'Unknown']) });
  const extraPermissions = extras(count);
  const nextSteps = buildNextSteps({
    permissions: base.permissions,
    extraPermissions,
    secret: base.secret,
    app: base.app,
    links: base.links,
    replicationLag: false,
  });
  return { ...base, extraPermissions, nextSteps, notes: ['A note.'] };
}

test('500 extra permissions: the card stays under 28 KB, shows the first ones and "and N more"', () => {
  const report = reportWithExtras(500);
  const card = statusCard(report, ctx);
  expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
  expectCleanCard(card);
  const text = collectText(card);
  expect(text).toMatch(/500 extra permissions/);
  expect(text).toContain('Extra.Permission0.ReadWrite.All');
  expect(text).not.toContain('Extra.Permission499.ReadWrite.All');
  expect(text).toMatch(/and 4\d\d more/);
  // The report itself keeps every one, for the CLI and JSON.
  expect(report.extraPermissions).toHaveLength(500);
  expect(renderResult(report)).toContain('Extra.Permission499.ReadWrite.All');
  expect(JSON.stringify(report)).toContain('Extra.Permission499.ReadWrite.All');
});

test('a short list is shown whole, with no "more" line', () => {
  const text = collectText(statusCard(reportWithExtras(12), ctx));
  expect(text).toContain('Extra.Permission11.ReadWrite.All');
  expect(text).not.toMatch(/and \d+ more/);
});
