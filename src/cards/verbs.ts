/**
 * Card action verbs and input ids, defined once and shared by the card builders and the
 * bot's handlers so the two can never drift apart. Every verb lives here; a builder used for
 * more than one purpose takes its verb as a parameter.
 */
export const Verbs = {
  /** Welcome card / help: open the setup form. */
  startSetup: 'setup.start',
  /** Setup form submit (Action.Execute carrying tenant, clientId, clientSecret). */
  submitSetup: 'setup.submit',
  /** Leave the setup flow. */
  cancelSetup: 'setup.cancel',
  /** Status card: re-run the check and replace the card in place. */
  retest: 'status.retest',
  /** Status card: open the setup form pre-filled for this registration (new secret). */
  updateCredentials: 'status.updateCredentials',
  /** Status card without a consent callback: start the backoff re-check. */
  consentGranted: 'consent.granted',
  /** Picker: choose one of several registrations for `check` / `status`. */
  pickRegistration: 'registration.pick',
  /** `forget`: confirm or keep. */
  forgetConfirm: 'forget.confirm',
  forgetCancel: 'forget.cancel',
  /** Status card: explains how to subscribe a channel to reminders. */
  remindChannel: 'reminders.howto',
  /** Reminder card: the secret was rotated; explains how to give the bot the new one. */
  reminderRotated: 'reminder.rotated',
  /** Reminder card: skip reminders for this secret for one day. */
  reminderSnooze: 'reminder.snooze',
  /** Reminder card: no more reminders for this subscription. */
  reminderStop: 'reminder.stop',
  /** "Remind here" picker (channels, group chats): subscribe this conversation to the chosen registration. */
  reminderSubscribe: 'reminder.subscribe',
  /** Status card: show what "Fix it for me" would change (the preview card). */
  fix: 'repair.fix',
  /** Preview card: change nothing and show the status card again. */
  fixCancel: 'repair.cancel',
  /** Picker: show the audit trail of the chosen registration (`history`). */
  historyPick: 'repair.history',
  /** Overview card: re-check one registration and redraw the overview in place. */
  overviewRetest: 'overview.retest',
  /** Welcome card / setup form: "I don't have an app registration yet" (the Create it for me form). */
  createStart: 'create.start',
  /** Create form: show the preview with the sign-in link. */
  createPreview: 'create.preview',
  /** Create form or preview: change nothing. */
  createCancel: 'create.cancel',
  /** Status card and reminder card: Rotate now (the rotation preview in personal chat). */
  rotate: 'rotate.start',
  /** Rotation preview: another lifetime for the new secret (a new sign-in link). */
  rotateLifetime: 'rotate.lifetime',
  /** Rotation card: the product now uses the new secret; check with it. */
  rotateConfirm: 'rotate.confirm',
} as const;

/** Inputs of the Create it for me form and the rotation preview. */
export const LifecycleInputs = {
  appName: 'appName',
  tenant: 'tenant',
  lifetimeMonths: 'lifetimeMonths',
} as const;

export type Verb = (typeof Verbs)[keyof typeof Verbs];

/** Input ids on the setup form; also the keys of the action data the handlers validate. */
export const SetupInputs = {
  tenant: 'tenant',
  clientId: 'clientId',
  clientSecret: 'clientSecret',
} as const;
