import { randomUUID } from 'crypto';

interface PlaygroundUser {
  readonly id: string;
  readonly given: string;
  readonly surname: string;
  readonly upn: string;
  readonly email?: string;
}

/** The playground's own default people; the browser tests rely on Alex Wilber being the user. */
const CURRENT_USER: PlaygroundUser = { id: 'user-id-0', given: 'Alex', surname: 'Wilber', upn: 'alexw@example.com' };
const OTHER_USERS: readonly PlaygroundUser[] = [
  { id: 'user-id-1', given: 'Megan', surname: 'Bowen', upn: 'meganb@example.com' },
  { id: 'user-id-2', given: 'Adele', surname: 'Vance', upn: 'adelev@example.com' },
  { id: 'user-id-3', given: 'Isaiah', surname: 'Langer', upn: 'isaiah@example.com', email: 'isaiahl@example.com' },
  { id: 'user-id-4', given: 'Patti', surname: 'Fernandez', upn: 'pattif@example.com' },
  { id: 'user-id-5', given: 'Lynne', surname: 'Robbins', upn: 'lynner@example.com' },
];

function userFields(user: PlaygroundUser, index: number): string[] {
  return [
    `id: ${user.id}`,
    `name: ${user.given} ${user.surname}`,
    `userPrincipleName: ${user.upn}`,
    `aadObjectId: 00000000-0000-0000-0000-00000000000${20 + index}`,
    `givenName: ${user.given}`,
    `surname: ${user.surname}`,
    `email: ${user.email ?? user.upn}`,
  ];
}

/**
 * The Agents Playground's configuration file (what it reads from `.m365agentsplayground.yml`
 * or M365_AGENTS_PLAYGROUND_CONFIG_PATH, schema 0.1.1): the playground's own defaults (tenant,
 * users, team and channels) except the bot's display name, so the playground shows the
 * product name instead of "Test Bot" and "@<name> remind here" can be typed there. Chat ids are
 * fresh per start, as with the built-in defaults.
 */
export function playgroundConfigYaml(botName: string): string {
  if (botName.length === 0 || botName.length > 42) {
    throw new RangeError('The Agents Playground needs a bot name of 1 to 42 characters');
  }
  return [
    'version: "0.1.1"',
    'tenantId: 00000000-0000-0000-0000-0000000000001',
    'bot:',
    '  id: 00000000-0000-0000-0000-00000000000011',
    `  name: ${JSON.stringify(botName)}`,
    'currentUser:',
    ...userFields(CURRENT_USER, 0).map((line) => `  ${line}`),
    'users:',
    ...OTHER_USERS.flatMap((user, i) =>
      userFields(user, i + 1).map((line, j) => `${j === 0 ? '  - ' : '    '}${line}`),
    ),
    'personalChat:',
    `  id: ${randomUUID()}`,
    'groupChat:',
    `  id: ${randomUUID()}`,
    '  name: Group Chat',
    'team:',
    '  id: team-id',
    '  name: My Team',
    '  aadGroupId: 00000000-0000-0000-0000-000000000031',
    '  channels:',
    '    - id: channel-announcements-id',
    '      name: Announcements',
    '',
  ].join('\n');
}
