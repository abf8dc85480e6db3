import { randomBytes } from 'node:crypto';
import { AzureNamedKeyCredential, TableClient } from '@azure/data-tables';
import {
  createAzureTableStore,
  type AzureTableStore,
  type AzureTableStoreOptions,
} from '../../../src/store/azureTableStore';
import { AZURITE_ACCOUNT_KEY, type Azurite } from '../../helpers/azurite';

/** Fresh table names for one test: one Azurite serves a whole test file. */
export const uniquePrefix = (): string => `t${randomBytes(6).toString('hex')}`;

/** A store on the given tables (two calls with one prefix = two bot instances sharing storage). */
export function azureStore(
  azurite: Azurite,
  tablePrefix: string,
  options: Partial<AzureTableStoreOptions> = {},
): AzureTableStore {
  return createAzureTableStore({ connectionString: azurite.connectionString, tablePrefix, ...options });
}

/** Direct access to one of the store's tables, to assert what is really stored. */
export function rawTable(
  azurite: Azurite,
  tablePrefix: string,
  table: 'registrations' | 'conversations' | 'kv',
): TableClient {
  return new TableClient(
    azurite.tableEndpoint,
    `${tablePrefix}${table}`,
    new AzureNamedKeyCredential('devstoreaccount1', AZURITE_ACCOUNT_KEY),
    {
      allowInsecureConnection: true,
    },
  );
}

/** Every entity of a table, properties as stored. */
export async function rawRows(table: TableClient): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = [];
  for await (const row of table.listEntities<Record<string, unknown>>()) rows.push(row);
  return rows;
}
