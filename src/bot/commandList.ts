/** The commands the bot answers, shown by `help` and listed in the app manifest. */
export const PERSONAL_COMMANDS = [
  { name: 'setup', description: 'Connect an app registration: tenant ID, client ID and secret, then a check' },
  { name: 'check', description: 'Re-run the check for a saved registration' },
  { name: 'status', description: 'Show the last result without a new check' },
  { name: 'overview', description: 'All your connectors on one card, most urgent first' },
  { name: 'history', description: 'Show what Fix it for me changed on a registration, and who' },
  { name: 'rotate', description: 'Rotate a client secret (when the admin sign-in is set up)' },
  { name: 'forget', description: 'Delete a saved registration and its secret' },
  { name: 'help', description: 'What I can do and how the setup works' },
] as const;

export const CHANNEL_COMMANDS = [{ name: 'help', description: 'What I can do here' }] as const;

/** Splits "status Contoso app" into the command word and the rest. */
export function parseCommand(text: string): { command: string; argument: string } {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  if (space < 0) return { command: trimmed.toLowerCase(), argument: '' };
  return { command: trimmed.slice(0, space).toLowerCase(), argument: trimmed.slice(space + 1).trim() };
}
