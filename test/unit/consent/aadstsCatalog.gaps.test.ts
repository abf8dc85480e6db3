import { explainAadsts, KNOWN_AADSTS_CODES } from '../../../src/consent/explain';
import type { FailureCode, InputField } from '../../../src/consent/report';

/**
 * Codes from Microsoft's published AADSTS error list that a connector check or its consent
 * link really meets (https://learn.microsoft.com/entra/identity-platform/reference-error-codes):
 * each gets plain words and what to do next, not the generic "look it up" text.
 */

const GAPS: [string, FailureCode, InputField | undefined, RegExp][] = [
  ['900382', 'wrong-cloud', undefined, /AZURE_CLOUD/],
  ['900432', 'wrong-cloud', undefined, /AZURE_CLOUD/],
  ['90038', 'wrong-cloud', undefined, /AZURE_CLOUD=usgov.*china|national cloud/i],
  ['500011', 'resource-not-found', undefined, /Microsoft Graph.*(GRAPH_ENDPOINT|AZURE_CLOUD)/s],
  ['7000218', 'invalid-secret', 'clientSecret', /no client secret/i],
  ['90014', 'invalid-input', undefined, /missing/],
  ['50034', 'consent-required', undefined, /account.*this tenant/],
  ['65004', 'consent-required', undefined, /declined/],
  ['500113', 'reply-address', undefined, /no reply address|no redirect URI/i],
  ['50011', 'reply-address', undefined, /exact/],
];

test.each(GAPS)('AADSTS%s -> %s with a fix in plain words', (code, failure, field, words) => {
  expect(KNOWN_AADSTS_CODES).toContain(code);
  const text = explainAadsts(code);
  expect(text.code).toBe(failure);
  expect(text.field).toBe(field);
  expect(`${text.explanation} ${text.fix}`).toMatch(words);
  expect(text.fix).not.toMatch(/error\?code=/);
  expect(text.retryable).toBe(false);
});

test('500113 and 50011 each have their own fix', () => {
  expect(explainAadsts('500113').fix).not.toBe(explainAadsts('50011').fix);
  expect(explainAadsts('500113').fix).toMatch(/Add a Web redirect URI/);
  expect(explainAadsts('50011').fix).toMatch(/trailing slash|http/);
});

test('90002 names the cross-cloud cause: a US Government or China tenant checked against the public cloud', () => {
  const text = explainAadsts('90002');
  expect(text.code).toBe('tenant-not-found');
  expect(`${text.explanation} ${text.fix}`).toMatch(/US Government/);
  expect(`${text.explanation} ${text.fix}`).toMatch(/China/);
  expect(text.fix).toMatch(/AZURE_CLOUD=usgov.*AZURE_CLOUD=china|AZURE_CLOUD/);
});
