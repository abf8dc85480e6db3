import type { TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards/cardTypes';
import type { ActionPayload, FieldRule } from './actionPayload';
import type { ConversationScope, TurnInfo } from './turnInfo';

/** A card button handled outside the core setup flow (e.g. reminder cards). */
export interface CardActionExtension {
  readonly rules: Readonly<Record<string, FieldRule>>;
  /** Allowed conversation scopes; default every scope. */
  readonly scopes?: readonly ConversationScope[];
  handle(context: TurnContext, info: TurnInfo, data: ActionPayload): Promise<AdaptiveCard | string>;
}

/** A typed command handled outside the core setup flow (e.g. `remind here`). */
export interface MessageCommandExtension {
  /** Matched against the start of the message, lower-cased, after the bot's @mention is removed. */
  readonly phrases: readonly string[];
  readonly scopes: readonly ConversationScope[];
  readonly description: string;
  handle(context: TurnContext, info: TurnInfo, argument: string): Promise<void>;
}

/** Feature modules plug into the bot here instead of editing the core handlers. */
export interface BotExtensions {
  readonly cardActions?: Readonly<Record<string, CardActionExtension>>;
  readonly messageCommands?: readonly MessageCommandExtension[];
  /** Called after a user forgot a registration: drop what hangs off it (subscriptions...). */
  readonly onRegistrationForgotten?: (registrationId: string) => Promise<void>;
  /** Called for the bot's removal from a conversation (uninstall, team deleted). */
  readonly onConversationRemoved?: (conversationKey: string) => Promise<void>;
}

/** Finds the extension command a message starts with (longest phrase first). */
export function matchCommand(
  commands: readonly MessageCommandExtension[],
  text: string,
  scope: ConversationScope,
): { command: MessageCommandExtension; argument: string } | undefined {
  const lower = text.trim().toLowerCase();
  let best: { command: MessageCommandExtension; argument: string; length: number } | undefined;
  for (const command of commands) {
    if (!command.scopes.includes(scope)) continue;
    for (const phrase of command.phrases) {
      const matches = lower === phrase || lower.startsWith(`${phrase} `);
      if (matches && (!best || phrase.length > best.length)) {
        best = { command, argument: text.trim().slice(phrase.length).trim(), length: phrase.length };
      }
    }
  }
  return best ? { command: best.command, argument: best.argument } : undefined;
}

/**
 * Several feature modules as one: card verbs and commands side by side (a verb defined twice is
 * a wiring mistake and throws at start), lifecycle hooks called in order.
 */
export function combineExtensions(...parts: readonly BotExtensions[]): BotExtensions {
  const cardActions: Record<string, CardActionExtension> = {};
  for (const part of parts) {
    for (const [verb, action] of Object.entries(part.cardActions ?? {})) {
      if (Object.hasOwn(cardActions, verb)) throw new Error(`Card verb ${verb} is registered twice.`);
      cardActions[verb] = action;
    }
  }
  return {
    cardActions,
    messageCommands: parts.flatMap((p) => p.messageCommands ?? []),
    onRegistrationForgotten: async (registrationId) => {
      for (const p of parts) await p.onRegistrationForgotten?.(registrationId);
    },
    onConversationRemoved: async (conversationKey) => {
      for (const p of parts) await p.onConversationRemoved?.(conversationKey);
    },
  };
}
