import type { InputField } from '../consent';
import { card, execute, heading, text } from './cardParts';
import type { AdaptiveCard, CardElement, InputText } from './cardTypes';
import { escapeText } from './escapeText';
import { SetupInputs, Verbs } from './verbs';

const GUID = '[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}';
const DOMAIN = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+';
/** Client-side hints only; the consent core validates again with its own messages. */
export const CLIENT_ID_PATTERN = `^\\s*${GUID}\\s*$`;
export const TENANT_PATTERN = `^\\s*(?:${GUID}|${DOMAIN})\\s*$`;

export interface SetupCardInput {
  /** Pre-fill (e.g. Update credentials, or re-showing the form after an error). */
  readonly tenant?: string;
  readonly clientId?: string;
  /** Messages from the consent core's input checks, shown under the matching field. */
  readonly errors?: Partial<Record<InputField, string>>;
  /** Set when updating an existing registration; echoed back in the submit data. */
  readonly registrationId?: string;
  /** Plain text shown above the form, e.g. "New secret for Contoso connector". */
  readonly intro?: string;
  /** The bot can create the app registration itself: "I don't have one yet". */
  readonly offerCreate?: boolean;
}

/**
 * The form that gathers tenant, client id and secret. The secret input is masked and never
 * pre-filled (a card is stored in chat history); the other two keep what the user typed.
 */
export function setupCard(input: SetupCardInput = {}): AdaptiveCard {
  const errors = input.errors ?? {};
  const errorFor = (field: InputField): CardElement[] => {
    const message = errors[field];
    return message ? [text(`⚠️ ${escapeText(message)}`, { color: 'Default', spacing: 'Small' })] : [];
  };
  const tenant: InputText = {
    type: 'Input.Text',
    id: SetupInputs.tenant,
    label: 'Directory (tenant) ID',
    placeholder: 'Tenant ID or contoso.onmicrosoft.com',
    isRequired: true,
    errorMessage: "Enter the Directory (tenant) ID from the app's Overview page, or the tenant's domain.",
    regex: TENANT_PATTERN,
    maxLength: 256,
    ...(input.tenant ? { value: input.tenant.slice(0, 256) } : {}),
  };
  const clientId: InputText = {
    type: 'Input.Text',
    id: SetupInputs.clientId,
    label: 'Application (client) ID',
    placeholder: 'A GUID from the Overview page',
    isRequired: true,
    errorMessage: "Enter the Application (client) ID: a GUID from the app's Overview page.",
    regex: CLIENT_ID_PATTERN,
    maxLength: 64,
    ...(input.clientId ? { value: input.clientId.slice(0, 64) } : {}),
  };
  const secret: InputText = {
    type: 'Input.Text',
    id: SetupInputs.clientSecret,
    label: 'Client secret value',
    placeholder: 'The Value, not the Secret ID',
    isRequired: true,
    errorMessage: "Paste the client secret's Value (Certificates & secrets).",
    style: 'password',
    maxLength: 512,
  };
  const hasErrors = Object.values(errors).some(Boolean);
  return card(
    [
      heading('Set up the connector check'),
      ...(input.intro ? [text(escapeText(input.intro))] : []),
      text('Copy these from the app registration in the Azure portal (Microsoft Entra ID → App registrations).', {
        isSubtle: true,
      }),
      ...(hasErrors ? [text('Please correct the values marked below.', { color: 'Default', weight: 'Bolder' })] : []),
      tenant,
      ...errorFor('tenant'),
      clientId,
      ...errorFor('clientId'),
      secret,
      ...errorFor('clientSecret'),
      text(
        "Use the secret's **Value**, shown only once when you create it. The *Secret ID* (it looks like a GUID) " +
          'will not work. I keep the secret encrypted and never show it again.',
        { isSubtle: true, size: 'Small', spacing: 'Small' },
      ),
    ],
    [
      execute('Check connector', Verbs.submitSetup, { registrationId: input.registrationId }, { style: 'positive' }),
      execute('Cancel', Verbs.cancelSetup, { registrationId: input.registrationId }, { associatedInputs: 'none' }),
      ...(input.offerCreate && !input.registrationId
        ? [execute("I don't have an app registration yet", Verbs.createStart, {}, { associatedInputs: 'none' })]
        : []),
    ],
  );
}
