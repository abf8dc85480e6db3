import { card, execute, heading, text } from './cardParts';
import type { AdaptiveCard, InputText } from './cardTypes';
import { escapeText } from './escapeText';
import { lifetimeChoice } from './lifetimeChoice';
import { TENANT_PATTERN } from './setupCard';
import { LifecycleInputs, Verbs } from './verbs';

export const DEFAULT_APP_NAME = 'Office 365 connector';

export interface CreateFormInput {
  readonly appName?: string;
  /** The organisation to create it in; pre-filled with the Teams user's. */
  readonly tenant?: string;
  readonly lifetimeMonths: number;
  /** Shown above the form, e.g. why the previous values were not accepted. */
  readonly notice?: string;
}

/**
 * "I don't have an app registration yet": the name, the organisation and the secret's lifetime.
 * Continue shows the preview; nothing is created before the admin signs in there.
 */
export function createFormCard(input: CreateFormInput): AdaptiveCard {
  const name: InputText = {
    type: 'Input.Text',
    id: LifecycleInputs.appName,
    label: 'Name of the app registration',
    value: (input.appName ?? DEFAULT_APP_NAME).slice(0, 120),
    isRequired: true,
    maxLength: 120,
    errorMessage: 'Give the app registration a name (up to 120 characters).',
  };
  const tenant: InputText = {
    type: 'Input.Text',
    id: LifecycleInputs.tenant,
    label: 'Directory (tenant) ID of your organisation',
    placeholder: 'Tenant ID or contoso.onmicrosoft.com',
    isRequired: true,
    regex: TENANT_PATTERN,
    maxLength: 256,
    errorMessage: 'Enter the tenant ID (a GUID) or a domain such as contoso.onmicrosoft.com.',
    ...(input.tenant ? { value: input.tenant.slice(0, 256) } : {}),
  };
  return card(
    [
      heading('Create the app registration for me'),
      ...(input.notice ? [text(`⚠️ ${escapeText(input.notice, 400)}`, { weight: 'Bolder' })] : []),
      text(
        'I create it in your organisation with the seven Microsoft Graph permissions the connector needs, grant admin consent, add a client secret and check it. You sign in once as an administrator; I show you everything first.',
        { spacing: 'Small' },
      ),
      name,
      tenant,
      lifetimeChoice(input.lifetimeMonths),
    ],
    [
      execute('Continue', Verbs.createPreview, {}, { style: 'positive' }),
      execute('Cancel', Verbs.createCancel, {}, { associatedInputs: 'none' }),
    ],
  );
}
