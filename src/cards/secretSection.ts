import type { SecretInfo } from '../consent';
import { subheading, text } from './cardParts';
import type { CardElement, Fact } from './cardTypes';
import { escapeText, maskedHint } from './escapeText';
import { expiryInWords } from '../time/daysLeft';
import { formatDateTime } from './formatDate';

/**
 * The client secret in use: which one (name and masked hint), when it expires in the
 * reader's zone, how long is left in words, and the core's warnings.
 */
export function secretSection(secret: SecretInfo, now: Date, timeZone?: string): CardElement[] {
  const facts: Fact[] = [];
  facts.push({ title: 'Works', value: secret.valid ? 'Yes, Entra ID issued a token with it' : 'No' });
  if (secret.identified) {
    const name = secret.displayName ? `${escapeText(secret.displayName, 120)} ` : '';
    facts.push({ title: 'Secret', value: `${name}(${maskedHint(secret.hint)})` });
    if (secret.endDateTime) {
      facts.push({ title: 'Expires', value: formatDateTime(secret.endDateTime, timeZone) });
      facts.push({ title: 'Time left', value: expiryInWords(secret.endDateTime, now) });
    }
  } else {
    facts.push({ title: 'Expires', value: "Unknown: I could not tell which of the app's secrets this is" });
  }
  const warnings = secret.warnings.map((w) =>
    text(`⚠️ ${escapeText(w.text, 400)}`, {
      spacing: 'Small',
      ...(w.code === 'expired' ? { weight: 'Bolder' as const } : {}),
    }),
  );
  return [subheading('Client secret'), { type: 'FactSet', facts, spacing: 'Small' }, ...warnings];
}
