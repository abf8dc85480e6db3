/**
 * The small subset of Adaptive Card 1.5 (as rendered by Teams) that our cards use. Typed
 * locally so the card builders need no SDK at run time; test/helpers/validateCard.ts checks
 * the output against the real `adaptivecards` parser at version 1.5.
 */

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const CARD_VERSION = '1.5';

export type TextColor = 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';
export type Spacing = 'None' | 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge' | 'Padding';
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';

export interface TextBlock {
  readonly type: 'TextBlock';
  readonly text: string;
  readonly wrap?: boolean;
  /** With `wrap: false`, how many lines before the text is cut with an ellipsis. */
  readonly maxLines?: number;
  readonly size?: 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
  readonly weight?: 'Lighter' | 'Default' | 'Bolder';
  readonly color?: TextColor;
  readonly isSubtle?: boolean;
  /** 'heading' marks the block as a heading for screen readers (1.5). */
  readonly style?: 'heading';
  readonly spacing?: Spacing;
  readonly separator?: boolean;
}

export interface Fact {
  readonly title: string;
  readonly value: string;
}

export interface FactSet {
  readonly type: 'FactSet';
  readonly facts: readonly Fact[];
  readonly spacing?: Spacing;
  readonly separator?: boolean;
}

export interface Column {
  readonly type: 'Column';
  readonly width?: 'auto' | 'stretch' | number;
  readonly items: readonly CardElement[];
  readonly verticalContentAlignment?: 'Top' | 'Center' | 'Bottom';
}

export interface ColumnSet {
  readonly type: 'ColumnSet';
  readonly columns: readonly Column[];
  readonly spacing?: Spacing;
  readonly separator?: boolean;
}

export interface Container {
  readonly type: 'Container';
  readonly items: readonly CardElement[];
  readonly style?: ContainerStyle;
  readonly spacing?: Spacing;
  readonly separator?: boolean;
}

export interface ActionSet {
  readonly type: 'ActionSet';
  readonly actions: readonly CardAction[];
  readonly spacing?: Spacing;
}

export interface InputText {
  readonly type: 'Input.Text';
  readonly id: string;
  readonly label: string;
  readonly placeholder?: string;
  readonly value?: string;
  readonly isRequired?: boolean;
  readonly errorMessage?: string;
  readonly regex?: string;
  readonly maxLength?: number;
  /** 'password' masks what is typed (1.5). */
  readonly style?: 'text' | 'password';
  readonly spacing?: Spacing;
}

/** A compact drop-down (Input.ChoiceSet); its value comes back in the action data under `id`. */
export interface InputChoiceSet {
  readonly type: 'Input.ChoiceSet';
  readonly id: string;
  readonly label: string;
  readonly choices: readonly { readonly title: string; readonly value: string }[];
  readonly value?: string;
  readonly style?: 'compact' | 'expanded';
  readonly isRequired?: boolean;
  readonly errorMessage?: string;
  readonly spacing?: Spacing;
}

export type CardElement = TextBlock | FactSet | ColumnSet | Container | ActionSet | InputText | InputChoiceSet;

/** Data sent back with an Action.Execute; always carries its verb so handlers can dispatch. */
export interface ActionData {
  readonly verb: string;
  readonly [key: string]: string;
}

export type ActionStyle = 'default' | 'positive' | 'destructive';

export interface ExecuteAction {
  readonly type: 'Action.Execute';
  readonly title: string;
  readonly verb: string;
  readonly data: ActionData;
  /** 'none' lets Cancel-like buttons skip input validation. */
  readonly associatedInputs?: 'auto' | 'none';
  readonly style?: ActionStyle;
}

export interface OpenUrlAction {
  readonly type: 'Action.OpenUrl';
  readonly title: string;
  readonly url: string;
  readonly style?: ActionStyle;
}

/** A card nested in Action.ShowCard: no $schema or version of its own. */
export interface SubCard {
  readonly type: 'AdaptiveCard';
  readonly body: readonly CardElement[];
  readonly actions?: readonly CardAction[];
}

export interface ShowCardAction {
  readonly type: 'Action.ShowCard';
  readonly title: string;
  readonly card: SubCard;
}

export type CardAction = ExecuteAction | OpenUrlAction | ShowCardAction;

/** A complete card as sent to Teams (in an attachment or an adaptiveCard/action response). */
export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: typeof CARD_SCHEMA;
  readonly version: typeof CARD_VERSION;
  readonly body: readonly CardElement[];
  readonly actions: readonly CardAction[];
  /** Teams extension: use the full width of the chat for tables of permissions. */
  readonly msteams?: { readonly width: 'Full' };
}

/** Teams shows at most this many top-level actions; the rest must go in the body. */
export const MAX_TOP_LEVEL_ACTIONS = 6;
