import type { TurnContext } from 'botbuilder';
import { setupCard } from '../cards/setupCard';
import {
  extractCredentialsFromText,
  normalizeSecret,
  validateClientId,
  validateTenant,
  type InputField,
} from '../consent';
import { credentialsRejected } from '../registrations/registrationService';
import { sendCard } from './chatReplies';
import { registerInChat, type CheckInChatDeps } from './checkInChat';
import type { SetupSession, SetupSessions, SetupStep } from './setupSessions';
import type { TurnInfo } from './turnInfo';

const ORDER: readonly SetupStep[] = ['tenant', 'clientId', 'clientSecret'];

const VALIDATE: Record<SetupStep, (raw: string) => { ok: true; value: string } | { ok: false; message: string }> = {
  tenant: validateTenant,
  clientId: validateClientId,
  clientSecret: normalizeSecret,
};

const FIELD_NAMES: Record<InputField, string> = {
  tenant: 'Directory (tenant) ID',
  clientId: 'Application (client) ID',
  clientSecret: 'client secret Value',
};

/** Asks for one step, in words that say where in the portal the value is. */
export async function askStep(context: TurnContext, session: SetupSession): Promise<void> {
  if (session.step === 'tenant') {
    await context.sendActivity(
      "**Step 1 of 3.** What is the **Directory (tenant) ID**? It is on the app registration's *Overview* page " +
        '(a GUID, or a domain such as contoso.onmicrosoft.com). Type **cancel** to stop.',
    );
  } else if (session.step === 'clientId') {
    await context.sendActivity('**Step 2 of 3.** Now the **Application (client) ID**, from the same *Overview* page.');
  } else {
    await context.sendActivity(
      '**Step 3 of 3.** Last, the client secret **Value** (*Certificates & secrets*; it is shown only when created, and it is ' +
        'not the *Secret ID*). The masked field below keeps it off the screen; pasting it here in this private chat works too.',
    );
    await sendCard(
      context,
      setupCard({
        tenant: session.tenant,
        clientId: session.clientId,
        registrationId: session.registrationId,
        intro: 'Enter the secret Value in the masked field.',
      }),
    );
  }
}

/**
 * Starts the guided setup with ONE message: the form, whose intro also invites a typed
 * answer. (A separate "Step 1" question would stay in the chat below the result once the
 * form is submitted and replaced, as if the bot were still asking.)
 */
export async function startSetup(
  context: TurnContext,
  sessions: SetupSessions,
  info: TurnInfo,
  prefill: { tenant?: string; clientId?: string; registrationId?: string } = {},
): Promise<void> {
  const session: SetupSession = {
    step: prefill.tenant ? (prefill.clientId ? 'clientSecret' : 'clientId') : 'tenant',
    ...prefill,
  };
  await sessions.save(info.conversationKey, info.userId, session);
  const intro =
    session.step === 'clientSecret'
      ? 'Enter the new client secret Value in the masked field and select Check connector.'
      : 'Fill in the three values and select Check connector. Prefer one question at a time? Reply here with the Directory (tenant) ID and I will ask for the rest.';
  await sendCard(context, setupCard({ ...prefill, intro }));
}

function candidateValues(session: SetupSession, text: string): Partial<Record<SetupStep, string>> {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length > 1) {
    const found = extractCredentialsFromText(text);
    if (Object.keys(found).length >= 2) return found;
  }
  return { [session.step]: text };
}

/**
 * Takes the user's next message in a step-by-step setup: validates on the spot, re-asks on
 * a bad value, accepts all three at once, and runs the check when complete.
 */
export async function continueSetup(
  context: TurnContext,
  deps: CheckInChatDeps,
  sessions: SetupSessions,
  info: TurnInfo,
  session: SetupSession,
  text: string,
): Promise<void> {
  const values: Partial<Record<SetupStep, string>> = { tenant: session.tenant, clientId: session.clientId };
  const problems: string[] = [];
  for (const [step, raw] of Object.entries(candidateValues(session, text)) as [SetupStep, string][]) {
    const checked = VALIDATE[step](raw);
    if (checked.ok) values[step] = checked.value;
    else problems.push(`**${FIELD_NAMES[step]}:** ${checked.message}`);
  }
  const missing = ORDER.find((step) => !values[step]);
  const next: SetupSession = {
    step: missing ?? 'clientSecret',
    tenant: values.tenant,
    clientId: values.clientId,
    registrationId: session.registrationId,
  };
  if (problems.length > 0) await context.sendActivity(problems.join('\n\n'));
  if (missing || !values.tenant || !values.clientId || !values.clientSecret) {
    await sessions.save(info.conversationKey, info.userId, next);
    await askStep(context, next);
    return;
  }
  await sessions.end(info.conversationKey, info.userId);
  const checked = await registerInChat(
    context,
    deps,
    info,
    { tenant: values.tenant, clientId: values.clientId, clientSecret: values.clientSecret },
    session.registrationId,
  );
  if (credentialsRejected(checked.result) && checked.result.kind === 'failure') {
    const field = checked.result.field ?? 'clientSecret';
    const retry: SetupSession = {
      step: field,
      tenant: field === 'tenant' ? undefined : values.tenant,
      clientId: field === 'clientId' ? undefined : values.clientId,
      registrationId: session.registrationId,
    };
    await sessions.save(info.conversationKey, info.userId, retry);
    await context.sendActivity(`Reply with the correct **${FIELD_NAMES[field]}** to try again, or type **cancel**.`);
  }
}
