import type { TableEntityResult } from '@azure/data-tables';
import { checkEntitySize, getJson, getText, putText, type EntityProps } from './azureEntityText';
import { checkKeyLength, encodeKeyPart } from './azureKeys';
import type { AzureTable } from './azureTables';
import type { StoredConversation } from './store';
import { StoreDataError } from './storeDataError';

const TABLE = 'conversations';
/** One conversation per partition (PartitionKey = encoded conversation id): no range reads needed. */
const ROW = 'conversation';
const SCOPES: ReadonlySet<string> = new Set(['personal', 'groupChat', 'channel']);

/** Conversation references of the Azure store. */
export interface AzureConversations {
  save(conversation: StoredConversation): Promise<void>;
  get(key: string): Promise<StoredConversation | undefined>;
  delete(key: string): Promise<void>;
}

function fromEntity(entity: TableEntityResult<EntityProps>, key: string): StoredConversation {
  const ref = JSON.stringify(key);
  const reference = getJson(entity, 'reference', TABLE, ref);
  if (typeof reference !== 'object' || reference === null || Array.isArray(reference)) {
    throw new StoreDataError(TABLE, 'reference', ref, 'not a JSON object');
  }
  const scope = getText(entity, 'scope', TABLE, ref);
  if (scope === undefined || !SCOPES.has(scope))
    throw new StoreDataError(TABLE, 'scope', ref, 'not a conversation scope');
  const updatedAt = getText(entity, 'updatedAt', TABLE, ref);
  if (updatedAt === undefined) throw new StoreDataError(TABLE, 'updatedAt', ref, 'missing');
  const tenantId = getText(entity, 'tenantId', TABLE, ref);
  const userId = getText(entity, 'userId', TABLE, ref);
  return {
    key,
    scope: scope as StoredConversation['scope'],
    ...(tenantId === undefined ? {} : { tenantId }),
    ...(userId === undefined ? {} : { userId }),
    reference: reference as Record<string, unknown>,
    updatedAt,
  };
}

export function createAzureConversations(table: AzureTable): AzureConversations {
  const pk = (key: string): string => checkKeyLength(encodeKeyPart(key), 'conversation id');
  return {
    async save(conversation) {
      const props: EntityProps = {};
      putText(props, 'scope', conversation.scope);
      putText(props, 'tenantId', conversation.tenantId);
      putText(props, 'userId', conversation.userId);
      putText(props, 'reference', JSON.stringify(conversation.reference));
      putText(props, 'updatedAt', conversation.updatedAt);
      checkEntitySize(props, `conversation ${JSON.stringify(conversation.key)}`);
      const entity = { partitionKey: pk(conversation.key), rowKey: ROW, ...props };
      await table.run('saving a conversation', (c, abortSignal) => c.upsertEntity(entity, 'Replace', { abortSignal }));
    },
    async get(key) {
      const got = await table.attempt('reading a conversation', [404], (c, abortSignal) =>
        c.getEntity<EntityProps>(pk(key), ROW, { abortSignal }),
      );
      return got.ok ? fromEntity(got.value, key) : undefined;
    },
    async delete(key) {
      await table.attempt('deleting a conversation', [404], (c, abortSignal) =>
        c.deleteEntity(pk(key), ROW, { abortSignal }),
      );
    },
  };
}
