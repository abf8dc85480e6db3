import { card, execute, heading, text } from './cardParts';
import type { AdaptiveCard } from './cardTypes';
import { escapeText } from './escapeText';
import { Verbs } from './verbs';

export interface HelpCommand {
  readonly name: string;
  readonly description: string;
}

/**
 * The `help` reply: the command list (the same one the manifest's commandLists shows). Start
 * setup is offered only where setup works (personal chat): a button is never shown where it
 * cannot work.
 */
export function helpCard(input: {
  readonly commands: readonly HelpCommand[];
  readonly offerSetup: boolean;
}): AdaptiveCard {
  return card(
    [
      heading('What I can do'),
      text('Type a command in this chat:'),
      {
        type: 'FactSet',
        facts: input.commands.map((c) => ({ title: escapeText(c.name, 60), value: escapeText(c.description, 300) })),
      },
      text('A client secret is only ever accepted here in personal chat, never in a channel or group chat.', {
        isSubtle: true,
        spacing: 'Medium',
      }),
    ],
    input.offerSetup ? [execute('Start setup', Verbs.startSetup)] : [],
  );
}
