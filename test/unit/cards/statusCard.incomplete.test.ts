import { Verbs } from '../../../src/cards/verbs';
import { registrationPickerCard } from '../../../src/cards/registrationPickerCard';
import { statusCard, type StatusCardContext } from '../../../src/cards/statusCard';
import type { ConsentReport } from '../../../src/consent/report';
import { collectActions, collectText } from '../../helpers/validateCard';
import { expectCleanCard, makeReport, results } from './cardFixtures';

/** A check whose Graph reads failed says so: neither Ready nor Action needed, and when to retry. */

const ctx: StatusCardContext = {
  registrationId: 'reg-1',
  label: 'Contoso',
  consentMode: 'manual',
  consentUrl: 'https://login.microsoftonline.com/t/adminconsent?client_id=c&state=s',
};

function incompleteReport(): ConsentReport {
  return makeReport({
    permissions: results(['Granted', 'Granted', 'Unknown']),
    verdict: 'Check incomplete',
    incomplete: {
      reasons: ["Microsoft Graph was still throttling the read of the app's granted delegated permissions (429)."],
      retry: 'Microsoft Graph asked to wait 2 minutes: retest after 2025-03-10 09:32 UTC.',
      retryAfterSeconds: 120,
      retryAt: '2025-03-10T09:32:00.000Z',
    },
    nextSteps: [{ code: 'retest', text: 'Retest: Microsoft Graph asked to wait 2 minutes.' }],
  });
}

test('the status card shows Check incomplete, why, and when to retry', () => {
  const card = statusCard(incompleteReport(), ctx);
  expectCleanCard(card);
  const text = collectText(card);
  expect(text).toMatch(/Check incomplete/);
  expect(text).not.toMatch(/Action needed|✅ Ready/);
  expect(text).toMatch(/could not finish/);
  expect(text).toMatch(/still throttling/);
  expect(text).toMatch(/retest after 2025-03-10 09:32 UTC/);
});

test('no consent is asked for on missing evidence: no Grant admin consent button nor section', () => {
  const card = statusCard(incompleteReport(), ctx);
  expect(collectActions(card).map((a) => a.title)).not.toContain('Grant admin consent');
  expect(collectActions(card).map((a) => a.title)).not.toContain("I've granted consent");
  expect(collectActions(card).map((a) => a.title)).toContain('Retest');
});

test('the registration picker shows the verdict too', () => {
  const card = registrationPickerCard({
    purpose: 'status',
    verb: Verbs.pickRegistration,
    registrations: [{ id: 'r1', label: 'Contoso', clientId: 'c', tenantId: 't', verdict: 'Check incomplete' }],
  });
  expect(collectText(card)).toMatch(/Check incomplete/);
});
