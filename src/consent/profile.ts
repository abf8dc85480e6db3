import { readFileSync } from 'fs';
import { join } from 'path';
import office365ConnectorJson from '../../profiles/office365-connector.json';
import { isGuid } from './identifiers';
import type { PermissionKind, PermissionProfile, RequiredPermission } from './report';
import { isRecord } from '../shared/isRecord';

const PROFILE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** Profiles live in <repo>/profiles; the compiled layout (lib/src/consent -> lib/profiles) matches. */
const PROFILES_DIR = join(__dirname, '..', '..', 'profiles');

/** The profile the Office 365 connector needs, the default for every check. */
export const DEFAULT_PROFILE_ID = 'office365-connector';

/** A profile file that does not describe permissions the engine can check. */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function parsePermission(raw: unknown, index: number, problems: string[]): RequiredPermission | undefined {
  const where = `permissions[${index}]`;
  if (!isRecord(raw)) {
    problems.push(`${where} is not an object`);
    return undefined;
  }
  const { name, kind, id, adminConsentRequired } = raw;
  const before = problems.length;
  if (!nonEmptyString(name)) problems.push(`${where}.name must be a non-empty string`);
  if (kind !== 'Delegated' && kind !== 'Application')
    problems.push(`${where}.kind must be "Delegated" or "Application"`);
  if (typeof id !== 'string' || !isGuid(id)) problems.push(`${where}.id must be a GUID`);
  if (typeof adminConsentRequired !== 'boolean') problems.push(`${where}.adminConsentRequired must be true or false`);
  if (problems.length > before) return undefined;
  return {
    name: name as string,
    kind: kind as PermissionKind,
    id: (id as string).toLowerCase(),
    adminConsentRequired: adminConsentRequired as boolean,
  };
}

/**
 * Validates profile data from a file, so a typo in a new connector's profile fails loudly
 * at load time (listing every problem) instead of producing wrong statuses later.
 */
export function parseProfile(raw: unknown): PermissionProfile {
  const problems: string[] = [];
  if (!isRecord(raw)) throw new ProfileError('A permission profile must be a JSON object.');
  const { id, displayName, resourceAppId, resourceDisplayName, permissions } = raw;
  if (typeof id !== 'string' || !PROFILE_ID.test(id)) problems.push('id must be lower-case letters, digits and dashes');
  if (!nonEmptyString(displayName)) problems.push('displayName must be a non-empty string');
  if (typeof resourceAppId !== 'string' || !isGuid(resourceAppId)) problems.push('resourceAppId must be a GUID');
  if (!nonEmptyString(resourceDisplayName)) problems.push('resourceDisplayName must be a non-empty string');
  const parsed: RequiredPermission[] = [];
  if (!Array.isArray(permissions) || permissions.length === 0) {
    problems.push('permissions must be a non-empty list');
  } else {
    permissions.forEach((p, i) => {
      const permission = parsePermission(p, i, problems);
      if (permission) parsed.push(permission);
    });
    const seen = new Set<string>();
    for (const p of parsed) {
      const key = `${p.kind}:${p.id}`;
      if (seen.has(key)) problems.push(`${p.name} (${p.kind}) is listed twice`);
      seen.add(key);
    }
  }
  if (problems.length > 0) {
    throw new ProfileError(`Invalid permission profile: ${problems.join('; ')}.`);
  }
  return {
    id: id as string,
    displayName: displayName as string,
    resourceAppId: (resourceAppId as string).toLowerCase(),
    resourceDisplayName: resourceDisplayName as string,
    permissions: parsed,
  };
}

/** The seven Microsoft Graph permissions of the Office 365 connector (profiles/office365-connector.json). */
export const OFFICE365_CONNECTOR_PROFILE: PermissionProfile = parseProfile(office365ConnectorJson);

const cache = new Map<string, PermissionProfile>([[DEFAULT_PROFILE_ID, OFFICE365_CONNECTOR_PROFILE]]);

/**
 * Loads a profile by id from profiles/<id>.json: another connector is a new file, not new code.
 * The id is restricted to a safe file-name shape so it can never point outside profiles/.
 */
export function loadProfile(id: string = DEFAULT_PROFILE_ID, directory: string = PROFILES_DIR): PermissionProfile {
  if (!PROFILE_ID.test(id)) {
    throw new ProfileError(`"${id.slice(0, 80)}" is not a profile id (lower-case letters, digits and dashes).`);
  }
  const key = directory === PROFILES_DIR ? id : `${directory}::${id}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(join(directory, `${id}.json`), 'utf8');
  } catch {
    throw new ProfileError(`No permission profile named "${id}" in ${directory}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProfileError(`The profile file ${id}.json is not valid JSON.`);
  }
  const profile = parseProfile(json);
  if (profile.id !== id) throw new ProfileError(`The profile file ${id}.json declares id "${profile.id}".`);
  cache.set(key, profile);
  return profile;
}
