import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';
import { CHANNEL_COMMANDS, PERSONAL_COMMANDS } from '../../src/bot/commandList';
import { decodeRgbaPng, readPngHeader } from '../../tools/icons/png';

// strip-bom 5 is ESM-only: jest's CommonJS runtime cannot require it (plain Node 20.19+ can).
// validateAgainstSchema never calls it, so a CommonJS stand-in keeps the real validator loadable.
jest.mock(
  'strip-bom',
  () =>
    (text: string): string =>
      text.replace(/^\uFEFF/, ''),
);

const ROOT = join(__dirname, '..', '..');
const APP_PACKAGE = join(ROOT, 'appPackage');
const MANIFEST_TEXT = readFileSync(join(APP_PACKAGE, 'manifest.json'), 'utf8');

/** Values Teams Toolkit would write into env/.env.<name> during provisioning. */
const SAMPLE_VALUES: Record<string, string> = {
  TEAMS_APP_ID: '2f6c1f4e-9d43-4c54-8a52-0c3e1b9f8d11',
  BOT_ID: '7d9a3c2b-1e5f-4a6b-9c8d-2e4f6a8b0c1d',
  BOT_DOMAIN: 'connector-consent-bot.azurewebsites.net',
  APP_NAME_SUFFIX: 'local',
};

const PLACEHOLDER = /\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g;

function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();
}

function substitute(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no sample value for placeholder ${name}`);
    return value;
  });
}

function parseManifest(text: string): TeamsManifest {
  return JSON.parse(text) as TeamsManifest;
}

/** Where @microsoft/app-manifest keeps its copy of a schema URL, so validation stays offline. */
function bundledSchemaPath(schemaUrl: string): string {
  const packageRoot = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return join(packageRoot, 'build', schemaUrl.replace('https://developer.microsoft.com/', ''));
}

function envKeys(file: string): Set<string> {
  const lines = readFileSync(join(ROOT, 'env', file), 'utf8').split(/\r?\n/);
  return new Set(lines.map((l) => /^([A-Z0-9_]+)=/.exec(l.trim())?.[1]).filter((k): k is string => Boolean(k)));
}

describe('Teams app manifest', () => {
  const manifest = parseManifest(substitute(MANIFEST_TEXT, SAMPLE_VALUES));

  // The schema must come from the package, never from developer.microsoft.com.
  beforeEach(() => {
    jest.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('network is off in this test'));
  });
  afterEach(() => jest.restoreAllMocks());

  it('uses a schema bundled with @microsoft/app-manifest, so it validates offline', () => {
    expect(manifest.$schema).toMatch(
      /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v1\.\d+\/MicrosoftTeams\.schema\.json$/,
    );
    expect(manifest.$schema).toContain(`/v${manifest.manifestVersion}/`);
    expect(existsSync(bundledSchemaPath(String(manifest.$schema)))).toBe(true);
  });

  it('validates against the official schema with the placeholders filled in', async () => {
    const schema = await AppManifestUtils.fetchSchema(String(manifest.$schema));
    const errors = await AppManifestUtils.validateAgainstSchema(manifest, schema);
    expect(errors).toEqual([]);
  });

  it('fails validation when a placeholder is left unfilled (the validator really checks)', async () => {
    const broken = parseManifest(substitute(MANIFEST_TEXT, { ...SAMPLE_VALUES, BOT_ID: '${{BOT_ID}}' }));
    const schema = await AppManifestUtils.fetchSchema(String(broken.$schema));
    const errors = await AppManifestUtils.validateAgainstSchema(broken, schema);
    expect(errors.join('\n')).toContain('/bots/0/botId');
  });

  it('takes its ids and domain from Teams Toolkit environment variables', () => {
    const raw = JSON.parse(MANIFEST_TEXT) as { id: string; bots: { botId: string }[]; validDomains: string[] };
    expect(raw.id).toBe('${{TEAMS_APP_ID}}');
    expect(raw.bots[0].botId).toBe('${{BOT_ID}}');
    expect(raw.validDomains).toContain('${{BOT_DOMAIN}}');
  });

  it.each(['.env.dev', '.env.local', '.env.playground'])('declares every placeholder as a key in env/%s', (file) => {
    const keys = envKeys(file);
    for (const name of placeholdersIn(MANIFEST_TEXT)) expect(keys).toContain(name);
  });

  it('offers the bot in personal chat, teams and group chats', () => {
    expect(manifest.bots?.[0].scopes).toEqual(expect.arrayContaining(['personal', 'team', 'groupChat']));
  });

  it('lists the personal commands the bot implements', () => {
    const lists = manifest.bots?.[0].commandLists ?? [];
    const personal = lists.find((l) => l.scopes.includes('personal'));
    const titles = personal?.commands.map((c) => c.title) ?? [];
    expect(titles).toEqual(expect.arrayContaining(['setup', 'check', 'status', 'help', 'forget']));
  });

  it('lists exactly the personal commands the bot answers, and every channel command it answers', () => {
    const lists = manifest.bots?.[0].commandLists ?? [];
    const titles = (scope: 'personal' | 'team' | 'groupChat'): string[] =>
      lists.find((l) => l.scopes.includes(scope))?.commands.map((c) => c.title) ?? [];
    expect([...titles('personal')].sort()).toEqual(PERSONAL_COMMANDS.map((c) => c.name).sort());
    for (const scope of ['team', 'groupChat'] as const) {
      expect(titles(scope)).toEqual(expect.arrayContaining(CHANNEL_COMMANDS.map((c) => c.name)));
    }
  });

  it('lists the channel and group chat commands for reminders', () => {
    const lists = manifest.bots?.[0].commandLists ?? [];
    for (const scope of ['team', 'groupChat'] as const) {
      const list = lists.find((l) => l.scopes.includes(scope));
      const titles = list?.commands.map((c) => c.title) ?? [];
      expect(titles).toEqual(expect.arrayContaining(['remind here', 'reminders', 'reminders off', 'help']));
    }
  });

  it('keeps command titles and descriptions within what the Teams command menu shows', () => {
    for (const list of manifest.bots?.[0].commandLists ?? []) {
      for (const command of list.commands) {
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect((command.description ?? '').length).toBeLessThanOrEqual(128);
      }
    }
  });
});

describe('Teams app icons', () => {
  it('has a 192x192 colour icon', () => {
    const header = readPngHeader(readFileSync(join(APP_PACKAGE, 'color.png')));
    expect([header.width, header.height]).toEqual([192, 192]);
  });

  it('has a 32x32 outline icon that is white on a transparent background', () => {
    const png = readFileSync(join(APP_PACKAGE, 'outline.png'));
    const header = readPngHeader(png);
    expect([header.width, header.height]).toEqual([32, 32]);
    const { pixels } = decodeRgbaPng(png);
    let transparent = 0;
    let opaqueNonWhite = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] === 0) transparent++;
      else if (pixels[i] !== 255 || pixels[i + 1] !== 255 || pixels[i + 2] !== 255) opaqueNonWhite++;
    }
    expect(transparent).toBeGreaterThan(32 * 4);
    expect(opaqueNonWhite).toBe(0);
    expect(pixels[3]).toBe(0);
  });
});
