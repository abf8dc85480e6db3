/**
 * The one name people see: in cards, chat texts, the Teams manifest and the Agents Playground,
 * so the README's "@Connector Consent Bot remind here" can be typed wherever the bot is met.
 */
export const PRODUCT_NAME = 'Connector Consent Bot';
