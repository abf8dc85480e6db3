/** One configuration key that is wrong, and why (never its value when the key holds a secret). */
export interface ConfigProblem {
  readonly key: string;
  readonly reason: string;
}

/**
 * Start-up refuses a bad configuration with every problem at once, so an operator fixes
 * them in one pass instead of one restart per typo.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `The configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `- ${p.key}: ${p.reason}`).join('\n'),
    );
  }
}
