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
import { sendCard, updateCard } from './chatReplies';
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

/** Says what was wrong with each value typed, one paragraph per field; nothing when all were fine. */
async function sayProblems(context: TurnContext, errors: Partial<Record<InputField, string>>): Promise<void> {
  const problems = (Object.entries(errors) as [InputField, string][]).map(([f, m]) => `**${FIELD_NAMES[f]}:** ${m}`);
  if (problems.length > 0) await context.sendActivity(problems.join('\n\n'));
}

/**
 * Asks for one step, in words that say where in the portal the value is, and returns the id of
 * the setup form now on screen. After an error the form this setup already showed is updated
 * in place (values kept, the error under its field) instead of posting another one; if Teams
 * refuses the update (deleted, too old), the secret step posts a fresh form as before.
 */
export async function askStep(
  context: TurnContext,
  session: SetupSession,
  errors: Partial<Record<InputField, string>> = {},
): Promise<string | undefined> {
  const form = (intro: string) =>
    setupCard({
      tenant: session.tenant,
      clientId: session.clientId,
      registrationId: session.registrationId,
      errors,
      intro,
    });
  const hasErrors = Object.values(errors).some(Boolean);
  const updated =
    hasErrors && session.formActivityId
      ? await updateCard(
          context,
          session.formActivityId,
          form('Correct the values marked below, or reply in the chat.'),
        )
          .then(() => true)
          .catch(() => false)
      : false;
  await sayProblems(context, errors);
  if (session.step === 'tenant') {
    await context.sendActivity(
      "**Step 1 of 3.** What is the **Directory (tenant) ID**? It is on the app registration's *Overview* page " +
        '(a GUID, or a domain such as contoso.onmicrosoft.com). Type **cancel** to stop.',
    );
  } else if (session.step === 'clientId') {
    await context.sendActivity('**Step 2 of 3.** Now the **Application (client) ID**, from the same *Overview* page.');
  } else if (updated) {
    await context.sendActivity(
      'Paste the client secret **Value** here, or enter it in the masked field of the form above. Type **cancel** to stop.',
    );
  } else {
    await context.sendActivity(
      '**Step 3 of 3.** Last, the client secret **Value** (*Certificates & secrets*; it is shown only when created, and it is ' +
        'not the *Secret ID*). The masked field below keeps it off the screen; pasting it here in this private chat works too.',
    );
    return sendCard(context, form('Enter the secret Value in the masked field.'));
  }
  return session.formActivityId;
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
  offerCreate = false,
): Promise<void> {
  const session: SetupSession = {
    step: prefill.tenant ? (prefill.clientId ? 'clientSecret' : 'clientId') : 'tenant',
    ...prefill,
  };
  const intro =
    session.step === 'clientSecret'
      ? 'Enter the new client secret Value in the masked field and select Check connector.'
      : 'Fill in the three values and select Check connector. Prefer one question at a time? Reply here with the Directory (tenant) ID and I will ask for the rest.';
  const formActivityId = await sendCard(context, setupCard({ ...prefill, intro, offerCreate }));
  await sessions.save(info.conversationKey, info.userId, { ...session, ...(formActivityId ? { formActivityId } : {}) });
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
  const errors: Partial<Record<InputField, string>> = {};
  for (const [step, raw] of Object.entries(candidateValues(session, text)) as [SetupStep, string][]) {
    const checked = VALIDATE[step](raw);
    if (checked.ok) values[step] = checked.value;
    else errors[step] = checked.message;
  }
  const missing = ORDER.find((step) => !values[step]);
  const next: SetupSession = {
    step: missing ?? 'clientSecret',
    tenant: values.tenant,
    clientId: values.clientId,
    registrationId: session.registrationId,
    formActivityId: session.formActivityId,
  };
  if (missing || !values.tenant || !values.clientId || !values.clientSecret) {
    // The form already on screen is updated first, then the problems and the next question.
    const formActivityId = await askStep(context, next, errors);
    await sessions.save(info.conversationKey, info.userId, { ...next, formActivityId });
    return;
  }
  await sayProblems(context, errors);
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
      formActivityId: session.formActivityId,
    };
    await sessions.save(info.conversationKey, info.userId, retry);
    await context.sendActivity(`Reply with the correct **${FIELD_NAMES[field]}** to try again, or type **cancel**.`);
  }
}
