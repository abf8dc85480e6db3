import type { ConnectorClient, ConnectorFactory } from 'botframework-connector';
import { budgetedRetryPolicy, type PipelinePolicyLike, type TurnDeadline } from './budgetedRetryPolicy';

/** The part of @azure/core-rest-pipeline's Pipeline used to swap the retry policy. */
interface PipelineLike {
  removePolicy(options: { name?: string }): unknown;
  addPolicy(policy: PipelinePolicyLike, options?: { phase?: 'Retry' }): void;
  getOrderedPolicies(): ReadonlyArray<{ readonly name: string }>;
}

const DEFAULT_RETRY_POLICY_NAME = 'defaultRetryPolicy';

/** The core-client pipeline inside botbuilder's ConnectorClient (a private field, checked at run time). */
function pipelineOf(client: ConnectorClient): PipelineLike {
  const inner: unknown = (client as unknown as { client?: unknown }).client;
  const pipeline: unknown = (inner as { pipeline?: unknown } | undefined)?.pipeline;
  const p = pipeline as Partial<PipelineLike> | undefined;
  if (!p || typeof p.removePolicy !== 'function' || typeof p.addPolicy !== 'function') {
    throw new Error('ConnectorClient has no core-client pipeline: the reply budget cannot be applied.');
  }
  return p as PipelineLike;
}

/**
 * Gives every ConnectorClient of one turn the budgeted retry policy in place of the default
 * one (botbuilder offers no option for it: its ConnectorFactoryImpl overwrites the policy
 * list). Throws rather than silently keeping unbounded retries if botbuilder's shape changes.
 * A structural ConnectorFactory: botframework-connector is botbuilder's dependency, used here
 * for types only.
 */
export function budgetedConnectorFactory(inner: ConnectorFactory, turn: TurnDeadline): ConnectorFactory {
  return {
    async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
      const client = await inner.create(serviceUrl, audience);
      const pipeline = pipelineOf(client);
      pipeline.removePolicy({ name: DEFAULT_RETRY_POLICY_NAME });
      pipeline.addPolicy(budgetedRetryPolicy(turn), { phase: 'Retry' });
      return client;
    },
  };
}
