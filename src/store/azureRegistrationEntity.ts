import type { CheckResult } from '../consent';
import { checkEntitySize, getJson, getText, putText, type EntityProps } from './azureEntityText';
import { KEY_SEPARATOR, checkKeyLength, encodeKeyPart, sortableTime } from './azureKeys';
import type { StoredRegistration } from './store';
import { StoreDataError } from './storeDataError';
import { isRecord } from '../shared/isRecord';

/**
 * Every row about registrations lives in one partition of one table, so a registration and
 * its index rows change together in one entity group transaction: no index ever points at a
 * stale record and no record is ever missing from its index. Rows:
 *   `reg|<id>`                  the registration itself
 *   `owner|<ownerId>|<id>`      listRegistrations(ownerId) reads this range
 *   `due|<nextDueAt>|<id>`      listDueRegistrations reads this range, earliest first
 * (each part encoded by azureKeys, times in sortableTime form).
 */
export const REGISTRATION_PARTITION = 'registrations';
export const TABLE = 'registrations';
const S = KEY_SEPARATOR;

export const mainRowKey = (id: string): string => checkKeyLength(`reg${S}${encodeKeyPart(id)}`, 'registration id');
export const ownerRowPrefix = (ownerId: string): string => `owner${S}${encodeKeyPart(ownerId)}${S}`;
export const ownerRowKey = (ownerId: string, id: string): string =>
  checkKeyLength(`${ownerRowPrefix(ownerId)}${encodeKeyPart(id)}`, 'registration owner id plus registration id');
export const DUE_PREFIX = `due${S}`;
export const dueRowKey = (dueMs: number, id: string): string =>
  checkKeyLength(`${DUE_PREFIX}${sortableTime(dueMs)}${S}${encodeKeyPart(id)}`, 'registration id');

/** The due time inside a due row key, and the encoded id after it. */
export function parseDueRowKey(rowKey: string): { time: string; encodedId: string } | undefined {
  const [prefix, time, encodedId, ...rest] = rowKey.split(S);
  if (`${prefix}${S}` !== DUE_PREFIX || time === undefined || encodedId === undefined || rest.length > 0)
    return undefined;
  return { time, encodedId };
}

const TEXT_FIELDS = [
  'id',
  'ownerId',
  'ownerTenantId',
  'label',
  'tenantInput',
  'tenantId',
  'clientId',
  'sealedSecret',
  'secretHint',
  'createdAt',
  'updatedAt',
] as const;

/** The registration as entity properties (without keys), refused if over the size limit. */
export function registrationToProps(registration: StoredRegistration): EntityProps {
  const props: EntityProps = {};
  for (const field of TEXT_FIELDS) putText(props, field, registration[field]);
  putText(
    props,
    'lastResult',
    registration.lastResult === undefined ? undefined : JSON.stringify(registration.lastResult),
  );
  putText(props, 'lastCheckedAt', registration.lastCheckedAt);
  putText(
    props,
    'statusCard',
    registration.statusCard === undefined ? undefined : JSON.stringify(registration.statusCard),
  );
  putText(props, 'nextDueAt', registration.nextDueAt);
  checkEntitySize(props, `registration ${JSON.stringify(registration.id)}`);
  return props;
}

/** Maps an entity back; optional fields absent rather than undefined; damage is a StoreDataError. */
export function registrationFromEntity(entity: EntityProps, idHint: string): StoredRegistration {
  const ref = JSON.stringify(idHint);
  const text = (field: string): string | undefined => getText(entity, field, TABLE, ref);
  const required = (field: (typeof TEXT_FIELDS)[number]): string => {
    const value = text(field);
    if (value === undefined) throw new StoreDataError(TABLE, field, ref, 'missing');
    return value;
  };
  const lastResult = getJson(entity, 'lastResult', TABLE, ref);
  if (
    lastResult !== undefined &&
    (!isRecord(lastResult) || (lastResult.kind !== 'report' && lastResult.kind !== 'failure'))
  ) {
    throw new StoreDataError(TABLE, 'lastResult', ref, 'not a check result');
  }
  const statusCard = getJson(entity, 'statusCard', TABLE, ref);
  if (
    statusCard !== undefined &&
    (!isRecord(statusCard) ||
      typeof statusCard.conversationKey !== 'string' ||
      typeof statusCard.activityId !== 'string')
  ) {
    throw new StoreDataError(TABLE, 'statusCard', ref, 'not a status card reference');
  }
  const lastCheckedAt = text('lastCheckedAt');
  const nextDueAt = text('nextDueAt');
  return {
    id: required('id'),
    ownerId: required('ownerId'),
    ownerTenantId: required('ownerTenantId'),
    label: required('label'),
    tenantInput: required('tenantInput'),
    tenantId: required('tenantId'),
    clientId: required('clientId'),
    sealedSecret: required('sealedSecret'),
    secretHint: required('secretHint'),
    createdAt: required('createdAt'),
    updatedAt: required('updatedAt'),
    ...(lastResult === undefined ? {} : { lastResult: lastResult as unknown as CheckResult }),
    ...(lastCheckedAt === undefined ? {} : { lastCheckedAt }),
    ...(statusCard === undefined
      ? {}
      : {
          statusCard: {
            conversationKey: statusCard.conversationKey as string,
            activityId: statusCard.activityId as string,
          },
        }),
    ...(nextDueAt === undefined ? {} : { nextDueAt }),
  };
}
